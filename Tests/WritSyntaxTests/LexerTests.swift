import Testing
@testable import WritSyntax

@Suite struct LexerTests {
    @Test func commentsAreSkippedAndBlockCommentsCanEndLines() {
        #expect(Support.kinds("a // b c\nd") == [.identifier, .identifier])
        #expect(Support.kinds("a /* b\n c */ d") == [.identifier, .identifier])
        let t = Support.tokens("a /* x */ b /* \n */ c")
        #expect(!t[1].newlineBefore && t[1].spaceBefore)
        #expect(t[2].newlineBefore)
        #expect(Support.lexErrors("a /* never closed") == ["1:3: unterminated block comment"])
        // Block comments do not nest: the first `*/` ends it.
        #expect(Support.kinds("/* /* */ x */") == [.identifier, .star, .slash])
    }

    @Test func identifiersKeywordsAndContextualWords() {
        #expect(Support.kinds("foo _bar x1 Foo_2") == [.identifier, .identifier, .identifier, .identifier])
        let keywords = "as break class const continue else enum export extends false for func if import in is let null private public return self start static struct super trait true var weak when where while with yield"
        let kinds = Support.kinds(keywords)
        #expect(kinds.count == 35)
        #expect(kinds.allSatisfy { $0.isKeyword })
        #expect(Set(kinds).count == 35)
        // Contextual words and type names are identifiers; prefixes of keywords too.
        #expect(Support.kinds("from set field int void string ifx lets Self") == Array(repeating: .identifier, count: 9))
        #expect(Support.kinds("_") == [.underscore])
        #expect(Support.kinds("__") == [.identifier])
    }

    @Test func integerLiterals() {
        for good in ["0", "42", "1_000_000", "010", "0xFF", "0x7fff_ffff", "0XaB", "0b1010", "0B1", "9223372036854775807"] {
            #expect(Support.kinds(good) == [.intLiteral], "\(good)")
            #expect(Support.lexErrors(good).isEmpty, "\(good)")
        }
        for bad in ["1__0", "1_", "0x_F", "0x", "0b", "0b102", "12abc", "0x1G", "_1", "_1_0"] {
            #expect(Support.lexErrors(bad) == ["1:1: invalid number literal"], "\(bad)")
            #expect(Support.kinds(bad) == [.intLiteral], "\(bad) is one token")
        }
        #expect(Support.tokens("0xFF")[0].flags.contains(.hexadecimal))
        #expect(Support.tokens("0b1")[0].flags.contains(.binary))
    }

    @Test func floatLiteralsAndTheirNeighbours() {
        for good in ["3.0", "0.5", "1e9", "2.5e-3", "6.02E23", "1_000.25", "1e+5"] {
            #expect(Support.kinds(good) == [.floatLiteral], "\(good)")
            #expect(Support.lexErrors(good).isEmpty, "\(good)")
        }
        #expect(Support.kinds("1.") == [.intLiteral, .dot])
        #expect(Support.kinds(".5") == [.dot, .intLiteral])
        #expect(Support.kinds("0..10") == [.intLiteral, .dotDot, .intLiteral])
        #expect(Support.kinds("1..=5") == [.intLiteral, .dotDotEqual, .intLiteral])
        #expect(Support.kinds("42.toString()") == [.intLiteral, .dot, .identifier, .leftParen, .rightParen])
        #expect(Support.lexErrors("1e") == ["1:1: invalid number literal"])
        #expect(Support.lexErrors("1.5e+") == ["1:1: invalid number literal"])
    }

    @Test func everyOperator() {
        let ops: [(String, TokenKind)] = [
            ("+", .plus), ("-", .minus), ("*", .star), ("/", .slash), ("%", .percent), ("=", .assign),
            ("+=", .plusAssign), ("-=", .minusAssign), ("*=", .starAssign), ("/=", .slashAssign),
            ("%=", .percentAssign), ("==", .equalEqual), ("!=", .bangEqual), ("<", .less), ("<=", .lessEqual),
            (">", .greater), (">=", .greaterEqual), ("&&", .ampAmp), ("||", .pipePipe), ("!", .bang),
            ("?", .question), ("??", .questionQuestion), ("?.", .questionDot), ("..", .dotDot),
            ("..=", .dotDotEqual), ("...", .ellipsis), ("->", .arrow), ("=>", .fatArrow), ("::", .colonColon),
            (".", .dot), (",", .comma), (":", .colon), (";", .semicolon), ("(", .leftParen), (")", .rightParen),
            ("[", .leftBracket), ("]", .rightBracket), ("{", .leftBrace), ("}", .rightBrace),
        ]
        for (text, kind) in ops {
            #expect(Support.kinds(text) == [kind], "\(text)")
            #expect(kind.fixedText == text)
        }
        // Longest match.
        #expect(Support.kinds("a->b=>c") == [.identifier, .arrow, .identifier, .fatArrow, .identifier])
    }

    @Test func singleAmpersandAndPipeAreErrorsThatRecover() {
        #expect(Support.lexErrors("a & b") == ["1:3: unexpected character '&'"])
        #expect(Support.lexErrors("a | b") == ["1:3: unexpected character '|'"])
        // The parser sees `&&`, so nothing else is reported.
        #expect(Support.errors("let c = a & b") == ["1:11: unexpected character '&'"])
    }

    @Test func unexpectedCharactersAreReportedOncePerRun() {
        #expect(Support.lexErrors("a @ b") == ["1:3: unexpected character '@'"])
        #expect(Support.lexErrors("x = #@~ 1") == ["1:5: unexpected character '#'"])
        #expect(Support.lexErrors("let é = 1") == ["1:5: unexpected character 'é'"])
        #expect(Support.lexErrors("a $ b") == ["1:3: unexpected character '$'"])
        #expect(Support.lexErrors("a\u{7}b") == ["1:2: unexpected character '\\u{7}'"])
    }

    @Test func questionMarkSpacing() {
        let t = Support.tokens("r? c ? a : b")
        #expect(t[1].kind == .question && !t[1].spaceBefore)
        #expect(t[3].kind == .question && t[3].spaceBefore)
    }

    @Test func plainStrings() {
        #expect(Support.kinds("\"hello\"") == [.string])
        #expect(Support.lexErrors(#""a\n\t\r\0\\\"\$\u{1F600}\u{41}""#).isEmpty)
        #expect(Support.lexErrors(#""\q""#) == [#"1:2: unknown escape sequence '\q'"#])
        #expect(Support.lexErrors(#""\u{D800}""#) == ["1:2: invalid unicode escape"])
        #expect(Support.lexErrors(#""\u{110000}""#) == ["1:2: invalid unicode escape"])
        #expect(Support.lexErrors(#""\u{}""#) == ["1:2: invalid unicode escape"])
        #expect(Support.lexErrors(#""\u{1234567}""#) == ["1:2: invalid unicode escape"])
        #expect(Support.lexErrors(#""\u41""#) == ["1:2: invalid unicode escape"])
        #expect(Support.lexErrors("let s = \"abc\nlet t = 1") == ["1:9: unterminated string literal"])
        #expect(Support.lexErrors("\"abc") == ["1:1: unterminated string literal"])
    }

    @Test func interpolationTokenShapes() {
        #expect(Support.kinds(#""a $x b""#) == [.stringStart, .interpolatedName, .stringEnd])
        #expect(Support.kinds(#""${x}""#) == [.stringStart, .interpolationOpen, .identifier, .interpolationClose, .stringEnd])
        #expect(Support.kinds(#""$a$b""#) == [.stringStart, .interpolatedName, .stringMiddle, .interpolatedName, .stringEnd])
        // Braces and strings inside `${}`.
        #expect(Support.kinds(#""${ {"k": "}"}["k"] }""#) == [
            .stringStart, .interpolationOpen, .leftBrace, .string, .colon, .string, .rightBrace, .leftBracket,
            .string, .rightBracket, .interpolationClose, .stringEnd,
        ])
        #expect(Support.kinds(#""${"nested ${n}"}""#) == [
            .stringStart, .interpolationOpen, .stringStart, .interpolationOpen, .identifier, .interpolationClose,
            .stringEnd, .interpolationClose, .stringEnd,
        ])
        // `$` not followed by a name or `{`, and `\$`, are text.
        #expect(Support.kinds(#""$ 5 \$x $""#) == [.string])
    }

    @Test func unterminatedInterpolationStillGivesACompleteLiteral() {
        let kinds = Support.kinds("let s = \"${foo(\nlet t = 1")
        #expect(kinds.prefix(8) == [.kwLet, .identifier, .assign, .stringStart, .interpolationOpen, .identifier, .leftParen, .interpolationClose])
        #expect(Support.errors("let s = \"${foo(\nlet t = 1") == ["1:9: unterminated string literal"])
        #expect(Support.errors("\"${\"${") == ["1:4: unterminated string literal"])
    }

    @Test func invalidUTF8AndNULAreDiagnosedEverywhere() {
        func errs(_ bytes: [UInt8]) -> [String] {
            let file = SourceFile(path: "t", bytes: bytes)
            return Lexer.tokenize(file).diagnostics.map(\.message)
        }
        #expect(errs([0x61, 0xFF, 0xFE, 0x62]) == ["invalid UTF-8 byte sequence"])
        #expect(errs(Array("\"a".utf8) + [0xC0, 0x80] + Array("\"".utf8)) == ["invalid UTF-8 byte sequence"])
        #expect(errs(Array("// c".utf8) + [0xED, 0xA0, 0x80]) == ["invalid UTF-8 byte sequence"])
        #expect(errs([0x61, 0, 0, 0x62]) == ["unexpected character '\\u{0}'"])
        #expect(errs(Array("\"a".utf8) + [0] + Array("\"".utf8)) == ["unexpected character '\\u{0}'"])
        #expect(errs(Array("/* ".utf8) + [0] + Array(" */".utf8)) == ["unexpected character '\\u{0}'"])
        #expect(errs(Array("\"é 😀\"".utf8)).isEmpty)
    }

    @Test func stringDecoding() {
        #expect(Support.sexpr(#""a\n\t\"\\\$\u{41}\u{1F600}""#) == "\"a\n\t\"\\$A😀\"")
        #expect(Support.sexpr(#""Hello, $name! ${n * 2} items cost \$5, or $ 5""#)
                == #"(str "Hello, " name "! " (* n 2) " items cost $5, or $ 5")"#)
        #expect(Support.sexpr(#""$self.x""#) == #"(str self ".x")"#)
    }

    @Test func tripleQuotedIndentation() {
        let text = "\"\"\"\n    Player $who\n      indented \"quoted\"\n    done\n    \"\"\""
        #expect(Support.sexpr(text) == "(str \"Player \" who \"\n  indented \"quoted\"\ndone\")")
        #expect(Support.sexpr("\"\"\"one line\"\"\"") == "\"one line\"")
        // No indent when the closing quotes follow text on their line.
        #expect(Support.sexpr("\"\"\"\n  a\n  b\"\"\"") == "\"  a\n  b\"")
        // Lines that do not begin with the indent are kept as they are.
        #expect(Support.sexpr("\"\"\"\n    a\n  b\n    \"\"\"") == "\"a\n  b\"")
        // Blank lines, CRLF line breaks, and an empty literal.
        #expect(Support.sexpr("\"\"\"\r\n  a\r\n\r\n  b\r\n  \"\"\"") == "\"a\n\nb\"")
        #expect(Support.sexpr("\"\"\"\n  \"\"\"") == "\"\"")
        #expect(Support.errors("let s = \"\"\"\nabc") == ["1:9: unterminated string literal"])
    }
}
