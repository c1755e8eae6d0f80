import Testing
@testable import WritSyntax

@Suite struct StatementTests {
    @Test func lineBreaksEndStatementsExceptWhereTheyCannot() {
        // §2.9: binary operator at the end of a line continues; `.` at the start of the next too.
        #expect(Support.sexpr("let total = 1 +\n    2 +\n    3") == "(let total (+ (+ 1 2) 3))")
        #expect(Support.sexpr("words\n    .sort()") == "(call (. words sort))")
        #expect(Support.sexpr("a\n    ?.b") == "(?. a b)")
        #expect(Support.sexpr("x = a\n-b") == "(= x a) (- b)")
        #expect(Support.sexpr("f\n(a)") == "f a")
        #expect(Support.sexpr("x = a\n[1]") == "(= x a) [1]")
        #expect(Support.sexpr("f(a,\n  b)") == "(call f a b)")
        #expect(Support.sexpr("x = a ==\n b") == "(= x (== a b))")
        #expect(Support.sexpr("x =\n 5") == "(= x 5)")
        #expect(Support.sexpr("a; b;; c") == "a b c")
        #expect(Support.sexpr("x = c\n  ? a : b") == "(= x c) <error> !expected expression")
        #expect(Support.errors("a b") == ["1:3: expected newline or ';'"])
    }

    @Test func greaterThanClosingTypeArgumentsEndsTheStatement() {
        let source = "class Node {\n    public left: Optional<Node>\n    public right: Optional<Node>\n}"
        #expect(Support.errors(source).isEmpty)
        #expect(Support.sexpr("let a: Array<int> = []\n-1") == "(let a []) -1")
    }

    @Test func assignmentsAndTargets() {
        #expect(Support.sexpr("a.b[i] += 2") == "(+= (index (. a b) i) 2)")
        #expect(Support.sexpr("x -= 1; y *= 2; z /= 3; w %= 4") == "(-= x 1) (*= y 2) (/= z 3) (%= w 4)")
        #expect(Support.sexpr("ns::x = 1") == "(= ns::x 1)")
        #expect(Support.errors("f() = 1") == ["1:1: invalid assignment target"])
        #expect(Support.errors("a + b = 1") == ["1:1: invalid assignment target"])
    }

    @Test func controlFlow() {
        let source = """
            if hp <= 0 {
                print("dead")
            } else if hp < 25 {
                print("low")
            }
            else {
                print("ok")
            }
            while j < 3 { j += 1 }
            for i in 0..3 { print(i) }
            for (name, age) in ages { continue }
            for (_, v) in pairs { break }
            if p is Dog(d) { print(d.bark()) } else { print("not a dog") }
            return
            return 5
            start a.open()
            { let inner = 1 }
            """
        let statements = Support.statements(source)
        #expect(Support.parse(source).diagnostics.isEmpty)
        #expect(statements.count == 10)
        guard case .ifStmt(let i) = statements[0].kind, case .elseIf(let second) = i.elseBranch,
              case .block = second.elseBranch else {
            Issue.record("if / else if / else shape")
            return
        }
        guard case .forStmt(let pattern, _, _) = statements[4].kind, case .tuple(let names, _) = pattern else {
            Issue.record("for with tuple pattern")
            return
        }
        #expect(names.map { $0?.text } == [nil, "v"])
        #expect(Support.sexpr("return\nx") == "(return) x")
        #expect(Support.sexpr("start parent()") == "(start (call parent))")
    }

    @Test func variableDeclarations() {
        #expect(Support.sexpr("const MAX = 100.0") == "(let MAX 100.0)")
        #expect(Support.sexpr("let (a, b) = t") == "(let (a,b) t)")
        #expect(Support.sexpr("var (_, x) = t") == "(let (_,x) t)")
        guard case .varDecl(let d) = Support.statements("var h: Optional<int> = 5")[0].kind else {
            Issue.record("var decl")
            return
        }
        #expect(d.kind == .varBinding)
        #expect(d.type.map(TypeSyntax.text) == "Optional<int>")
        #expect(Support.errors("let x") == ["1:6: expected '='"])
        #expect(Support.errors("let = 3") == ["1:5: expected variable name"])
        #expect(Support.errors("let _ = 3") == ["1:5: expected variable name"])
        #expect(Support.errors("let x: Array<int>= []").isEmpty)
    }

    @Test func whenStatementArms() {
        let source = """
            when {
                t > 30 => print("hot")
                t > 15 => { x = 1; y = 2 }
                is Success(v) => return v
                else => count += 1
            }
            """
        #expect(Support.sexpr(source) == #"(when-stmt (> t 30)=>(call print "hot") (> t 15)=>{(= x 1); (= y 2)} is:Success(v)=>(return v) else=>(+= count 1))"#)
        #expect(Support.errors("when x {\n  1 => a\n  2 b\n  3 => c\n}") == ["3:5: expected '=>'"])
    }
}

@Suite struct DeclarationTests {
    @Test func functions() {
        let source = """
            func firstOr<T>(xs: Array<T>, fallback: T) -> T {
                return xs[0]
            }
            func greetAll<T>(xs: Array<T>) -> string where T : Named, T : Other { return "" }
            func sum(label: string, ...nums: int) -> string { return label }
            func makeCounter() -> () -> int { return () => 1 }
            export func e() {}
            """
        let result = Support.parse(source)
        #expect(result.diagnostics.isEmpty)
        let functions: [FuncDecl] = result.syntax.items.compactMap {
            if case .declaration(.function(let f)) = $0 { return f }
            return nil
        }
        #expect(functions.map(\.name.text) == ["firstOr", "greetAll", "sum", "makeCounter", "e"])
        #expect(functions[0].typeParams.map(\.text) == ["T"])
        #expect(functions[1].whereClauses.map { "\($0.typeParam.text):\(TypeSyntax.text($0.constraint))" } == ["T:Named", "T:Other"])
        #expect(functions[2].params.map(\.isVariadic) == [false, true])
        #expect(functions[3].returnType.map(TypeSyntax.text) == "() -> int")
        #expect(functions[4].modifiers.isExported)
        #expect(Support.errors("func f()\n{\n}") == ["2:1: expected '{' on the same line as 'func'"])
        #expect(Support.errors("func f(a) {}") == ["1:9: expected ':'"])
    }

    @Test func classesStructsFieldsSettersModifiers() {
        let source = """
            class Player extends Base with Named, Other {
                public name: string
                public health: float = 100.0
                private speed: float = 5.0
                public weak parent: Optional<Player>
                public hp: int = 100
                    set(v) { field = v < 0 ? 0 : v }
                public func takeDamage(amount: float) { health -= amount }
                public static func origin() -> Player { return Player("x") }
                func plain() {}
            }
            struct Pair<A, B> {
                public first: A
                public second: B
            }
            """
        let result = Support.parse(source)
        #expect(result.diagnostics.isEmpty)
        guard case .declaration(.type(let c)) = result.syntax.items[0],
              case .declaration(.type(let s)) = result.syntax.items[1] else {
            Issue.record("class and struct")
            return
        }
        #expect(c.kind == .classType && s.kind == .structType)
        #expect(c.superclass.map(TypeSyntax.text) == "Base")
        #expect(c.traits.map(TypeSyntax.text) == ["Named", "Other"])
        #expect(s.typeParams.map(\.text) == ["A", "B"])
        var fields: [FieldDecl] = []
        var methods: [FuncDecl] = []
        for m in c.members {
            switch m {
            case .field(let f): fields.append(f)
            case .method(let f): methods.append(f)
            }
        }
        #expect(fields.map(\.name.text) == ["name", "health", "speed", "parent", "hp"])
        #expect(fields.map(\.modifiers.visibility) == [.public, .public, .private, .public, .public])
        #expect(fields[3].isWeak)
        #expect(fields[1].defaultValue != nil && fields[0].defaultValue == nil)
        #expect(fields[4].setter?.param.text == "v")
        #expect(methods.map(\.name.text) == ["takeDamage", "origin", "plain"])
        #expect(methods[1].modifiers.isStatic)
        #expect(methods[2].modifiers.visibility == .unspecified)
        // A struct with `extends` parses: the checker reports it with its own message.
        #expect(Support.errors("struct S extends T {}").isEmpty)
        #expect(Support.errors("class C {\n  static x: int\n}") == ["2:3: 'static' is not allowed here"])
        #expect(Support.errors("class C {\n  public public x: int\n}") == ["2:10: duplicate modifier 'public'"])
        #expect(Support.errors("class C {\n  weak func f() {}\n}") == ["2:3: 'weak' is not allowed here"])
        #expect(Support.errors("class C {\n  set(v) {}\n}") == ["2:3: expected a field before the setter"])
        #expect(Support.errors("class C {\n  x: int y: int\n}") == ["2:10: expected newline or ';'"])
    }

    @Test func enums() {
        let source = """
            enum Direction { North, East, South, West }
            enum Status {
                Alive(100, "ok"), Wounded(50, "hurt"),
                Dead(0)

                health: int
                label: string = "gone"
                private func isAlive() -> bool { return health > 0 }
            }
            """
        let result = Support.parse(source)
        #expect(result.diagnostics.isEmpty)
        guard case .declaration(.enumeration(let d)) = result.syntax.items[0],
              case .declaration(.enumeration(let s)) = result.syntax.items[1] else {
            Issue.record("enums")
            return
        }
        #expect(d.cases.map(\.name.text) == ["North", "East", "South", "West"])
        #expect(s.cases.map(\.name.text) == ["Alive", "Wounded", "Dead"])
        #expect(s.cases.map(\.args.count) == [2, 2, 1])
        #expect(s.members.count == 3)
        #expect(Support.errors("enum E extends F { A }") == ["1:8: enums cannot use 'extends'"])
    }

    @Test func traits() {
        let source = """
            trait Damageable {
                func takeDamage(amount: int)
                func describe() -> string { return "something" }
            }
            """
        let result = Support.parse(source)
        #expect(result.diagnostics.isEmpty)
        guard case .declaration(.trait(let t)) = result.syntax.items[0] else {
            Issue.record("trait")
            return
        }
        #expect(t.methods.map(\.name.text) == ["takeDamage", "describe"])
        #expect(t.methods[0].body == nil && t.methods[1].body != nil)
        #expect(Support.errors("trait T {\n  x: int\n}") == ["2:3: expected 'func'"])
    }

    @Test func importsAndExports() {
        let source = """
            import { Weapon, makeWeapon } from "items/weapon"
            import * as enemy from "../npc/enemy"
            export let a = 1
            export var b = 2
            export const C = 3
            export class K {}
            export struct S {}
            export enum E { A }
            export trait T {}
            """
        let result = Support.parse(source)
        #expect(result.diagnostics.isEmpty)
        guard case .importDecl(let first) = result.syntax.items[0], case .importDecl(let second) = result.syntax.items[1] else {
            Issue.record("imports")
            return
        }
        guard case .names(let names) = first.clause, case .namespace(let ns) = second.clause else {
            Issue.record("import clauses")
            return
        }
        #expect(names.map(\.text) == ["Weapon", "makeWeapon"])
        #expect(first.path == "items/weapon")
        #expect(ns.text == "enemy" && second.path == "../npc/enemy")
        #expect(result.syntax.items.count == 9)
        #expect(Support.errors("import { a } from \"x$y\"") == ["1:19: an import path cannot contain interpolation"])
        #expect(Support.errors("import { a } \"x\"") == ["1:14: expected 'from'"])
        #expect(Support.errors("export print(1)") == ["1:8: expected declaration after 'export'"])
        #expect(Support.errors("func f() {\n  class C {}\n}") == ["2:3: a 'class' declaration is only allowed at the top level"])
        #expect(Support.errors("public func f() {}") == ["1:1: 'public' is not allowed here"])
    }

    @Test func types() {
        let source = """
            let a: Dictionary<string, Optional<Player>> = x
            let b: (int, string) = x
            let c: ((int) -> int, int) -> int = x
            let d: () -> void = x
            let e: Array<ns::Weapon> = x
            let f: Stack<Pair<int, Array<int>>> = x
            """
        let texts: [String] = Support.statements(source).compactMap {
            if case .varDecl(let d) = $0.kind { return d.type.map(TypeSyntax.text) }
            return nil
        }
        #expect(texts == ["Dictionary<string, Optional<Player>>", "(int, string)", "((int) -> int, int) -> int",
                          "() -> void", "Array<ns::Weapon>", "Stack<Pair<int, Array<int>>>"])
        #expect(Support.errors("let x: = 1") == ["1:8: expected type"])
        #expect(Support.errors("let x: () = 1") == ["1:11: expected '->' after '()'"])
    }
}
