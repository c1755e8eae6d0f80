/// The kinds of token of language.md §2.
///
/// A string literal without interpolation is one `.string` token. A literal with
/// interpolation is a sequence, which the lexer always emits complete (also for broken
/// input, with synthetic zero-width tokens), so the parser can rely on its shape:
///
///     "a $x b ${e} c"   →   stringStart("a )  interpolatedName($x)  stringMiddle( b )
///                           interpolationOpen(${)  …tokens of e…  interpolationClose(})
///                           stringEnd( c")
package enum TokenKind: UInt8, Sendable, CaseIterable {
    case endOfFile
    /// A character that begins no token (already diagnosed by the lexer).
    case unknown

    case identifier
    /// A lone `_` (the wildcard of destructuring patterns, §17.2).
    case underscore
    case intLiteral
    case floatLiteral

    case string
    case stringStart
    case stringMiddle
    case stringEnd
    /// `$name` inside a string literal.
    case interpolatedName
    /// `${` inside a string literal.
    case interpolationOpen
    /// The `}` that ends a `${…}`.
    case interpolationClose

    // Keywords (§2.3).
    case kwAs, kwBreak, kwClass, kwConst, kwContinue, kwElse, kwEnum, kwExport, kwExtends
    case kwFalse, kwFor, kwFunc, kwIf, kwImport, kwIn, kwIs, kwLet, kwNull, kwPrivate
    case kwPublic, kwReturn, kwSelf, kwStart, kwStatic, kwStruct, kwSuper, kwTrait, kwTrue
    case kwVar, kwWeak, kwWhen, kwWhere, kwWhile, kwWith, kwYield

    // Operators and punctuation (§2.8).
    case plus, minus, star, slash, percent
    case assign, plusAssign, minusAssign, starAssign, slashAssign, percentAssign
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case ampAmp, pipePipe, bang
    case question, questionQuestion, questionDot
    case dotDot, dotDotEqual, ellipsis
    case arrow, fatArrow, colonColon
    case dot, comma, colon, semicolon
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace

    /// How the token is named in a message such as `expected ')'`.
    package var spelling: String {
        switch self {
        case .endOfFile: "end of file"
        case .unknown: "unknown character"
        case .identifier: "identifier"
        case .underscore: "'_'"
        case .intLiteral: "integer literal"
        case .floatLiteral: "float literal"
        case .string, .stringStart: "string literal"
        case .stringMiddle, .stringEnd: "string text"
        case .interpolatedName: "interpolation"
        case .interpolationOpen: "'${'"
        case .interpolationClose: "'}'"
        default:
            if let text = fixedText { "'\(text)'" } else { "token" }
        }
    }

    /// The text of keywords and operators.
    package var fixedText: String? {
        switch self {
        case .kwAs: "as"
        case .kwBreak: "break"
        case .kwClass: "class"
        case .kwConst: "const"
        case .kwContinue: "continue"
        case .kwElse: "else"
        case .kwEnum: "enum"
        case .kwExport: "export"
        case .kwExtends: "extends"
        case .kwFalse: "false"
        case .kwFor: "for"
        case .kwFunc: "func"
        case .kwIf: "if"
        case .kwImport: "import"
        case .kwIn: "in"
        case .kwIs: "is"
        case .kwLet: "let"
        case .kwNull: "null"
        case .kwPrivate: "private"
        case .kwPublic: "public"
        case .kwReturn: "return"
        case .kwSelf: "self"
        case .kwStart: "start"
        case .kwStatic: "static"
        case .kwStruct: "struct"
        case .kwSuper: "super"
        case .kwTrait: "trait"
        case .kwTrue: "true"
        case .kwVar: "var"
        case .kwWeak: "weak"
        case .kwWhen: "when"
        case .kwWhere: "where"
        case .kwWhile: "while"
        case .kwWith: "with"
        case .kwYield: "yield"
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .percent: "%"
        case .assign: "="
        case .plusAssign: "+="
        case .minusAssign: "-="
        case .starAssign: "*="
        case .slashAssign: "/="
        case .percentAssign: "%="
        case .equalEqual: "=="
        case .bangEqual: "!="
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .ampAmp: "&&"
        case .pipePipe: "||"
        case .bang: "!"
        case .question: "?"
        case .questionQuestion: "??"
        case .questionDot: "?."
        case .dotDot: ".."
        case .dotDotEqual: "..="
        case .ellipsis: "..."
        case .arrow: "->"
        case .fatArrow: "=>"
        case .colonColon: "::"
        case .dot: "."
        case .comma: ","
        case .colon: ":"
        case .semicolon: ";"
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .leftBrace: "{"
        case .rightBrace: "}"
        case .interpolationOpen: "${"
        case .interpolationClose: "}"
        default: nil
        }
    }

    package var isKeyword: Bool { rawValue >= TokenKind.kwAs.rawValue && rawValue <= TokenKind.kwYield.rawValue }

    /// A binary operator for the purpose of §2.9 (a line ending in one continues), and the
    /// operators of the precedence table.
    package var isBinaryOperator: Bool {
        switch self {
        case .plus, .minus, .star, .slash, .percent, .equalEqual, .bangEqual, .less, .lessEqual, .greater,
             .greaterEqual, .ampAmp, .pipePipe, .questionQuestion, .dotDot, .dotDotEqual, .kwAs, .kwIs:
            true
        default: false
        }
    }

    package var isAssignmentOperator: Bool {
        switch self {
        case .assign, .plusAssign, .minusAssign, .starAssign, .slashAssign, .percentAssign: true
        default: false
        }
    }
}

/// Facts about a token that the parser needs besides its kind and range.
package struct TokenFlags: OptionSet, Sendable, Hashable {
    package let rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A line break (or a block comment spanning lines) separates this token from the
    /// previous one: it may end a statement (§2.9).
    package static let newlineBefore = TokenFlags(rawValue: 1 << 0)
    /// Whitespace or a comment separates this token from the previous one (the `?` rule, §2.8).
    package static let spaceBefore = TokenFlags(rawValue: 1 << 1)
    /// The lexer reported an error for this token (or synthesised it while recovering); the
    /// parser reports nothing more at it.
    package static let diagnosed = TokenFlags(rawValue: 1 << 2)
    /// A string token of a `"""` literal.
    package static let triple = TokenFlags(rawValue: 1 << 3)
    /// A string token that contains a backslash escape.
    package static let hasEscapes = TokenFlags(rawValue: 1 << 4)
    /// A final string token that has no closing quote.
    package static let unterminated = TokenFlags(rawValue: 1 << 5)
    /// An integer literal written `0x…`.
    package static let hexadecimal = TokenFlags(rawValue: 1 << 6)
    /// An integer literal written `0b…`.
    package static let binary = TokenFlags(rawValue: 1 << 7)
}

/// One token: its kind, flags and byte range in the file. 12 bytes; a file's tokens live in
/// one array and the parser addresses them by index.
package struct Token: Sendable {
    package var kind: TokenKind
    package var flags: TokenFlags
    package var start: UInt32
    package var end: UInt32

    package init(kind: TokenKind, flags: TokenFlags, start: Int, end: Int) {
        self.kind = kind
        self.flags = flags
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
    }

    @inline(__always) package var newlineBefore: Bool { flags.contains(.newlineBefore) }
    @inline(__always) package var spaceBefore: Bool { flags.contains(.spaceBefore) }
}
