import Testing
import WritTypes

/// §8, §9: functions, arguments, returns, lambdas.
@Suite struct FunctionTests {
    @Test func namedAndPositionalArguments() {
        expectChecks("""
            func describe(name: string, level: int) -> string { return "$name:$level" }
            print(describe(level: 3, name: "orc"), describe("a", 1))
            """)
        expectError("""
            func describe(name: string, level: int) -> string { return name }
            print(describe("orc", @@level: 3))
            """, "cannot mix positional and named arguments")
        expectError("""
            func describe(name: string, level: int) -> string { return name }
            print(@@describe("orc"))
            """, "wrong number of arguments: 'describe' expects 2, found 1")
        expectError("""
            func describe(name: string, level: int) -> string { return name }
            print(describe(name: "x", @@lvl: 3))
            """, "'describe' has no parameter 'lvl'", only: false)
        expectError("""
            func f(a: int) {}
            f(@@"x")
            """, "type mismatch: expected int, found string")
    }

    @Test func variadics() {
        expectChecks("""
            func sum(label: string, ...nums: int) -> string {
                var total = 0
                for n in nums { total += n }
                return "$label=$total"
            }
            let more = [4, 5]
            print(sum("none"), sum("some", 1, 2, 3), sum("spread", 1, ...more))
            """)
        expectError("""
            func f(a: int) {}
            let xs = [1]
            f(@@...xs)
            """, "a spread argument can only fill a variadic parameter")
    }

    @Test func missingReturn() {
        expectError("""
            func @@f(x: int) -> int {
                if x > 0 { return 1 }
            }
            """, "missing return in function 'f'")
        expectChecks("""
            func a(x: int) -> int { if x > 0 { return 1 } else { return 2 } }
            func b(x: int) -> int { while true { } }
            enum E { P, Q }
            func c(e: E) -> int {
                when e {
                    E.P => return 1
                    E.Q => return 2
                }
            }
            func d(x: bool) -> int {
                when x {
                    true => { return 1 }
                    false => { return 0 }
                }
            }
            """)
        expectError("""
            func @@b(x: int) -> int { while true { break } }
            """, "missing return in function 'b'")
    }

    @Test func returnValues() {
        expectError("""
            func f() { return @@1 }
            """, "cannot return a value from a void function")
        expectError("""
            func f() -> int { @@return }
            """, "missing return value")
        expectError("""
            func f() -> int { return @@"s" }
            """, "type mismatch: expected int, found string")
    }

    @Test func functionValues() {
        expectChecks("""
            func add(a: int, b: int) -> int { return a + b }
            let f: (int, int) -> int = add
            let g = add
            print(f(1, 2), g(3, 4))
            """)
        expectError("""
            func id<T>(x: T) -> T { return x }
            let f = @@id
            """, "'id' cannot be used as a value; wrap it in a lambda")
        expectError("""
            let n = 3
            @@n(1)
            """, "cannot call a value of type int", at: (2, 1))
    }

    @Test func lambdas() {
        expectChecks("""
            let double = (x: int) => x * 2
            let shout = (s: string) => {
                let t = s.toUpper()
                return t .. "!"
            }
            let apply: ((int) -> int, int) -> int = (f: (int) -> int, v: int) => f(v)
            let toFloat: (int) -> float = (x: int) => 0
            let mixed = (b: bool) => {
                if b { return 1 }
                return 2.5
            }
            let m: float = mixed(true)
            print(double(4), shout("hey"), apply(double, 10), toFloat(1))
            """)
        expectError("""
            let f: (int) -> int = @@(x: float) => 1
            """, "type mismatch: expected (int) -> int, found (float) -> int")
    }

    @Test func breakAndContinueNeedALoop() {
        expectError("@@break", "'break' outside of a loop")
        expectError("""
            while true {
                let f = () => {
                    @@continue
                }
            }
            """, "'continue' outside of a loop")
    }

    @Test func topLevelReturn() {
        expectChecks("""
            print("a")
            if true { return 5 }
            print("b")
            """)
    }
}
