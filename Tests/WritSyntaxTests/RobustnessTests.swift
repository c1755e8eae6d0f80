import Foundation
import Testing
@testable import WritSyntax

/// No input crashes, hangs or overflows the stack: random bytes, token soups, broken spec
/// examples, deep nesting (run on a 512 KB stack) and huge inputs.
@Suite struct RobustnessTests {
    /// SplitMix64: a fixed seed gives the same cases on every run and machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Checks what must hold for any input: every range lies inside the file, and the
    /// number of diagnostics stays bounded.
    static func checkInvariants(_ result: Parser.Result, size: Int) {
        for d in result.diagnostics {
            #expect(Int(d.range.start) <= size && Int(d.range.end) <= size)
        }
        #expect(result.diagnostics.count <= Limits.maxDiagnosticsPerFile + 1)
    }

    @Test func randomBytesAlwaysEndInDiagnostics() {
        var random = Random(state: 2024)
        for _ in 0..<3000 {
            var bytes = (0..<random.below(200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            // A byte that is invalid anywhere (0xFF) or a NUL, so the input is surely invalid.
            bytes.insert(random.below(2) == 0 ? 0xFF : 0, at: random.below(bytes.count + 1))
            let result = Support.parse(bytes: bytes)
            RobustnessTests.checkInvariants(result, size: bytes.count)
            #expect(!result.diagnostics.isEmpty)
        }
    }

    static let vocabulary = [
        "let", "var", "const", "func", "class", "struct", "enum", "trait", "import", "export", "if", "else", "while",
        "for", "in", "when", "is", "as", "return", "break", "continue", "start", "yield", "self", "super", "null",
        "true", "weak", "static", "public", "where", "with", "extends", "set", "from", "x", "y", "Foo", "_", "0", "42",
        "1.5", "0xFF", "\"s\"", "\"a $x\"", "\"${y}\"", "\"\"\"", "\"${", "+", "-", "*", "/", "%", "=", "+=", "==",
        "!=", "<", "<=", ">", ">=", "&&", "||", "!", "?", "??", "?.", "..", "..=", "...", "->", "=>", "::", ".", ",",
        ":", ";", "(", ")", "[", "]", "{", "}", "\n", "\n", " ", "//", "/*", "*/", "&", "@", "é",
    ]

    @Test func randomTokenSoupsNeverCrash() {
        var random = Random(state: 7)
        var withDiagnostics = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<random.below(60) {
                text += RobustnessTests.vocabulary[random.below(RobustnessTests.vocabulary.count)]
                if random.below(3) == 0 { text += " " }
            }
            let result = Support.parse(text)
            RobustnessTests.checkInvariants(result, size: text.utf8.count)
            if !result.diagnostics.isEmpty { withDiagnostics += 1 }
            // A stray `&` on its own line is always an error: in code (unexpected character),
            // or inside an unterminated comment or string (which is reported itself).
            let broken = text + "\n&"
            #expect(!Support.parse(broken).diagnostics.isEmpty, "\(broken.debugDescription)")
        }
        #expect(withDiagnostics > 2000)
    }

    /// Deleting one closing bracket from a valid program always leaves it invalid.
    @Test func brokenSpecExamplesAreDiagnosed() throws {
        var random = Random(state: 99)
        for url in SpecExampleTests.sourceFiles() {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let tokens = Support.tokens(text)
            let closers = tokens.indices.filter { [.rightParen, .rightBracket, .rightBrace].contains(tokens[$0].kind) }
            for _ in 0..<min(5, closers.count) {
                let t = tokens[closers[random.below(closers.count)]]
                var bytes = Array(text.utf8)
                bytes.removeSubrange(Int(t.start)..<Int(t.end))
                let result = Support.parse(bytes: bytes)
                RobustnessTests.checkInvariants(result, size: bytes.count)
                #expect(!result.diagnostics.isEmpty, "\(url.lastPathComponent) without the closer at \(t.start)")
            }
        }
    }

    static let deepInputs: [(String, String)] = [
        ("parentheses", String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)),
        ("unclosed parentheses", String(repeating: "(", count: 100_000)),
        ("brackets", "x = " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)),
        ("blocks", String(repeating: "{\n", count: 100_000) + String(repeating: "}\n", count: 100_000)),
        ("dictionaries", "x = " + String(repeating: "{\"k\": ", count: 50_000) + "1" + String(repeating: "}", count: 50_000)),
        ("ifs", String(repeating: "if a {\n", count: 50_000) + String(repeating: "}\n", count: 50_000)),
        ("else ifs", "if a {}" + String(repeating: " else if a {}", count: 50_000)),
        ("prefix operators", "x = " + String(repeating: "-!", count: 50_000) + "y"),
        ("coalescing", "x = a" + String(repeating: " ?? a", count: 100_000)),
        ("ternaries", "x = a" + String(repeating: " ? b : a", count: 100_000)),
        ("sums", "x = 1" + String(repeating: " + 1", count: 100_000)),
        ("calls", "x = f" + String(repeating: "()", count: 100_000)),
        ("members", "x = a" + String(repeating: ".b", count: 100_000)),
        ("lambdas", "x = " + String(repeating: "() => ", count: 100_000) + "1"),
        ("lambda blocks", "x = " + String(repeating: "() => { return ", count: 50_000) + "1" + String(repeating: " }", count: 50_000)),
        ("when", "x = " + String(repeating: "when a { else => ", count: 50_000) + "1" + String(repeating: " }", count: 50_000)),
        ("interpolation", String(repeating: "\"${", count: 50_000) + "1" + String(repeating: "}\"", count: 50_000)),
        ("types", "let x: " + String(repeating: "Array<", count: 100_000) + "int" + String(repeating: ">", count: 100_000) + " = y"),
        ("function types", "let x: " + String(repeating: "() -> ", count: 100_000) + "int = y"),
        ("yields", "x = " + String(repeating: "yield ", count: 100_000) + "1"),
        ("is chains", "x = a" + String(repeating: " is T", count: 100_000)),
        ("generic calls", "x = " + String(repeating: "f<int>(", count: 50_000) + String(repeating: ")", count: 50_000)),
        ("comparisons", "x = a" + String(repeating: " < a", count: 100_000)),
        ("angles", "x = " + String(repeating: "a<", count: 100_000)),
    ]

    @Test(arguments: RobustnessTests.deepInputs.map(\.0))
    func deepNestingIsOneClearErrorOnASmallStack(_ name: String) async {
        let text = RobustnessTests.deepInputs.first { $0.0 == name }!.1
        let messages = await Support.onSmallStack { Support.parse(text).diagnostics.map(\.message) }
        #expect(messages.contains("nesting too deep: more than \(Limits.maxNestingDepth) levels"), "\(messages.prefix(3))")
        #expect(messages.count <= 3, "\(messages.prefix(5))")
    }

    @Test func nestingUpToTheLimitIsFine() async {
        let depth = Limits.maxNestingDepth - 2
        let text = "x = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        let messages = await Support.onSmallStack { Support.parse(text).diagnostics.map(\.message) }
        #expect(messages.isEmpty)
        let sum = "x = 1" + String(repeating: " + 1", count: 200)
        #expect(Support.errors(sum).isEmpty)
    }

    @Test func hugeAndEmptyInputs() {
        #expect(Support.parse("").diagnostics.isEmpty)
        #expect(Support.parse("\n\n  \n").diagnostics.isEmpty)
        #expect(Support.parse(";;;").diagnostics.isEmpty)
        let ten = 10 * 1024 * 1024
        // A 10 MB line: a string literal, a comment, and a statement list.
        let string = "let s = \"" + String(repeating: "a", count: ten) + "\""
        #expect(Support.parse(string).diagnostics.isEmpty)
        let comment = "// " + String(repeating: "é", count: ten / 2)
        #expect(Support.parse(comment).diagnostics.isEmpty)
        let statements = String(repeating: "x = 1; ", count: ten / 7)
        #expect(Support.parse(statements).diagnostics.isEmpty)
        // 10 MB of junk on one line: one error for the run.
        let junk = String(repeating: "@", count: ten)
        #expect(Support.parse(junk).diagnostics.map(\.message) == ["unexpected character '@'"])
        // 10 MB without a closing quote.
        let open = "\"" + String(repeating: "a", count: ten)
        #expect(Support.parse(open).diagnostics.map(\.message) == ["unterminated string literal"])
    }
}
