import Testing
import WritTypes

/// §10–§13: classes, traits, structs, enums.
@Suite struct ClassTests {
    @Test func constructors() {
        expectChecks("""
            class Player {
                public name: string
                public health: float = 100.0
                private speed: float = 5.0
            }
            let a = Player("Hero")
            let b = Player("Hero", 50)
            let c = Player(name: "Hero", speed: 2.0)
            class Box {
                public items: Array<int> = []
                public label: Optional<string>
            }
            let d = Box()
            """)
        expectError("""
            class Player { public name: string }
            let p = Player(name: "x", @@hp: 3)
            """, "'Player' has no field 'hp'")
        expectError("""
            struct Point { public x: int
                public y: int }
            let p = @@Point(x: 1)
            """, "missing argument for field 'y' of 'Point'")
        expectError("""
            struct Point { public x: int }
            let p = @@Point(1, 2)
            """, "wrong number of arguments: 'Point' expects 1, found 2")
    }

    @Test func visibility() {
        expectError("""
            class Wallet {
                private money: int = 0
                public func add(n: int) { money += n }
            }
            let w = Wallet()
            print(w.@@money)
            """, "'money' is private to 'Wallet'")
        expectChecks("""
            class Base {
                private secret: int = 1
                func hidden() -> int { return secret }
            }
            class Derived extends Base {
                public func reveal() -> int { return secret + hidden() }
            }
            """)
        expectError("""
            class Wallet { func hidden() {} }
            Wallet().@@hidden()
            """, "'hidden' is private to 'Wallet'")
    }

    @Test func methodsAndSelf() {
        expectChecks("""
            class Counter {
                public value: int = 0
                public func reset(value: int) { self.value = value }
                public func bump() -> Counter { value += 1; return self }
            }
            let c = Counter()
            c.bump().bump()
            """)
    }

    @Test func staticMethods() {
        expectChecks("""
            class Vec {
                public x: int
                public static func origin() -> Vec { return Vec(0) }
                public static func twice() -> Vec { return origin() }
            }
            print(Vec.origin().x)
            """)
        expectError("""
            class Vec {
                public x: int
                public static func origin() -> Vec { return Vec(0) }
            }
            Vec(1).@@origin()
            """, "static method 'origin' must be called on its type")
    }

    @Test func setters() {
        expectChecks("""
            class Health {
                public hp: int = 100
                    set(v) { field = v < 0 ? 0 : (v > 100 ? 100 : v) }
            }
            let h = Health(150)
            h.hp = 250
            h.hp -= 300
            struct S {
                public n: int = 0
                    set(v) { field = v * 2 }
            }
            var s = S()
            s.n = 3
            """)
    }

    @Test func inheritanceAndSuper() {
        expectChecks("""
            class A {
                public func name() -> string { return "A" }
                public func hello() -> string { return "hello from " .. name() }
            }
            class B extends A {
                public func name() -> string { return "B<" .. super.name() .. ">" }
            }
            let x: A = B()
            print(x.hello(), x is B)
            """)
        expectError("""
            class A { public func m() -> int { return 1 } }
            class B extends A { public func @@m() -> string { return "" } }
            """, "override of 'm' must have the same signature")
        expectError("""
            class A { public x: int = 0 }
            class B extends A { public @@x: int = 1 }
            """, "duplicate declaration of 'x'")
        expectError("""
            class A { public func m() { @@super.m() } }
            """, "'super' used in a class with no parent")
        expectError("""
            func f() { @@super.m() }
            """, "'super' used outside of a class method")
    }

    @Test func inheritanceCycles() {
        expectError("""
            class A extends @@B {}
            class B extends A {}
            """, "class 'A' inherits from itself", only: false)
        expectError("""
            class A extends @@A {}
            """, "class 'A' inherits from itself")
    }

    @Test func traits() {
        expectChecks("""
            trait Damageable {
                func takeDamage(amount: int)
                func describe() -> string { return "something" }
                func hit() {
                    takeDamage(10)
                    print(describe() .. " was hit")
                }
            }
            class Crate with Damageable {
                public hp: int = 20
                func takeDamage(amount: int) { hp -= amount }
            }
            let things: Array<Damageable> = [Crate()]
            for t in things { t.hit() }
            """)
        expectError("""
            trait Runner { func run() }
            class @@Dog with Runner {}
            """, "class 'Dog' does not implement 'run' required by trait 'Runner'")
        expectError("""
            trait Runner { func run() }
            class @@Dog with Runner { func run(x: int) {} }
            """, "class 'Dog' does not implement 'run' required by trait 'Runner'")
        expectError("""
            class Dog with @@Runer {}
            """, "unknown trait 'Runer'")
        expectError("""
            trait A { func m() {} }
            trait B { func m() {} }
            class @@C with A, B {}
            """, "ambiguous default method 'm'")
        expectError("""
            trait R { func run() }
            class D with R { @@private func run() {} }
            """, "method 'run' implements a trait method and cannot be private")
    }

    @Test func structs() {
        expectChecks("""
            struct Point {
                public x: int
                public y: int
            }
            var a = Point(1, 2)
            var b = a
            b.x = 99
            print(a == b)
            struct P { public x: int }
            class Holder { public p: P = P(0) }
            let h = Holder()
            h.p.x = 5
            let arr = [P(1), P(2)]
            arr[1].x = 20
            """)
        expectError("""
            struct P { public x: int }
            let p = P(1)
            @@p.x = 2
            """, "cannot modify 'p': it is an immutable struct value")
        expectError("""
            struct P { public x: int }
            func f(p: P) { @@p.x = 2 }
            """, "cannot modify 'p': it is an immutable struct value")
        expectError("""
            struct P {
                public x: int
                public func bump() { @@x = 2 }
            }
            """, "cannot modify field 'x' in a struct method")
        expectError("""
            struct P {}
            struct Q extends @@P {}
            """, "structs cannot use 'extends'")
        expectError("""
            trait T {}
            struct Q with @@T {}
            """, "structs cannot use 'with'")
        expectError("""
            struct @@Node { public next: Optional<Node> }
            """, "struct 'Node' contains itself")
    }

    @Test func operatorMethods() {
        expectChecks("""
            struct V2 {
                public x: float
                public y: float
                public func add(o: V2) -> V2 { return V2(x + o.x, y + o.y) }
                public func multiply(k: float) -> V2 { return V2(x * k, y * k) }
                public func negate() -> V2 { return V2(-x, -y) }
                public func lt(o: V2) -> bool { return x < o.x }
            }
            var v = V2(1, 2) + V2(3, 4)
            v += V2(1, 1)
            print(v, v * 2, -v, V2(1, 0) < v)
            """)
        expectError("""
            struct V { public x: int }
            let v = V(1) @@+ V(2)
            """, "operator '+' cannot be applied to V and V")
    }

    @Test func enums() {
        expectChecks("""
            enum Direction { North, East, South, West }
            let d = Direction.East
            print(d, d == Direction.East)
            enum Status {
                Alive(100, "ok"), Wounded(50, "hurt"), Dead(0)

                health: int
                label: string = "gone"

                func isAlive() -> bool { return health > 0 }
            }
            let s = Status.Wounded
            print(s.health, s.label, s.isAlive(), Status.Dead.label)
            """)
        expectError("""
            enum D { N, E }
            let d = D.@@S
            """, "'D' has no member 'S'")
        expectError("""
            enum S {
                A(@@f())
                n: int
            }
            func f() -> int { return 1 }
            """, "const initializer must be a constant expression")
    }

    @Test func weakFields() {
        expectChecks("""
            class Node {
                public name: string
                public weak parent: Optional<Node>
            }
            """)
        expectError("""
            class Node { public weak parent: @@Node }
            """, "weak field must have an Optional class type")
    }
}

@Suite struct MoreClassRules {
    @Test func fieldDefaultsCannotUseSelf() {
        expectError("""
            class A {
                public x: int = 1
                public y: int = @@x + 1
            }
            """, "a field default cannot refer to 'self' or other fields")
        expectError("""
            class A {
                public y: Optional<A> = @@self
            }
            """, "a field default cannot refer to 'self' or other fields")
        expectChecks("""
            let base = 10
            func seed() -> int { return 3 }
            class A {
                public y: int = base + seed()
                public f: () -> int = () => base
            }
            """)
    }

    @Test func structSettersOnlyAssignField() {
        expectError("""
            var count = 0
            struct S {
                public n: int = 0
                    set(v) {
                        @@count = 1
                        field = v
                    }
            }
            """, "a struct setter can only assign 'field'")
    }
}
