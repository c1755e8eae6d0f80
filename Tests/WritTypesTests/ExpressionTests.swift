import Testing
import WritTypes

/// §4, §6: assignability, inference, operators, casts, type tests.
@Suite struct ExpressionTests {
    @Test func assignability() {
        expectChecks("""
            let a: float = 3
            let b: Optional<int> = 5
            let c: Optional<int> = null
            let d: float = -4
            func half(x: float) -> float { return x / 2 }
            print(a, b, c, d, half(7))
            """)
        expectError("""
            let n = 3
            let f: float = @@n
            """, "type mismatch: expected float, found int")
        expectError("""
            let s: string = @@null
            """, "type mismatch: expected string, found null")
        expectError("""
            let s: string = @@5
            """, "type mismatch: expected string, found int")
    }

    @Test func arraysAreInvariant() {
        expectError("""
            class Animal {}
            class Dog extends Animal {}
            let dogs: Array<Dog> = [Dog()]
            let animals: Array<Animal> = @@dogs
            """, "type mismatch: expected Array<Animal>, found Array<Dog>")
    }

    @Test func inference() {
        expectChecks("""
            let xs = [1, 2.5, 3]
            let f: float = xs[0]
            let m = [1, null]
            let o: Optional<int> = m[0]
            let e: Array<int> = []
            let d: Dictionary<string, int> = {}
            """)
        expectError("let x = @@null", "cannot infer type of 'null'; add a type annotation")
        expectError("let x = @@[]", "cannot infer type of empty array literal")
        expectError("let x = @@{}", "cannot infer type of empty dictionary literal")
        expectError("""
            let a = 1
            let xs = [a, @@"s"]
            """, "type mismatch: expected int, found string")
    }

    @Test func arithmetic() {
        expectChecks("""
            let i = 7 / 2
            let f = 7.0 / 2
            let n = 3
            let mixed: float = n * 1.5
            let s = "con" + "cat"
            """)
        expectError("""
            let x = "a" @@+ 1
            """, "operator '+' cannot be applied to string and int")
        expectError("""
            let x = "a" @@* 2
            """, "operator '*' cannot be applied to string and int")
        expectError("""
            let x = @@-"a"
            """, "operator '-' cannot be applied to string")
    }

    @Test func comparisonAndEquality() {
        expectChecks("""
            let a = 1 < 2.5
            let b = "a" < "b"
            let c = (1, 2) == (1, 2)
            let o: Optional<int> = 3
            let d = o == 3
            let e = o == null
            let r: Result<int> = Success(1)
            let f = r == Error("x")
            let g = [1] == [1]
            """)
        expectError("""
            let x = 1 @@== "a"
            """, "cannot compare int and string")
        expectError("""
            let x = true @@< false
            """, "operator '<' cannot be applied to bool and bool")
    }

    @Test func logicalOperators() {
        expectError("""
            let x = 1 @@&& true
            """, "operator '&&' cannot be applied to int and bool")
        expectError("""
            if @@1 { }
            """, "condition must be bool, found int")
        expectError("""
            let x = @@!3
            """, "operator '!' cannot be applied to int")
    }

    @Test func concatenationAndRanges() {
        expectChecks("""
            print("score: " .. 10 .. ", ok: " .. true)
            print(1.5 .. "x", "list " .. [1, 2])
            for i in 0..3 { print(i) }
            for i in 0..=3 { print(i) }
            """)
        expectError("""
            let r = @@0..3
            """, "a range can only be used in a for loop or a when pattern")
        expectError("""
            let r = 1.5 @@.. 2
            """, "operator '..' cannot be applied to float and int")
    }

    @Test func ternary() {
        expectChecks("""
            let a = true ? 1 : 2.5
            let b: Optional<int> = false ? 1 : null
            let c = true ? 1 : null
            """)
        expectError("""
            let a = @@3 ? 1 : 2
            """, "condition must be bool, found int")
        expectError("""
            let a = true ? 1 : @@"x"
            """, "type mismatch: expected int, found string")
    }

    @Test func casts() {
        expectChecks("""
            class A {}
            class B extends A {}
            trait T { func m() }
            class C extends A with T { func m() {} }
            let x: A = B()
            let b = x as B
            let t = C() as T
            let c = t as C
            let u = x as T
            print(3.99 as int, 7 as float, 3 as int)
            """)
        expectError("""
            let x = @@"1" as int
            """, "cannot cast string to int")
        expectError("""
            let x = @@1 as bool
            """, "cannot cast int to bool")
    }

    @Test func typeTests() {
        expectChecks("""
            class A {}
            class B extends A {}
            let x: A = B()
            print(x is B, x is A, 5 is int)
            let o: Optional<A> = null
            print(o is B)
            """)
    }

    @Test func tuples() {
        expectChecks("""
            let pair = ("hp", 7.5)
            let (name, amount) = pair
            let (_, second) = pair
            print(pair[0], pair[1], name, amount, second)
            """)
        expectError("""
            let pair = (1, 2)
            print(pair[@@2])
            """, "tuple index out of range")
        expectError("""
            let pair = (1, 2)
            @@pair[0] = 3
            """, "tuples are immutable")
        expectError("""
            let @@(a, b, c) = (1, 2)
            """, "cannot destructure a tuple of 2 elements into 3 names")
        expectError("""
            let (a, b) = @@5
            """, "cannot destructure non-tuple type int")
    }

    @Test func collections() {
        expectChecks("""
            let a = [1, 2, 3]
            let c = [0, ...a, 9]
            var d = {"b": 2, "a": 1}
            d["c"] = 3
            let v: Optional<int> = d["zz"]
            let m = {...d, "new": 5}
            print(a.length, a.first(), a.slice(1, 2), d.get("q", 0), d.keys(), m.has("a"))
            print(a.map((x: int) => x * 10).filter((x: int) => x > 20), a.reduce(0, (acc: int, x: int) => acc + x), a.join("-"))
            let names = ["bob", "al"]
            names.sort((x: string, y: string) => x.length < y.length)
            a.forEach((x: int) => print(x))
            """)
        expectError("""
            let d = {@@1.5: "x"}
            """, "invalid dictionary key type float", at: (1, 9))
        expectError("""
            let d: Dictionary<@@float, int> = {}
            """, "invalid dictionary key type float")
        expectError("""
            class P {}
            let xs = [P()]
            xs.@@sort()
            """, "'sort()' needs int, float or string elements, found P; pass a comparison function")
        expectError("""
            let xs = [1]
            xs.@@pushh(2)
            """, "'Array<int>' has no member 'pushh'", help: "did you mean 'push'?")
    }

    @Test func strings() {
        expectChecks("""
            let s = "  Hello, World  "
            let t = s.trim()
            print(t.length, t.toUpper(), t.indexOf("World"), t.substring(7, 100), t.charAt(1), t.split(","), t.replace("a", "b"))
            for c in "hé" { print(c) }
            print(parseInt("42"), parseFloat("2.5"), 12.toString() .. "!")
            """)
    }

    @Test func mathLibrary() {
        expectChecks("""
            let a: int = abs(-5)
            let b: float = abs(-2.5)
            let c: int = min(3, 7)
            let d: float = max(2, 1.5)
            let e: int = clamp(15, 0, 10)
            print(floor(-0.5), ceil(-0.5), round(2.5), sqrt(16), pow(2, 10), PI, cos(0), atan2(1, 1), exp(0), log(1), INFINITY)
            """)
        expectError("""
            let n = 16
            print(sqrt(@@n))
            """, "type mismatch: expected float, found int")
    }
}
