import Foundation
import Testing
import WritSyntax
import WritTypes

/// Bad input never crashes or hangs the checker (issue 3, "Bad input").
@Suite struct RobustnessTests {
    /// Runs `body` on a thread with a 512 KB stack, like test runners and hosts.
    func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
    }

    @Test func deepExpressions() {
        let depth = 10_000
        let sources = [
            "let x = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
            "let x = " + Array(repeating: "1", count: depth).joined(separator: " + "),
            "let x = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            "let x = " + String(repeating: "-", count: depth) + "1",
            "let f = " + String(repeating: "() => ", count: depth) + "1",
            "func f() {" + String(repeating: "if true {", count: depth) + String(repeating: "}", count: depth) + "}",
            "let s = \"" + String(repeating: "${\"", count: 2000) + String(repeating: "\"}", count: 2000) + "\"",
        ]
        for source in sources {
            onSmallStack {
                let output = TypeChecker.check(source: source)
                #expect(output.program == nil)
                #expect(!output.diagnostics.isEmpty)
            }
        }
    }

    @Test func deepButLegalExpressionsCheck() {
        // Within the parser's nesting limit, the checker handles it on any caller stack.
        let source = "let x = " + Array(repeating: "1", count: 200).joined(separator: " + ")
        onSmallStack {
            let output = TypeChecker.check(source: source)
            #expect(output.diagnostics.isEmpty)
        }
    }

    @Test func longFlatPrograms() {
        let source = (0..<5000).map { "let v\($0) = \($0) + 1" }.joined(separator: "\n")
        #expect(TypeChecker.check(source: source).diagnostics.isEmpty)
    }

    @Test func recursiveTypes() {
        expectError("""
            struct @@A { public b: B }
            struct B { public a: Optional<A> }
            """, "struct 'A' contains itself", only: false)
        expectError("""
            struct @@T { public pair: (int, T) }
            """, "struct 'T' contains itself")
        expectChecks("""
            struct Tree { public children: Array<Tree> }
            class Node { public next: Optional<Node> }
            """)
        expectError("""
            class A<T> extends @@A<Array<T>> {}
            let a = A<int>()
            """, "generic instantiation of 'A' is nested too deeply (limit 40)", only: false)
        expectError("""
            class A extends @@B {}
            class B extends C {}
            class C extends A {}
            let a = A()
            print(a is C)
            """, "class 'A' inherits from itself", only: false)
    }

    @Test func noCascades() {
        expectError("""
            let x = @@undefinedThing
            let y = x + 1
            let z: string = x.foo(3)
            print(y, z)
            """, "undefined variable 'undefinedThing'")
        expectError("""
            func f(a: int) -> int { return a }
            let r = f(@@"s") + 2
            """, "type mismatch: expected int, found string")
    }

    @Test func independentErrorsAreAllReported() {
        let output = TestSupport.check("""
            let a: int = "x"
            let b = undefined
            func f() -> int { }
            """)
        #expect(output.diagnostics.map(\.message) == [
            "type mismatch: expected int, found string",
            "undefined variable 'undefined'",
            "missing return in function 'f'",
        ])
    }

    /// Deterministic damage to every spec example (deleted spans, duplicated lines):
    /// whatever parses must check without crashing.
    @Test func damagedExamplesDoNotCrash() throws {
        var rng = SplitMix(seed: 42)
        let dir = SpecExampleTests.directory
        let names = SpecExampleTests.examples.filter { $0.hasSuffix(".writ") }
        for name in names {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            let scalars = Array(text.unicodeScalars)
            for _ in 0..<12 {
                var s = scalars
                switch rng.next() % 3 {
                case 0:
                    guard s.count > 2 else { continue }
                    let start = Int(rng.next() % UInt64(s.count - 1))
                    let length = Int(rng.next() % 12) + 1
                    s.removeSubrange(start..<min(s.count, start + length))
                case 1:
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    guard lines.count > 1 else { continue }
                    let i = Int(rng.next() % UInt64(lines.count))
                    let j = Int(rng.next() % UInt64(lines.count))
                    var l = lines
                    l.insert(lines[i], at: j)
                    s = Array(l.joined(separator: "\n").unicodeScalars)
                default:
                    let tokens = ["}", "{", ")", "(", "null", "self", "yield", "?", "..", "return", "=", "is", "as", "<", ">"]
                    let at = Int(rng.next() % UInt64(s.count + 1))
                    s.insert(contentsOf: (" " + tokens[Int(rng.next() % UInt64(tokens.count))] + " ").unicodeScalars, at: at)
                }
                var damaged = ""
                damaged.unicodeScalars.append(contentsOf: s)
                _ = TypeChecker.check(source: damaged)
            }
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct CascadeTests {
    @Test func unknownParentDoesNotCascade() {
        expectError("""
            class B extends @@Bse {
                public func f() -> int { return inherited() + field }
            }
            let b = B(1, "x")
            print(b.g(), b.f())
            """, "unknown type 'Bse'")
    }
}

@Suite struct ImportCascadeTests {
    @Test func failedImportsDoNotCascade() {
        expectError("""
            import { a, B } from @@"missing"
            import * as ns from "missing"
            let x: B = B(a)
            print(a + 1, ns::f(), x)
            let y: ns::T = ns::T()
            """, "module not found: 'missing'", only: false)
        let output = TestSupport.check("""
            import { a } from "missing"
            print(a + 1)
            """)
        #expect(output.diagnostics.count == 1, "\(TestSupport.describe(output))")
        let second = TestSupport.check("""
            import { nope } from "lib"
            print(nope.x)
            """, files: ["lib.writ": "export let yes = 1"])
        #expect(second.diagnostics.map(\.message) == ["'nope' is not exported by 'lib'"])
    }
}
