import Testing
import WritTypes

/// §14–§17: when, Optional, narrowing, Result.
@Suite struct PatternTests {
    @Test func whenForms() {
        expectChecks("""
            func label(n: int) -> string {
                return when n {
                    0 => "zero"
                    1, 2, 3 => "few"
                    4..10 => "some"
                    x if x < 0 => "negative"
                    else => "many"
                }
            }
            let t = 31
            when {
                t > 30 => print("hot")
                t > 15 => print("mild")
                else => print("cold")
            }
            """)
        expectError("""
            let n = 1
            let s = when n {
                @@else => "a"
                1 => "b"
            }
            """, "'else' must be the last arm", only: false)
    }

    @Test func exhaustiveness() {
        expectError("""
            enum Direction { North, East, South, West }
            func f(d: Direction) -> int {
                return @@when d {
                    Direction.North => 1
                    Direction.East => 2
                    Direction.South => 3
                }
            }
            """, "non-exhaustive when: missing Direction.West")
        expectError("""
            let n = 3
            let s = @@when n {
                1 => "one"
            }
            """, "non-exhaustive when: missing 'else'")
        expectError("""
            enum E { A, B }
            let e = E.A
            @@when e {
                E.A => print("a")
            }
            """, "non-exhaustive when: missing E.B")
        expectError("""
            let r: Result<int> = Success(1)
            @@when r {
                is Success(v) => print(v)
            }
            """, "non-exhaustive when: missing Error")
        expectChecks("""
            let n = 3
            when n {
                1 => print("one")
            }
            let b = true
            let s = when b {
                true => "t"
                false => "f"
            }
            """)
    }

    @Test func whenTypePatterns() {
        expectChecks("""
            class Animal {}
            class Dog extends Animal { public func bark() -> string { return "woof" } }
            let a: Animal = Dog()
            when a {
                is Dog(d) => print(d.bark())
                is Animal => print("animal")
            }
            let r: Result<int> = Success(2)
            let v = when r {
                is Success(x) => x
                is Error(m) => m.length
            }
            """)
        expectError("""
            let n = 1
            when n {
                @@"a" => print(1)
                else => print(2)
            }
            """, "cannot compare int and string")
    }

    @Test func whenTypeArmsNarrowTheSubject() {
        expectChecks("""
            class Animal {}
            class Dog extends Animal { public func bark() -> string { return "woof" } }
            func f(a: Animal) -> string {
                return when a {
                    is Dog => a.bark()
                    else => "?"
                }
            }
            """)
    }

    @Test func bindingTestsInIf() {
        expectChecks("""
            class Animal { }
            class Dog extends Animal { public func bark() -> string { return "woof" } }
            let pets: Array<Animal> = [Animal(), Dog()]
            for p in pets {
                if p is Dog(d) { print(d.bark()) } else { print("not a dog") }
            }
            func parse(s: string) -> Result<int> { return Success(1) }
            if parse("1") is Success(v) { print(v + 1) }
            if parse("1") is Error(m) { print(m.length) }
            """)
        expectError("""
            class Dog {}
            let d = Dog()
            if d is Dog(x) { }
            print(@@x)
            """, "undefined variable 'x'")
    }

    @Test func optionals() {
        expectChecks("""
            class Weapon { public name: string }
            class Hero { public weapon: Optional<Weapon> }
            let armed = Hero(Weapon("axe"))
            print(armed.weapon?.name ?? "unarmed", armed.weapon.hasValue, armed.weapon.value.name)
            let n: Optional<int> = null
            print(n ?? 0, n == null)
            let m: Optional<int> = n ?? null
            """)
        expectError("""
            class Hero { public name: string }
            let h: Optional<Hero> = Hero("x")
            print(h.@@name)
            """, "'Optional<Hero>' has no member 'name'")
        expectError("""
            let n = 3
            print(@@n?.toString())
            """, "'?.' requires an Optional value")
    }

    @Test func narrowing() {
        expectChecks("""
            func len(s: Optional<string>) -> int {
                if s == null { return -1 }
                return s.length
            }
            func greet(name: Optional<string>) -> string {
                return name != null && name.length > 0 ? "hi " .. name : "nobody"
            }
            func f(x: Optional<int>) -> int {
                if x.hasValue { return x + 1 }
                if !(x == null) { return x }
                return 0
            }
            class Animal {}
            class Dog extends Animal { public func bark() {} }
            func g(a: Animal) {
                if a is Dog { a.bark() }
                if !(a is Dog) { return }
                a.bark()
            }
            func h(x: Optional<int>) -> int {
                var best: Optional<int> = null
                for i in 0..3 { if best == null { best = i } }
                if best != null { return best }
                while x != null { return x }
                return 0
            }
            """)
        // A var assigned inside the region is not narrowed.
        expectError("""
            func f(s0: Optional<int>) -> int {
                var x = s0
                while x != null {
                    x = null
                }
                if x != null {
                    x = 3
                    return x @@+ 1
                }
                return 0
            }
            """, "operator '+' cannot be applied to Optional<int> and int")
        // A captured var is not narrowed.
        expectError("""
            func f() -> int {
                var x: Optional<int> = 1
                let g = () => { x = null }
                if x != null { return x @@+ 1 }
                return 0
            }
            """, "operator '+' cannot be applied to Optional<int> and int")
        // Fields are never narrowed.
        expectError("""
            class C { public v: Optional<int> }
            func f(c: C) -> int {
                if c.v != null { return c.v @@+ 1 }
                return 0
            }
            """, "operator '+' cannot be applied to Optional<int> and int")
    }

    @Test func results() {
        expectChecks("""
            func parse(s: string) -> Result<int> {
                let n = parseInt(s)
                if n == null { return Error("not a number: " .. s) }
                return Success(n)
            }
            func sum(a: string, b: string) -> Result<int> {
                let x = parse(a)?
                let y = parse(b)?
                return Success(x + y)
            }
            print(sum("2", "40"), sum("?", "1") ?? -1)
            let inferred = Success(3)
            """)
        expectError("""
            let e = @@Error("x")
            """, "cannot infer type of 'Error'; add a type annotation")
        expectError("""
            let e: Result<int> = Error(@@3)
            """, "type mismatch: expected string, found int")
        expectError("""
            func p() -> Result<int> { return Success(1) }
            func f() -> int { return @@p()? }
            """, "'?' can only be used in a function that returns Result", at: (2, 26))
        expectError("""
            func f() -> Result<int> {
                let x = 3
                return Success(@@x?)
            }
            """, "'?' requires a Result value")
    }
}
