/// Every lexical and syntax error the front end reports, as data (language.md §26.2).
///
/// The lexer and the parser build a `SyntaxError` and turn it into a `Diagnostic` through
/// `diagnostic(at:)`; the message texts live here and nowhere else.
package enum SyntaxError: Sendable, Hashable {
    // Lexical (§2).
    case unterminatedString
    case unterminatedBlockComment
    /// The character after the backslash, as it should be shown (`q`, or `\u{7}` for a
    /// control character).
    case unknownEscape(String)
    case invalidUnicodeEscape
    /// The character as it should be shown.
    case unexpectedCharacter(String)
    case invalidUTF8
    case integerTooLarge
    case invalidNumber
    case floatOutOfRange

    // Syntax.
    /// `expected ')'`, `expected expression`, … The payload is what was expected.
    case expected(String)
    case emptyInterpolation
    case nestingTooDeep
    case invalidAssignmentTarget
    case wildcardOutsidePattern
    /// `class` inside a function body and the like; the payload names the construct.
    case onlyAtTopLevel(String)
    /// `public` on a top-level function and the like; payload: the modifier.
    case modifierNotAllowed(String)
    case duplicateModifier(String)
    /// `enum … extends` / `enum … with`: the AST has no place for them.
    case enumCannotUse(String)
    case interpolationInImportPath
    case blockBraceOnNextLine(owner: String)
    case tooManyErrors

    package var message: String {
        switch self {
        case .unterminatedString: "unterminated string literal"
        case .unterminatedBlockComment: "unterminated block comment"
        case .unknownEscape(let c): "unknown escape sequence '\\\(c)'"
        case .invalidUnicodeEscape: "invalid unicode escape"
        case .unexpectedCharacter(let c): "unexpected character '\(c)'"
        case .invalidUTF8: "invalid UTF-8 byte sequence"
        case .integerTooLarge: "integer literal is too large"
        case .invalidNumber: "invalid number literal"
        case .floatOutOfRange: "float literal is out of range"
        case .expected(let what): "expected \(what)"
        case .emptyInterpolation: "expected expression in '${}'"
        case .nestingTooDeep: "nesting too deep: more than \(Limits.maxNestingDepth) levels"
        case .invalidAssignmentTarget: "invalid assignment target"
        case .wildcardOutsidePattern: "'_' can only be used in a destructuring pattern"
        case .onlyAtTopLevel(let what): "\(what) is only allowed at the top level"
        case .modifierNotAllowed(let m): "'\(m)' is not allowed here"
        case .duplicateModifier(let m): "duplicate modifier '\(m)'"
        case .enumCannotUse(let k): "enums cannot use '\(k)'"
        case .interpolationInImportPath: "an import path cannot contain interpolation"
        case .blockBraceOnNextLine(let owner): "expected '{' on the same line as '\(owner)'"
        case .tooManyErrors: "too many errors (more than \(Limits.maxDiagnosticsPerFile)); stopping"
        }
    }

    package func diagnostic(at range: SourceRange) -> Diagnostic {
        .error(message, at: range)
    }

    /// How a character is shown inside quotes in a message: printable characters as
    /// themselves, control characters and the like in the language's own escape form.
    package static func show(scalar: Unicode.Scalar) -> String {
        let v = scalar.value
        if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) || scalar.properties.generalCategory == .format
            || scalar.properties.generalCategory == .lineSeparator
            || scalar.properties.generalCategory == .paragraphSeparator {
            return "\\u{\(String(v, radix: 16, uppercase: true))}"
        }
        return String(Character(scalar))
    }
}
