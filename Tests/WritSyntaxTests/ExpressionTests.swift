import Testing
@testable import WritSyntax

@Suite struct ExpressionTests {
    @Test(arguments: [
        // §6.1 consequences and every level.
        ("\"a\" .. 1 + 2", #"(.. "a" (+ 1 2))"#),
        ("a ?? b + 1", "(?? a (+ b 1))"),
        ("x * y as float", "(* x (as y float))"),
        ("-x.abs()", "(- (call (. x abs)))"),
        ("a || b && c == d < e .. f ?? g + h * i as T", "(|| a (&& b (== c (< d (.. e (?? f (+ g (* h (as i T)))))))))"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b * c % d", "(% (* (/ a b) c) d)"),
        ("a ?? b ?? c", "(?? a (?? b c))"),
        ("a ? b : c ? d : e", "(? a b (? c d e))"),
        ("a ? b ? c : d : e", "(? a (? b c d) e)"),
        ("a < b == c > d", "(== (< a b) (> c d))"),
        ("1..10", "(.. 1 10)"),
        ("1..=10", "(..= 1 10)"),
        ("!a && !!b", "(&& (! a) (! (! b)))"),
        ("x is Dog", "(is x Dog)"),
        ("x is Dog(d)", "(is x Dog(d))"),
        ("p is Success(v)", "(is p Success(v))"),
        ("a as B is C", "(is (as a B) C)"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("((x))", "x"),
    ])
    func precedence(source: String, expected: String) {
        #expect(Support.sexpr(source) == expected)
    }

    @Test func literals() {
        #expect(Support.sexpr("print(1_000_000, 0xFF, 0b1010, -9223372036854775808)")
                == "(call print 1000000 255 10 -9223372036854775808)")
        #expect(Support.sexpr("x(3.5, 1e3, true, false, null, self)") == "(call x 3.5 1000.0 true false null self)")
        #expect(Support.errors("let a = 9223372036854775808") == ["1:9: integer literal is too large"])
        #expect(Support.errors("let a = -9223372036854775809") == ["1:10: integer literal is too large"])
        #expect(Support.errors("let a = 0x8000000000000000") == ["1:9: integer literal is too large"])
        #expect(Support.errors("let a = 1e999") == ["1:9: float literal is out of range"])
        #expect(Support.errors("let a = 1e-999").isEmpty)
        // The minus folds into a bare literal only; with a postfix operator it applies to the result.
        #expect(Support.sexpr("-5") == "-5")
        #expect(Support.sexpr("-5.abs()") == "(- (call (. 5 abs)))")
        #expect(Support.sexpr("- -5") == "(- -5)")
        #expect(Support.sexpr("-0xFF") == "(- 255)")
        #expect(Support.sexpr("-1.5") == "(- 1.5)")
    }

    @Test func postfixForms() {
        #expect(Support.sexpr("a.b?.c(1)[2]?") == "(try (index (call (?. (. a b) c) 1) 2))")
        #expect(Support.sexpr("ns::make(3)") == "(call ns::make 3)")
        #expect(Support.sexpr("ns::Kind.Sword") == "(. ns::Kind Sword)")
        #expect(Support.sexpr("super.name()") == "(call super.name)")
        #expect(Support.sexpr("42.toString()") == "(call (. 42 toString))")
        #expect(Support.sexpr("f(level: 3, name: \"orc\")") == #"(call f level:3 name:"orc")"#)
        #expect(Support.sexpr("sum(\"s\", 1, ...more)") == #"(call sum "s" 1 ...more)"#)
        #expect(Support.sexpr("f(a,\n  b,\n)") == "(call f a b)")
    }

    @Test func genericCallsAgainstComparisons() {
        #expect(Support.sexpr("f<int>(x)") == "(call<int> f x)")
        #expect(Support.sexpr("Stack<string>()") == "(call<string> Stack)")
        #expect(Support.sexpr("Stack<Pair<int, Array<int>>>()") == "(call<Pair<int, Array<int>>> Stack)")
        #expect(Support.sexpr("Pair<B, A>(second, first)") == "(call<B,A> Pair second first)")
        #expect(Support.sexpr("a.m<T>(1)") == "(call<T> (. a m) 1)")
        #expect(Support.sexpr("a < b") == "(< a b)")
        #expect(Support.sexpr("a < b && c > d") == "(&& (< a b) (> c d))")
        #expect(Support.sexpr("a < b > c") == "(> (< a b) c)")
        #expect(Support.sexpr("a < (b)") == "(< a b)")
        #expect(Support.sexpr("f(a < b, c >= (d))") == "(call f (< a b) (>= c d))")
        #expect(Support.sexpr("x < y(z)") == "(< x (call y z))")
    }

    @Test func collectionsTuplesAndSpread() {
        #expect(Support.sexpr("[1, ...xs, 9]") == "[1 ...xs 9]")
        #expect(Support.sexpr("x = {\"a\": 1, ...d, \"b\": 2}") == #"(= x {"a":1 ...d "b":2})"#)
        #expect(Support.sexpr("x = {}") == "(= x {})")
        #expect(Support.sexpr("x = []") == "(= x [])")
        #expect(Support.sexpr("(1, \"a\")") == #"(tuple 1 "a")"#)
        #expect(Support.sexpr("[[1, 2], [3]][1][0]") == "(index (index [[1 2] [3]] 1) 0)")
        #expect(Support.sexpr("x = [\n  1,\n  2\n]") == "(= x [1 2])")
        #expect(Support.errors("x = ()") == ["1:6: expected expression"])
    }

    @Test func lambdas() {
        #expect(Support.sexpr("(x: int) => x * 2") == "(lambda (x:int) (* x 2))")
        #expect(Support.sexpr("() => i * 10") == "(lambda () (* i 10))")
        #expect(Support.sexpr("(s: string) => {\n let t = s\n return t\n}") == "(lambda (s:string) {(let t s); (return t)})")
        #expect(Support.sexpr("(f: (int) -> int, v: int) => f(v)") == "(lambda (f:(int) -> int v:int) (call f v))")
        #expect(Support.sexpr("(...xs: int) => xs") == "(lambda (...xs:int) xs)")
        // A block body inside parentheses: line breaks end its statements again.
        #expect(Support.sexpr("f((x: int) => {\n  a = x\n  b = x\n})") == "(call f (lambda (x:int) {(= a x); (= b x)}))")
        #expect(Support.sexpr("() => () => 1") == "(lambda () (lambda () 1))")
    }

    @Test func whenExpressionForms() {
        let source = """
            let r = when n {
                0 => "zero"
                1, 2, 3 => "few"
                4..10, 20..=30 => "some"
                x if x < 0 => "negative"
                is Dog(d) => d
                is Cat => "cat"
                else => "many"
            }
            """
        #expect(Support.sexpr(source) == #"(let r (when n 0=>"zero" 1,2,3=>"few" [4..10],[20..=30]=>"some" x-if:(< x 0)=>"negative" is:Dog(d)=>d is:Cat=>"cat" else=>"many"))"#)
        #expect(Support.sexpr("f(when { a => 1; else => 2 })") == "(call f (when a=>1 else=>2))")
    }

    @Test func yieldForms() {
        #expect(Support.sexpr("yield") == "(yield)")
        #expect(Support.sexpr("yield waitForFrames(3)") == "(yield (call waitForFrames 3))")
        #expect(Support.sexpr("let v = yield child()") == "(let v (yield (call child)))")
        #expect(Support.sexpr("yield\nx()") == "(yield) (call x)")
    }

    @Test func ternaryNeedsSpaceBeforeQuestionMark() {
        #expect(Support.sexpr("let x = c ? a : b") == "(let x (? c a b))")
        #expect(Support.sexpr("let x = parse(a)?") == "(let x (try (call parse a)))")
        #expect(Support.sexpr("let x = r? ?? 1") == "(let x (?? (try r) 1))")
    }
}
