import Testing
import WritTypes

/// §20 generics, §21 modules, §22 coroutines.
@Suite struct GenericTests {
    @Test func genericFunctionsAndTypes() {
        expectChecks("""
            func firstOr<T>(xs: Array<T>, fallback: T) -> T {
                if xs.isEmpty() { return fallback }
                return xs[0]
            }
            struct Pair<A, B> {
                public first: A
                public second: B
                public func swap() -> Pair<B, A> { return Pair<B, A>(second, first) }
            }
            class Stack<T> {
                private items: Array<T> = []
                public func push(x: T) { items.push(x) }
                public func pop() -> Optional<T> {
                    if items.isEmpty() { return null }
                    return items.pop()
                }
            }
            let s = Stack<string>()
            s.push("a")
            print(firstOr([7, 8], 0), firstOr<string>([], "none"))
            print(Pair(1, "x").swap(), s.pop())
            let nested: Stack<Pair<int, Array<int>>> = Stack<Pair<int, Array<int>>>()
            nested.push(Pair(1, [2, 3]))
            """)
        expectError("""
            func make<T>() -> Array<T> { return [] }
            let x = @@make()
            """, "cannot infer type parameter 'T'")
        expectChecks("""
            func make<T>() -> Array<T> { return [] }
            let x: Array<int> = make()
            """)
    }

    @Test func genericMethods() {
        expectChecks("""
            struct Pair<A, B> {
                public first: A
                public second: B
                public func mapFirst<C>(f: (A) -> C) -> Pair<C, B> { return Pair<C, B>(f(first), second) }
            }
            class Util {
                public static func twice<T>(x: T) -> Array<T> { return [x, x] }
            }
            let p = Pair<int, string>(1, "x")
            let q: Pair<float, string> = p.mapFirst((x: int) => x * 2.5)
            let r: Array<string> = Util.twice("a")
            """)
        expectError("""
            class Box<T> {
                public func @@map<U>(f: (T) -> U) -> U { return f(x) }
                public x: T
            }
            """, "instance methods of classes and traits cannot be generic")
    }

    @Test func constraints() {
        expectChecks("""
            trait Named { func name() -> string }
            class Cat with Named { func name() -> string { return "cat" } }
            func greetAll<T>(xs: Array<T>) -> string where T : Named {
                var out = ""
                for x in xs { out = out .. "hi " .. x.name() .. ";" }
                return out
            }
            print(greetAll([Cat(), Cat()]))
            """)
        expectError("""
            trait Named { func name() -> string }
            func greet<T>(x: T) -> string where T : Named { return x.name() }
            print(@@greet(3))
            """, "type 'int' does not satisfy constraint 'T : Named'")
        expectError("""
            func greet<T>(x: T) -> string { return x.@@name() }
            """, "'T' has no member 'name'")
        expectError("""
            func greet<T>(x: T) -> string where T : @@Nmed { return "" }
            """, "unknown trait 'Nmed'")
    }

    @Test func instantiationDepthIsBounded() {
        expectError("""
            func grow<T>(x: T, n: int) -> int {
                if n == 0 { return 0 }
                return grow([x], n - 1)
            }
            print(grow(1, 3))
            """, "generic instantiation of 'grow' is nested too deeply (limit 40)", only: false)
        expectError("""
            class Box<T> { public inner: Optional<Box<Array<T>>> }
            let b = Box<int>()
            """, "generic instantiation of 'Box' is nested too deeply (limit 40)", only: false)
    }
}

@Suite struct ModuleTests {
    @Test func importsAndNamespaces() {
        let files = [
            "counter.writ": """
                export var count = 0
                export func bump() { count += 1 }
                export class Weapon { public name: string
                    public static func create() -> Weapon { return Weapon("w") } }
                export enum Kind { Sword, Bow }
                export const MAX = 3
                let hidden = 1
                """,
        ]
        expectChecks("""
            import { count, bump, Weapon } from "counter"
            import * as c from "counter"
            bump()
            print(count, Weapon("a").name, c::MAX, c::Kind.Sword, c::Weapon.create().name)
            c::bump()
            let w: c::Weapon = c::Weapon("b")
            let ws: Array<c::Weapon> = [w]
            """, files: files)
        expectError("""
            import { count } from "counter"
            @@count = 3
            """, "cannot assign to imported variable 'count'", files: files)
        expectError("""
            import { @@hiden } from "counter"
            """, "'hiden' is not exported by 'counter'", files: files)
        expectError("""
            import { count } from @@"countr"
            """, "module not found: 'countr'", files: files)
        expectError("""
            import { count } from "counter"
            let @@count = 1
            """, "duplicate declaration of 'count'", files: files)
    }

    @Test func circularImports() {
        let files = [
            "a.writ": """
                import { y } from "b"
                export let x = 1
                """,
            "b.writ": """
                import { x } from "a"
                export let y = 2
                """,
        ]
        let output = TestSupport.check("import { x } from \"a\"", files: files)
        #expect(output.program == nil)
        #expect(output.diagnostics.contains { $0.message == "circular import" }, "\(TestSupport.describe(output))")
    }

    @Test func importRelativePaths() {
        let files = [
            "items/weapon.writ": """
                import { helper } from "../util/help"
                export func make() -> int { return helper() }
                """,
            "util/help.writ": "export func helper() -> int { return 1 }",
        ]
        expectChecks("""
            import { make } from "items/weapon"
            print(make())
            """, files: files)
    }
}

@Suite struct CoroutineTests {
    @Test func coroutines() {
        expectChecks("""
            func child() -> int {
                yield
                return 42
            }
            func parent() {
                let v = yield child()
                yield waitForFrames(3)
                yield waitForSeconds(0.5)
                yield waitUntil(() => true)
                print(v)
            }
            start parent()
            class Door {
                public func open() { yield waitForFrames(2) }
            }
            start Door().open()
            """)
        expectError("""
            func c() { yield }
            @@c()
            """, "coroutine 'c' must be called with 'start' or 'yield'")
        expectError("@@yield", "'yield' is only allowed inside a function")
        expectError("""
            func f() { let g = () => { @@yield } }
            """, "'yield' is not allowed in a lambda")
        expectError("""
            func f() { @@waitForSeconds(1.0) }
            """, "'waitForSeconds' can only be used with 'yield'")
        expectError("""
            func c() { yield }
            let f = @@c
            """, "coroutine 'c' cannot be used as a value")
    }
}

@Suite struct HostTests {
    @Test func hostDeclarations() {
        var host = HostDeclarations()
        let entity = host.addType("Entity")
        host.addFunction("spawn", [.string], entity)
        host.addFunction("damage", [.float, .float], .float)
        host.addGlobal("gravity", .float)
        host.addGlobal("score", .int, isMutable: true)
        expectChecks("""
            let e = spawn("orc")
            print(damage(10, 2.5), gravity, e)
            score += 1
            """, host: host)
        expectError("""
            @@gravity = 2.0
            """, "cannot assign to immutable variable 'gravity'", host: host)
        expectError("""
            damage(1, @@"x")
            """, "type mismatch: expected float, found string", host: host)
        expectError("@@spwn(\"x\")", "undefined function 'spwn'", help: "did you mean 'spawn'?", host: host)
    }
}
