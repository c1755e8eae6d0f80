import Testing
@testable import WritSyntax

@Suite struct DiagnosticTests {
    @Test func renderingFollowsTheReferenceFormat() {
        let file = SourceFile(path: "main.writ", text: "let health = 10\nprint(helth)\n")
        let d = Diagnostic.error("undefined variable 'helth'", at: SourceRange(file: file.id, start: 22, end: 27),
                                 help: ["did you mean 'health'?"])
        #expect(DiagnosticRenderer().render(d, in: file) == """
            main.writ:2:7: error: undefined variable 'helth'
            print(helth)
                  ^^^^^
            help: did you mean 'health'?

            """)
    }

    @Test func caretLineKeepsTabsAndCountsScalars() {
        let file = SourceFile(path: "a.writ", text: "\tlet é = \"ü\" & 1\n")
        let rendered = DiagnosticRenderer().render(Parser.parse(file).diagnostics[0], in: file)
        #expect(rendered == "a.writ:1:6: error: unexpected character 'é'\n\tlet é = \"ü\" & 1\n\t    ^\n")
        let all = Parser.parse(file).diagnostics.map { DiagnosticRenderer().render($0, in: file) }
        #expect(all[1] == "a.writ:1:14: error: unexpected character '&'\n\tlet é = \"ü\" & 1\n\t    \u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}\u{20}^\n")
    }

    @Test func caretsCoverTheRangeOnItsLineAndAtLeastOne() {
        let file = SourceFile(path: "a.writ", text: "f(1,\n2")
        let d = Parser.parse(file).diagnostics
        #expect(d.count == 1)
        // Missing `)` at the end of the file: one caret after the last token.
        #expect(DiagnosticRenderer().render(d[0], in: file) == "a.writ:2:2: error: expected ')'\n2\n ^\n")
        let multi = SourceFile(path: "a.writ", text: "let s = \"abc\n")
        #expect(DiagnosticRenderer().render(Parser.parse(multi).diagnostics[0], in: multi)
                == "a.writ:1:9: error: unterminated string literal\nlet s = \"abc\n        ^^^^\n")
    }

    @Test func colourOnlyWhenAsked() {
        let file = SourceFile(path: "a.writ", text: "@")
        let d = Parser.parse(file).diagnostics[0]
        #expect(!DiagnosticRenderer(colors: false).render(d, in: file).contains("\u{1B}["))
        #expect(DiagnosticRenderer(colors: true).render(d, in: file).contains("\u{1B}[1;31merror:"))
    }

    @Test func independentErrorsAreAllReportedWithoutCascades() {
        let source = """
            let a = (1 +
            let b = 2
            let c = [1, 2
            print(a b)
            func f( { }
            let d = 3 +* 4
            class K {
                x int
                y: int
            }
            let ok = 1
            """
        #expect(Support.errors(source) == [
            "1:13: expected expression",
            "3:14: expected ']'",
            "4:9: expected ')'",
            "5:9: expected parameter name",
            "6:12: expected expression",
            "8:7: expected ':'",
        ])
    }

    @Test func oneMistakeInsideBracketsIsOneError() {
        #expect(Support.errors("foo(1,\n   2 +* 3,\n   4)\nbar()") == ["2:7: expected expression"])
        #expect(Support.errors("f(a, , b)") == ["1:6: expected expression"])
        #expect(Support.errors("f(1 +, 2 +)") == ["1:6: expected expression", "1:11: expected expression"])
        #expect(Support.errors("x = [1, @, 3]") == ["1:9: unexpected character '@'"])
        #expect(Support.errors("if x {\n  y(\n}\nz()") == ["2:5: expected ')'"])
    }

    @Test func strayClosersAndBraces() {
        #expect(Support.errors("}\nlet a = 1") == ["1:1: expected declaration or statement"])
        #expect(Support.errors("x = 1)\ny = 2") == ["1:6: expected newline or ';'"])
        #expect(Support.errors("func f() {\n  let a = 1\n") == ["2:12: expected '}'"])
        #expect(Support.errors("if x\n{\n}") == ["2:1: expected '{' on the same line as 'if'"])
    }

    @Test func emptyInterpolationAndWildcard() {
        #expect(Support.errors("print(\"${}\")") == ["1:8: expected expression in '${}'"])
        #expect(Support.errors("print(_)") == ["1:7: '_' can only be used in a destructuring pattern"])
        #expect(Support.errors("print(\"${1 +}\")") == ["1:13: expected expression"])
    }

    @Test func tooManyErrorsStops() {
        let source = String(repeating: "let = 1\n", count: Limits.maxDiagnosticsPerFile + 50)
        let messages = Support.parse(source).diagnostics.map(\.message)
        #expect(messages.count == Limits.maxDiagnosticsPerFile + 1)
        #expect(messages.last == SyntaxError.tooManyErrors.message)
    }
}
