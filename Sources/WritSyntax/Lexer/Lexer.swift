/// Turns the bytes of a source file into tokens (language.md §2).
///
/// The lexer works on UTF-8 bytes, never on `Character`s: identifiers, keywords, numbers and
/// operators are ASCII, and non-ASCII text can only appear inside strings and comments, where
/// it is validated and skipped. It runs once over the whole file and returns every token in
/// one array, ending with `.endOfFile`; it never fails. Each problem becomes a diagnostic and
/// the lexer carries on with a token that keeps the parser quiet (flag `.diagnosed`): a
/// single `&` becomes `&&`, an invalid number a literal, a run of stray characters one
/// `.unknown` token.
///
/// Line breaks are not tokens. A token records whether a line break (or whitespace) came
/// before it; the parser decides where that ends a statement (§2.9), because only it knows
/// whether it is inside parentheses or a block.
///
/// String interpolation is lexed without recursion: `${` pushes an `Interpolation` and the
/// lexer goes on producing ordinary tokens, counting braces, until the `}` that closes it.
/// Nested strings inside the expression push further entries, so the depth of nesting costs
/// heap, not stack.
package struct Lexer {
    package struct Output: Sendable {
        package var tokens: [Token]
        package var diagnostics: [Diagnostic]
    }

    private struct Interpolation {
        var triple: Bool
        /// Unclosed `{` inside the `${…}`.
        var braceDepth: Int
        /// Offset of the opening quote of the literal the interpolation belongs to.
        var quoteStart: Int
    }

    private let bytes: [UInt8]
    private let count: Int
    private let file: FileID
    private var i = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    /// Flags for the next token, collected while skipping whitespace and comments.
    private var pending: TokenFlags = [.spaceBefore]
    private var interpolations: [Interpolation] = []
    /// Where the last `unterminated string literal` was reported from, so that one line break
    /// ending several nested literals gives one error.
    private var lastUnterminatedAt = -1

    private init(bytes: [UInt8], file: FileID) {
        self.bytes = bytes
        self.count = bytes.count
        self.file = file
    }

    /// Tokenizes a whole file.
    package static func tokenize(_ source: SourceFile) -> Output {
        var lexer = Lexer(bytes: source.bytes, file: source.id)
        lexer.run()
        return Output(tokens: lexer.tokens, diagnostics: lexer.diagnostics)
    }

    // MARK: - Driver

    private mutating func run() {
        tokens.reserveCapacity(count / 5 + 16)
        while true {
            skipTrivia()
            if i >= count {
                finishOpenInterpolations()
                emit(.endOfFile, i, i)
                return
            }
            let b = bytes[i]
            if b == Ascii.rightBrace, let last = interpolations.last, last.braceDepth == 0 {
                emit(.interpolationClose, i, i + 1)
                i += 1
                interpolations.removeLast()
                scanStringBody(triple: last.triple, quoteStart: last.quoteStart, segmentStart: i, first: false)
                continue
            }
            lexToken(b)
        }
    }

    @inline(__always) private func byte(_ j: Int) -> UInt8 { j < count ? bytes[j] : 0 }

    @inline(__always) private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, _ flags: TokenFlags = []) {
        tokens.append(Token(kind: kind, flags: pending.union(flags), start: start, end: end))
        pending = []
    }

    private mutating func report(_ error: SyntaxError, _ start: Int, _ end: Int) {
        diagnostics.append(error.diagnostic(at: SourceRange(file: file, start: start, end: end)))
    }

    // MARK: - Whitespace and comments

    private mutating func skipTrivia() {
        while i < count {
            switch bytes[i] {
            case Ascii.space, Ascii.tab, Ascii.cr:
                pending.insert(.spaceBefore)
                i += 1
            case Ascii.lf:
                if let last = interpolations.last, !last.triple {
                    // A line break inside `${…}` of a one-line literal ends the literal.
                    endUnterminatedInterpolation()
                    continue
                }
                pending.formUnion([.newlineBefore, .spaceBefore])
                i += 1
            case Ascii.slash:
                let next = byte(i + 1)
                if next == Ascii.slash {
                    skipLineComment()
                } else if next == Ascii.star {
                    skipBlockComment()
                } else {
                    return
                }
            default:
                return
            }
        }
    }

    private mutating func skipLineComment() {
        pending.insert(.spaceBefore)
        i += 2
        while i < count {
            let b = bytes[i]
            if b == Ascii.lf { return }
            if b >= 0x80 || b == 0 {
                skipTextCharacter()
            } else {
                i += 1
            }
        }
    }

    private mutating func skipBlockComment() {
        let start = i
        pending.insert(.spaceBefore)
        i += 2
        while i < count {
            let b = bytes[i]
            if b == Ascii.star, byte(i + 1) == Ascii.slash {
                i += 2
                return
            }
            if b == Ascii.lf {
                pending.insert(.newlineBefore)
                i += 1
            } else if b >= 0x80 || b == 0 {
                skipTextCharacter()
            } else {
                i += 1
            }
        }
        report(.unterminatedBlockComment, start, start + 2)
    }

    /// Inside a comment or a string, at a NUL or non-ASCII byte: skips one valid scalar, or
    /// reports a run of NUL bytes / invalid UTF-8 as one error and skips it.
    private mutating func skipTextCharacter() {
        if bytes[i] != 0, let length = UTF8Check.sequenceLength(bytes, at: i) {
            i += length
            return
        }
        let start = i
        let nul = bytes[i] == 0
        i += 1
        while i < count {
            let b = bytes[i]
            if nul ? b != 0 : (b < 0x80 || UTF8Check.sequenceLength(bytes, at: i) != nil) { break }
            i += 1
        }
        report(nul ? .unexpectedCharacter("\\u{0}") : .invalidUTF8, start, i)
    }

    // MARK: - Tokens

    private mutating func lexToken(_ b: UInt8) {
        let start = i
        switch b {
        case Ascii.a...Ascii.z, Ascii.A...Ascii.Z, Ascii.underscore:
            lexWord()
        case Ascii.zero...Ascii.nine:
            lexNumber()
        case Ascii.quote:
            lexString()
        case Ascii.plus:
            op2(Ascii.equal, .plusAssign, else: .plus)
        case Ascii.minus:
            let next = byte(i + 1)
            if next == Ascii.equal { op(.minusAssign, 2) } else if next == Ascii.greater { op(.arrow, 2) } else { op(.minus, 1) }
        case Ascii.star:
            op2(Ascii.equal, .starAssign, else: .star)
        case Ascii.slash:
            op2(Ascii.equal, .slashAssign, else: .slash)
        case Ascii.percent:
            op2(Ascii.equal, .percentAssign, else: .percent)
        case Ascii.equal:
            let next = byte(i + 1)
            if next == Ascii.equal { op(.equalEqual, 2) } else if next == Ascii.greater { op(.fatArrow, 2) } else { op(.assign, 1) }
        case Ascii.bang:
            op2(Ascii.equal, .bangEqual, else: .bang)
        case Ascii.less:
            op2(Ascii.equal, .lessEqual, else: .less)
        case Ascii.greater:
            op2(Ascii.equal, .greaterEqual, else: .greater)
        case Ascii.ampersand:
            if byte(i + 1) == Ascii.ampersand {
                op(.ampAmp, 2)
            } else {
                report(.unexpectedCharacter("&"), start, start + 1)
                op(.ampAmp, 1, [.diagnosed])
            }
        case Ascii.pipe:
            if byte(i + 1) == Ascii.pipe {
                op(.pipePipe, 2)
            } else {
                report(.unexpectedCharacter("|"), start, start + 1)
                op(.pipePipe, 1, [.diagnosed])
            }
        case Ascii.question:
            let next = byte(i + 1)
            if next == Ascii.question { op(.questionQuestion, 2) } else if next == Ascii.dot { op(.questionDot, 2) } else { op(.question, 1) }
        case Ascii.dot:
            if byte(i + 1) == Ascii.dot {
                let third = byte(i + 2)
                if third == Ascii.dot { op(.ellipsis, 3) } else if third == Ascii.equal { op(.dotDotEqual, 3) } else { op(.dotDot, 2) }
            } else {
                op(.dot, 1)
            }
        case Ascii.colon:
            op2(Ascii.colon, .colonColon, else: .colon)
        case Ascii.comma: op(.comma, 1)
        case Ascii.semicolon: op(.semicolon, 1)
        case Ascii.leftParen: op(.leftParen, 1)
        case Ascii.rightParen: op(.rightParen, 1)
        case Ascii.leftBracket: op(.leftBracket, 1)
        case Ascii.rightBracket: op(.rightBracket, 1)
        case Ascii.leftBrace:
            if !interpolations.isEmpty { interpolations[interpolations.count - 1].braceDepth += 1 }
            op(.leftBrace, 1)
        case Ascii.rightBrace:
            // The `}` closing an interpolation was handled by `run`.
            if !interpolations.isEmpty { interpolations[interpolations.count - 1].braceDepth -= 1 }
            op(.rightBrace, 1)
        default:
            lexUnexpected()
        }
    }

    @inline(__always) private mutating func op(_ kind: TokenKind, _ length: Int, _ flags: TokenFlags = []) {
        emit(kind, i, i + length, flags)
        i += length
    }

    @inline(__always) private mutating func op2(_ second: UInt8, _ two: TokenKind, else one: TokenKind) {
        if byte(i + 1) == second { op(two, 2) } else { op(one, 1) }
    }

    /// A run of characters that begin no token: one diagnostic, one `.unknown` token.
    private mutating func lexUnexpected() {
        let start = i
        let error: SyntaxError
        if bytes[i] < 0x80 {
            error = .unexpectedCharacter(SyntaxError.show(scalar: Unicode.Scalar(bytes[i])))
            i += 1
        } else if let length = UTF8Check.sequenceLength(bytes, at: i) {
            error = .unexpectedCharacter(SyntaxError.show(scalar: UTF8Check.decode(bytes, at: i, length: length)))
            i += length
        } else {
            error = .invalidUTF8
            i += 1
        }
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                if !Ascii.beginsNoToken(b) { break }
                i += 1
            } else {
                i += UTF8Check.sequenceLength(bytes, at: i) ?? 1
            }
        }
        report(error, start, i)
        emit(.unknown, start, i, [.diagnosed])
    }

    private mutating func lexWord() {
        let start = i
        i += 1
        while i < count, Ascii.isIdentifierCharacter(bytes[i]) { i += 1 }
        let length = i - start
        if bytes[start] == Ascii.underscore {
            if length == 1 {
                emit(.underscore, start, i)
                return
            }
            // `_1`, `_1_000`: §2.4 names these invalid number literals.
            var digits = false
            var onlyDigits = true
            for j in (start + 1)..<i {
                let c = bytes[j]
                if Ascii.isDigit(c) { digits = true } else if c != Ascii.underscore { onlyDigits = false; break }
            }
            if digits && onlyDigits {
                report(.invalidNumber, start, i)
                emit(.intLiteral, start, i, [.diagnosed])
                return
            }
        }
        if length <= 8, bytes[start] >= Ascii.a {
            var key: UInt64 = 0
            for j in 0..<length { key |= UInt64(bytes[start + j]) << (8 * UInt64(j)) }
            if let keyword = Lexer.keyword(key) {
                emit(keyword, start, i)
                return
            }
        }
        emit(.identifier, start, i)
    }

    /// The keyword whose bytes, packed little-endian into a `UInt64`, are `key`.
    private static func keyword(_ key: UInt64) -> TokenKind? {
        switch key {
        case 0x7361: .kwAs
        case 0x6B61_6572_62: .kwBreak
        case 0x7373_616C_63: .kwClass
        case 0x7473_6E6F_63: .kwConst
        case 0x6575_6E69_746E_6F63: .kwContinue
        case 0x6573_6C65: .kwElse
        case 0x6D75_6E65: .kwEnum
        case 0x7472_6F70_7865: .kwExport
        case 0x73_646E_6574_7865: .kwExtends
        case 0x6573_6C61_66: .kwFalse
        case 0x72_6F66: .kwFor
        case 0x636E_7566: .kwFunc
        case 0x6669: .kwIf
        case 0x7472_6F70_6D69: .kwImport
        case 0x6E69: .kwIn
        case 0x7369: .kwIs
        case 0x74_656C: .kwLet
        case 0x6C6C_756E: .kwNull
        case 0x65_7461_7669_7270: .kwPrivate
        case 0x6369_6C62_7570: .kwPublic
        case 0x6E72_7574_6572: .kwReturn
        case 0x666C_6573: .kwSelf
        case 0x7472_6174_73: .kwStart
        case 0x6369_7461_7473: .kwStatic
        case 0x7463_7572_7473: .kwStruct
        case 0x7265_7075_73: .kwSuper
        case 0x7469_6172_74: .kwTrait
        case 0x6575_7274: .kwTrue
        case 0x72_6176: .kwVar
        case 0x6B61_6577: .kwWeak
        case 0x6E65_6877: .kwWhen
        case 0x6572_6568_77: .kwWhere
        case 0x656C_6968_77: .kwWhile
        case 0x6874_6977: .kwWith
        case 0x646C_6569_79: .kwYield
        default: nil
        }
    }

    // MARK: - Numbers (§2.4, §2.5)

    private mutating func lexNumber() {
        let start = i
        var kind = TokenKind.intLiteral
        var flags: TokenFlags = []
        var valid: Bool
        let second = byte(i + 1) | 0x20
        if bytes[i] == Ascii.zero, second == Ascii.x, i + 1 < count {
            i += 2
            flags = .hexadecimal
            valid = scanDigits(Ascii.isHexDigit)
        } else if bytes[i] == Ascii.zero, second == Ascii.b, i + 1 < count {
            i += 2
            flags = .binary
            valid = scanDigits { $0 == Ascii.zero || $0 == Ascii.one }
        } else {
            valid = scanDigits(Ascii.isDigit)
            // A fraction needs a digit on each side of the point: `1.` and `1..2` are not floats.
            if byte(i) == Ascii.dot, i + 1 < count, Ascii.isDigit(bytes[i + 1]) {
                i += 1
                kind = .floatLiteral
                valid = scanDigits(Ascii.isDigit) && valid
            }
            if byte(i) | 0x20 == Ascii.e, i < count {
                var j = i + 1
                if byte(j) == Ascii.plus || byte(j) == Ascii.minus { j += 1 }
                if j < count, Ascii.isDigit(bytes[j]) {
                    i = j
                    kind = .floatLiteral
                    valid = scanDigits(Ascii.isDigit) && valid
                }
            }
        }
        // Letters or digits glued to the literal make it invalid as a whole: `12ab`, `0x1G`, `1e`.
        if i < count, Ascii.isIdentifierCharacter(bytes[i]) {
            valid = false
            while i < count, Ascii.isIdentifierCharacter(bytes[i]) { i += 1 }
        }
        if !valid {
            report(.invalidNumber, start, i)
            flags.insert(.diagnosed)
        }
        emit(kind, start, i, flags)
    }

    /// Scans digits with `_` separators; false if the run is empty or an `_` is not between
    /// two digits.
    private mutating func scanDigits(_ isDigit: (UInt8) -> Bool) -> Bool {
        var valid = true
        var sawDigit = false
        var lastWasUnderscore = false
        while i < count {
            let b = bytes[i]
            if isDigit(b) {
                sawDigit = true
                lastWasUnderscore = false
            } else if b == Ascii.underscore {
                if !sawDigit || lastWasUnderscore { valid = false }
                lastWasUnderscore = true
            } else {
                break
            }
            i += 1
        }
        return valid && sawDigit && !lastWasUnderscore
    }

    // MARK: - Strings (§2.6, §2.7)

    private mutating func lexString() {
        let quoteStart = i
        let triple = byte(i + 1) == Ascii.quote && byte(i + 2) == Ascii.quote
        i += triple ? 3 : 1
        scanStringBody(triple: triple, quoteStart: quoteStart, segmentStart: quoteStart, first: true)
    }

    /// Scans string text from `i` up to the closing quote (emitting `.string` or `.stringEnd`),
    /// or up to an interpolation (emitting the text so far, then `$name` or `${`).
    private mutating func scanStringBody(triple: Bool, quoteStart: Int, segmentStart: Int, first: Bool) {
        var first = first
        var segmentStart = segmentStart
        let base: TokenFlags = triple ? [.triple] : []
        var flags = base
        while i < count {
            let b = bytes[i]
            switch b {
            case Ascii.quote:
                if !triple {
                    i += 1
                    emit(first ? .string : .stringEnd, segmentStart, i, flags)
                    return
                }
                if byte(i + 1) == Ascii.quote, byte(i + 2) == Ascii.quote {
                    i += 3
                    emit(first ? .string : .stringEnd, segmentStart, i, flags)
                    return
                }
                i += 1
            case Ascii.backslash:
                flags.insert(.hasEscapes)
                scanEscape(triple: triple)
            case Ascii.dollar:
                let next = byte(i + 1)
                if i + 1 < count, Ascii.isIdentifierStart(next) {
                    emit(first ? .stringStart : .stringMiddle, segmentStart, i, flags)
                    let nameStart = i
                    i += 2
                    while i < count, Ascii.isIdentifierCharacter(bytes[i]) { i += 1 }
                    emit(.interpolatedName, nameStart, i)
                    first = false
                    segmentStart = i
                    flags = base
                } else if next == Ascii.leftBrace {
                    emit(first ? .stringStart : .stringMiddle, segmentStart, i, flags)
                    emit(.interpolationOpen, i, i + 2)
                    i += 2
                    interpolations.append(Interpolation(triple: triple, braceDepth: 0, quoteStart: quoteStart))
                    return
                } else {
                    i += 1
                }
            case Ascii.lf:
                if !triple {
                    reportUnterminated(quoteStart: quoteStart, triple: false)
                    emit(first ? .string : .stringEnd, segmentStart, i, flags.union([.unterminated, .diagnosed]))
                    return
                }
                i += 1
            default:
                if b >= 0x80 || b == 0 { skipTextCharacter() } else { i += 1 }
            }
        }
        reportUnterminated(quoteStart: quoteStart, triple: triple)
        emit(first ? .string : .stringEnd, segmentStart, i, flags.union([.unterminated, .diagnosed]))
    }

    private mutating func reportUnterminated(quoteStart: Int, triple: Bool) {
        guard lastUnterminatedAt != i else { return }
        lastUnterminatedAt = i
        var end = quoteStart + (triple ? 3 : 1)
        if !triple { end = max(end, min(i, lineEnd(from: quoteStart))) }
        report(.unterminatedString, quoteStart, end)
    }

    private func lineEnd(from offset: Int) -> Int {
        var j = offset
        while j < count, bytes[j] != Ascii.lf { j += 1 }
        return j
    }

    /// Validates one escape sequence at the backslash at `i` and skips it. `StringDecoder`
    /// turns valid ones into text later.
    private mutating func scanEscape(triple: Bool) {
        let start = i
        guard i + 1 < count else {
            i += 1
            return
        }
        let c = bytes[i + 1]
        switch c {
        case Ascii.n, Ascii.t, Ascii.r, Ascii.zero, Ascii.backslash, Ascii.quote, Ascii.dollar:
            i += 2
        case Ascii.u:
            guard byte(i + 2) == Ascii.leftBrace, i + 2 < count else {
                i += 2
                report(.invalidUnicodeEscape, start, i)
                return
            }
            var j = i + 3
            var value: UInt32 = 0
            var digits = 0
            while j < count, Ascii.isHexDigit(bytes[j]) {
                if digits < 8 { value = value << 4 | UInt32(Ascii.hexValue(bytes[j])) }
                digits += 1
                j += 1
            }
            let closed = j < count && bytes[j] == Ascii.rightBrace
            if closed { j += 1 }
            i = j
            if !closed || digits < 1 || digits > 6 || Unicode.Scalar(value) == nil {
                report(.invalidUnicodeEscape, start, j)
            }
        case Ascii.lf where !triple:
            // The line break ends the literal; the caller reports it as unterminated.
            i += 1
        default:
            if c < 0x80 {
                i += 2
                report(.unknownEscape(SyntaxError.show(scalar: Unicode.Scalar(c))), start, i)
            } else if let length = UTF8Check.sequenceLength(bytes, at: i + 1) {
                let scalar = UTF8Check.decode(bytes, at: i + 1, length: length)
                i += 1 + length
                report(.unknownEscape(SyntaxError.show(scalar: scalar)), start, i)
            } else {
                i += 1
                skipTextCharacter()
            }
        }
    }

    /// A line break inside `${…}` of a one-line literal: closes the interpolation and the
    /// literal with zero-width tokens, so the parser sees a complete literal.
    private mutating func endUnterminatedInterpolation() {
        let last = interpolations.removeLast()
        reportUnterminated(quoteStart: last.quoteStart, triple: last.triple)
        emit(.interpolationClose, i, i, [.diagnosed])
        emit(.stringEnd, i, i, [.diagnosed, .unterminated])
    }

    private mutating func finishOpenInterpolations() {
        while !interpolations.isEmpty { endUnterminatedInterpolation() }
    }
}

/// UTF-8 validation on bytes (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
package enum UTF8Check {
    /// The length of the valid scalar starting at `j`, or nil if the bytes there are not one.
    package static func sequenceLength(_ bytes: [UInt8], at j: Int) -> Int? {
        let n = bytes.count
        let b0 = bytes[j]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < n && bytes[k] >= lo && bytes[k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF:
            return cont(j + 1) ? 2 : nil
        case 0xE0:
            return cont(j + 1, 0xA0) && cont(j + 2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(j + 1) && cont(j + 2) ? 3 : nil
        case 0xED:
            return cont(j + 1, 0x80, 0x9F) && cont(j + 2) ? 3 : nil
        case 0xF0:
            return cont(j + 1, 0x90) && cont(j + 2) && cont(j + 3) ? 4 : nil
        case 0xF1...0xF3:
            return cont(j + 1) && cont(j + 2) && cont(j + 3) ? 4 : nil
        case 0xF4:
            return cont(j + 1, 0x80, 0x8F) && cont(j + 2) && cont(j + 3) ? 4 : nil
        default:
            return nil
        }
    }

    /// Decodes a scalar already validated by `sequenceLength`.
    package static func decode(_ bytes: [UInt8], at j: Int, length: Int) -> Unicode.Scalar {
        var value: UInt32
        switch length {
        case 1: return Unicode.Scalar(bytes[j])
        case 2: value = UInt32(bytes[j] & 0x1F)
        case 3: value = UInt32(bytes[j] & 0x0F)
        default: value = UInt32(bytes[j] & 0x07)
        }
        for k in 1..<length { value = value << 6 | UInt32(bytes[j + k] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}

/// ASCII byte values and classes used by the lexer.
package enum Ascii {
    static let tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let bang: UInt8 = 0x21, quote: UInt8 = 0x22, dollar: UInt8 = 0x24, percent: UInt8 = 0x25
    static let ampersand: UInt8 = 0x26, leftParen: UInt8 = 0x28, rightParen: UInt8 = 0x29
    static let star: UInt8 = 0x2A, plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, minus: UInt8 = 0x2D
    static let dot: UInt8 = 0x2E, slash: UInt8 = 0x2F, zero: UInt8 = 0x30, one: UInt8 = 0x31
    static let nine: UInt8 = 0x39, colon: UInt8 = 0x3A, semicolon: UInt8 = 0x3B, less: UInt8 = 0x3C
    static let equal: UInt8 = 0x3D, greater: UInt8 = 0x3E, question: UInt8 = 0x3F
    static let A: UInt8 = 0x41, F: UInt8 = 0x46, Z: UInt8 = 0x5A
    static let leftBracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, rightBracket: UInt8 = 0x5D
    static let underscore: UInt8 = 0x5F, a: UInt8 = 0x61, b: UInt8 = 0x62, e: UInt8 = 0x65
    static let f: UInt8 = 0x66, n: UInt8 = 0x6E, r: UInt8 = 0x72, t: UInt8 = 0x74, u: UInt8 = 0x75
    static let x: UInt8 = 0x78, z: UInt8 = 0x7A
    static let leftBrace: UInt8 = 0x7B, pipe: UInt8 = 0x7C, rightBrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- zero < 10 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- a < 26 }
    @inline(__always) static func isIdentifierStart(_ c: UInt8) -> Bool { isLetter(c) || c == underscore }
    @inline(__always) static func isIdentifierCharacter(_ c: UInt8) -> Bool { isLetter(c) || isDigit(c) || c == underscore }
    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20) &- a < 6 }
    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8 { isDigit(c) ? c - zero : (c | 0x20) - a + 10 }

    /// An ASCII byte that starts no token and is not whitespace (§2.8: `unexpected character`).
    static func beginsNoToken(_ c: UInt8) -> Bool {
        switch c {
        case tab, lf, cr, space: false
        case 0x21...0x7E:
            switch c {
            case 0x23, dollar, 0x27, 0x40, backslash, 0x5E, 0x60, 0x7E: true
            default: false
            }
        default: true
        }
    }
}
