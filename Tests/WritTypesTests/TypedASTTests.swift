import Testing
import WritTypes

/// The typed AST contents lowering depends on (TypedAST/*.swift headers).
@Suite struct TypedASTTests {
    func program(_ source: String, files: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) -> TypedProgram? {
        expectChecks(source, files: files, sourceLocation: sourceLocation)
    }

    func function(_ p: TypedProgram, _ name: String) -> TypedFunction? {
        p.functions.first { $0.displayName == name }
    }

    @Test func capturesAndBoxes() throws {
        let p = try #require(program("""
            func makeCounter() -> () -> int {
                var count = 0
                let step = 1
                return () => {
                    count += step
                    return count
                }
            }
            """))
        let outer = try #require(function(p, "makeCounter"))
        #expect(outer.locals[0].name == "count" && outer.locals[0].capture == .byBox)
        #expect(outer.locals[1].name == "step" && outer.locals[1].capture == .byValue)
        let lambda = try #require(p.functions.first { $0.kind == .lambda })
        #expect(lambda.parent == outer.id)
        #expect(lambda.captures.map(\.name) == ["count", "step"])
        #expect(lambda.captures.map(\.isBoxed) == [true, false])
        #expect(lambda.captures[0].source == .local(LocalID(0)))
    }

    @Test func capturesThroughTwoLevels() throws {
        let p = try #require(program("""
            func outer() -> () -> () -> int {
                var n = 1
                return () => () => n
            }
            """))
        let lambdas = p.functions.filter { $0.kind == .lambda }
        #expect(lambdas.count == 2)
        let outerLambda = try #require(lambdas.first { $0.parent == function(p, "outer")?.id })
        let innerLambda = try #require(lambdas.first { $0.parent == outerLambda.id })
        #expect(outerLambda.captures.first?.source == .local(LocalID(0)))
        #expect(innerLambda.captures.first?.source == .capture(0))
        // Never assigned after its declaration: copied, not boxed.
        #expect(innerLambda.captures.first?.isBoxed == false)
    }

    @Test func selfCapture() throws {
        let p = try #require(program("""
            class B {
                public x: int = 1
                public func later() -> () -> int { return () => x }
            }
            """))
        let lambda = try #require(p.functions.first { $0.kind == .lambda })
        #expect(lambda.captures.count == 1 && lambda.captures[0].isSelf)
    }

    @Test func loopVariablesAreFreshLocals() throws {
        let p = try #require(program("""
            var fs: Array<() -> int> = []
            for i in 0..3 { fs.push(() => i * 10) }
            """))
        let text = TypedASTPrinter.dump(p)
        #expect(text.contains("local %0 i: int loopVariable captured=byValue"))
        #expect(text.contains("for %0(i) in range"))
    }

    @Test func callTargets() throws {
        let p = try #require(program("""
            class A {
                public func name() -> string { return "A" }
                public static func make() -> A { return A() }
            }
            class B extends A {
                public func name() -> string { return "B" .. super.name() }
            }
            trait T { func m() -> int }
            class C with T { func m() -> int { return 1 } }
            struct S { public func f() -> int { return 2 } }
            let a: A = B()
            let t: T = C()
            print(a.name(), t.m(), A.make(), S().f())
            """))
        let text = TypedASTPrinter.dump(p)
        #expect(text.contains("call virtual c0 slot 0"))
        #expect(text.contains("call trait t0 method 0"))
        #expect(text.contains("call function f") && text.contains("<A.make>"))
        #expect(text.contains("call super f") && text.contains("<A.name>"))
        #expect(text.contains("call direct f") && text.contains("<S.f>"))
        // B overrides A.name in the same slot.
        let b = try #require(p.classes.first { $0.name == "B" })
        #expect(b.vtable.count == 1 && p[b.vtable[0].function].displayName == "B.name")
    }

    @Test func traitDefaultsAndTables() throws {
        let p = try #require(program("""
            trait Damageable {
                func takeDamage(amount: int)
                func describe() -> string { return "something" }
                func toString() -> string { return "D" }
            }
            class Crate with Damageable {
                public hp: int = 20
                func takeDamage(amount: int) { hp -= amount }
            }
            class Big extends Crate {
                func describe() -> string { return "big" }
            }
            """))
        let crate = try #require(p.classes.first { $0.name == "Crate" })
        let big = try #require(p.classes.first { $0.name == "Big" })
        let trait = try #require(p.traits.first)
        let table = try #require(crate.traitTables[trait.id])
        #expect(table.map { p[$0].displayName } == ["Crate.takeDamage", "Damageable.describe", "Damageable.toString"])
        let bigTable = try #require(big.traitTables[trait.id])
        #expect(bigTable.map { p[$0].displayName } == ["Crate.takeDamage", "Big.describe", "Damageable.toString"])
        #expect(crate.toString.map { p[$0].displayName } == "Damageable.toString")
        #expect(p[trait.methods[1].defaultImplementation!].kind == .traitDefault)
    }

    @Test func monomorphisedInstances() throws {
        let p = try #require(program("""
            class Stack<T> {
                private items: Array<T> = []
                public func push(x: T) { items.push(x) }
            }
            func id<T>(x: T) -> T { return x }
            let a = Stack<int>()
            let b = Stack<string>()
            a.push(1)
            b.push("x")
            print(id(1), id("s"), id(2))
            """))
        let stacks = p.classes.filter { $0.name == "Stack" }
        #expect(stacks.map(\.displayName).sorted() == ["Stack<int>", "Stack<string>"])
        #expect(stacks.allSatisfy { $0.isGenericInstance })
        let ids = p.functions.filter { $0.name == "id" }
        #expect(ids.count == 2)
        #expect(Set(ids.map(\.typeArguments)) == [[.int], [.string]])
        let pushes = p.functions.filter { $0.displayName == "Stack.push" }
        #expect(pushes.count == 2)
        #expect(pushes.allSatisfy { !$0.body.isEmpty })
    }

    @Test func conversionsInserted() throws {
        let p = try #require(program("""
            class Animal {}
            class Dog extends Animal {}
            trait T {}
            class C with T {}
            let n = 2
            let f = n * 1.5
            let o: Optional<int> = n
            let a: Animal = Dog()
            let t: T = C()
            let d = a as Dog
            let lit: float = 3
            """))
        let text = TypedASTPrinter.dump(p)
        #expect(text.contains("intToFloat: float"))
        #expect(text.contains("wrapOptional: Optional<int>"))
        #expect(text.contains("upcast c0: Animal"))
        #expect(text.contains("toTrait t0: T"))
        #expect(text.contains("downcast class c1: Dog"))
        #expect(text.contains("float 3.0: float"))
    }

    @Test func narrowingNodes() throws {
        let p = try #require(program("""
            class Animal {}
            class Dog extends Animal { public func bark() {} }
            func f(x: Optional<int>, a: Animal) -> int {
                if a is Dog { a.bark() }
                if x != null { return x }
                return 0
            }
            """))
        let f = try #require(function(p, "f"))
        let text = TypedASTPrinter.dump(p, function: f.id)
        #expect(text.contains("narrowedDowncast class c1: Dog"))
        #expect(text.contains("unwrapNarrowed: int"))
    }

    @Test func constructorArgumentsAndDefaults() throws {
        let p = try #require(program("""
            class P {
                public name: string
                public hp: int = 10
                public tags: Array<string> = []
                public label: Optional<string>
            }
            let x = P(hp: 3, name: "n")
            """))
        let main = p[p.modules[0].main]
        guard case .varDecl(let d) = main.body[0].kind, case .call(let call) = d.value.kind else {
            Issue.record("no constructor call")
            return
        }
        #expect(call.arguments.map(\.parameterIndex) == [1, 0])
        #expect(call.fieldDefaults.map(\.fieldIndex) == [2, 3])
        if case .null = call.fieldDefaults[1].value.kind {} else { Issue.record("Optional default is not null") }
    }

    @Test func assignmentTargets() throws {
        let p = try #require(program("""
            struct V { public x: int }
            class H {
                public v: V = V(0)
                public n: int = 0
                    set(k) { field = k }
            }
            var v = V(1)
            v.x = 2
            let h = H()
            h.v.x = 5
            h.n += 1
            let arr = [V(1)]
            arr[0].x = 3
            """))
        let text = TypedASTPrinter.dump(p)
        #expect(text.contains("assign g0(v) .s0.0: int"))
        #expect(text.contains("assign field c0.0 .s0.0: int"))
        #expect(text.contains("assign int.add field c0.1 setter=f"))
        #expect(text.contains("assign array element .s0.0: int"))
    }

    @Test func globalsFlags() throws {
        let p = try #require(program("""
            let early = 1
            print("x")
            let late = 2
            let local = 3
            const K = 4
            func f() -> int { return early + late + K }
            print(local)
            """))
        let g = Dictionary(uniqueKeysWithValues: p.globals.map { ($0.name, $0) })
        #expect(g["early"]?.isReferencedFromFunctions == true)
        #expect(g["early"]?.needsInitializationCheck == false)
        #expect(g["late"]?.needsInitializationCheck == true)
        #expect(g["local"]?.isReferencedFromFunctions == false)
        #expect(g["K"]?.constant == .int(4))
    }

    @Test func moduleOrder() throws {
        let p = try #require(program("""
            import { b } from "b"
            import { a } from "a"
            print(a, b)
            """, files: ["a.writ": "export let a = 1", "b.writ": "import { a } from \"a\"\nexport let b = a"]))
        #expect(p.modules.map(\.path) == ["a.writ", "b.writ", "main.writ"])
        #expect(p.modules[2].imports == [ModuleID(1), ModuleID(0)])
        let a = try #require(p.globals.first { $0.name == "a" })
        #expect(a.isReferencedFromFunctions)
    }

    @Test func whenPatterns() throws {
        let p = try #require(program("""
            enum E { A, B }
            func f(e: E, r: Result<int>) -> int {
                let x = when e {
                    E.A => 1
                    E.B => 2
                }
                when r {
                    is Success(v) => return v + x
                    is Error(m) => return m.length
                }
            }
            """))
        let f = try #require(function(p, "f"))
        let text = TypedASTPrinter.dump(p, function: f.id)
        #expect(text.contains("when exhaustive subject="))
        #expect(text.contains("when statement exhaustive subject="))
        #expect(text.contains("pattern Success"))
        #expect(text.contains("call builtin resultValue"))
        #expect(text.contains("call builtin resultErrorMessage"))
    }

    @Test func mainResultType() throws {
        let p = try #require(program("""
            if true { return 5 }
            print(1)
            """))
        #expect(p[p.modules[0].main].resultType == .optional(.int))
    }

    @Test func coroutineFlags() throws {
        let p = try #require(program("""
            func child() -> int { yield; return 1 }
            func parent() { let v = yield child(); print(v) }
            func plain() {}
            start parent()
            start plain()
            """))
        #expect(function(p, "child")?.isCoroutine == true)
        #expect(function(p, "parent")?.isCoroutine == true)
        #expect(function(p, "plain")?.isCoroutine == false)
    }

    @Test func iterationKindsAndPacking() throws {
        let p = try #require(program("""
            func sum(...n: int) -> int { return n.length }
            let d = {"a": 1}
            for k in d { print(k) }
            for (k, v) in d { print(k, v) }
            for c in "ab" { print(c) }
            for x in [1, 2] { print(x) }
            for i in 0..=2 { print(i) }
            for (a, b) in [(1, "x")] { print(a, b) }
            let more = [3]
            print(sum(1, 2, ...more))
            """))
        let text = TypedASTPrinter.dump(p)
        #expect(text.contains("in dictionary keys"))
        #expect(text.contains("in dictionary entries"))
        #expect(text.contains("in string"))
        #expect(text.contains("in range inclusive"))
        #expect(text.contains("for (%") && text.contains(") in array"))
        #expect(text.contains("spread"))
    }

    @Test func optionalChainsPropagationAndOperators() throws {
        let p = try #require(program("""
            struct V {
                public x: int
                public func add(o: V) -> V { return V(x + o.x) }
            }
            class H { public v: Optional<V> }
            func f(r: Result<int>) -> Result<int> {
                let n = r?
                var v = V(1)
                v += V(2)
                let h = H()
                let y = h.v?.x ?? 0
                return Success(n + y + v.x)
            }
            """))
        let f = try #require(function(p, "f"))
        let text = TypedASTPrinter.dump(p, function: f.id)
        #expect(text.contains("propagate: int"))
        #expect(text.contains("assign method direct f"))
        #expect(text.contains("optionalChain value=%"))
        #expect(text.contains("coalesce: int"))
        #expect(text.contains("call builtin resultSuccess"))
    }

    @Test func closureCallsAndFunctionValues() throws {
        let p = try #require(program("""
            func twice(x: int) -> int { return x * 2 }
            let f = twice
            let g = (x: int) => x + 1
            print(f(1), g(2), twice(3))
            """))
        let text = TypedASTPrinter.dump(p)
        #expect(text.contains("functionValue f"))
        #expect(text.contains("call closure"))
        #expect(text.contains("closure f"))
    }
}
