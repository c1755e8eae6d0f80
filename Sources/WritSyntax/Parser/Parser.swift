
/// A recursive-descent parser for the whole grammar of language.md (§29, and every form the
/// chapters show), producing the AST of `AST.swift`.
///
/// How to read and extend it:
///
/// - The parser is split by syntactic category, like swift-syntax's: this file holds the
///   token cursor, error reporting and recovery; `Declarations.swift`, `Statements.swift`,
///   `Expressions.swift`, `Patterns.swift` (`when` and `is`) and `Types.swift` hold the
///   productions. Each `parseX` starts at the first token of its construct and leaves the
///   cursor after its last token.
/// - **Line breaks** are flags on tokens, not tokens. `newlinesSignificant` says whether a line
///   break can end something here: true in a file, a block, a class body or `when` braces;
///   false inside `( … )`, `[ … ]`, dictionary braces and `${ … }`. Where it is true, a
///   binary operator, `(`, `[` or `?` that starts a new line does not continue the
///   expression (so it ends the statement), while `.` and `?.` do (§2.9). A line that ends
///   in an operator continues simply because the operand is parsed next.
/// - **Errors** never stop the parser. `expected(_:)` reports `expected …` at the current
///   token and puts the parser in *panic*: further reports are dropped until the statement
///   (or list element, or member) loop resynchronises at a boundary. That is what keeps one
///   mistake from producing a cascade while independent mistakes on other lines are all
///   reported. A failed expression becomes `.error`, so later stages stay quiet too.
/// - **Limits** (`Limits.swift`): the parser's own recursion and the height of every tree it
///   builds are bounded by `Limits.maxNestingDepth`; beyond it comes one `nesting too deep`
///   error, never a stack overflow, and no later recursive walk can overflow either.
/// - Every node gets a range; expressions and declarations a `NodeID`, dense from
///   `firstNodeID`.
package struct Parser {
    /// The result of parsing one file.
    package struct Result: Sendable {
        package var syntax: SourceFileSyntax
        /// Lexical and syntax diagnostics, in the order found (lexical ones first).
        package var diagnostics: [Diagnostic]
        /// The first NodeID not used, for parsing the next file of a program.
        package var nextNodeID: UInt32
        package var tokenCount: Int
    }

    let bytes: [UInt8]
    let file: FileID
    var tokens: [Token]
    var pos = 0
    var diagnostics: [Diagnostic] = []
    private var reportedTooMany = false

    /// Drop reports until the next synchronisation point.
    var panicking = false
    /// Counts every report, also the dropped ones: a list compares it before and after an
    /// element to see whether the element failed.
    var diagnosticsAttempted = 0
    var newlinesSignificant = true
    /// Current recursion depth of nested constructs.
    var depth = 0
    /// While speculatively parsing type arguments: reports are suppressed and only noted.
    var speculating = false
    var speculationFailed = false

    let firstNodeID: UInt32
    var nextNodeID: UInt32
    /// Height of every expression, indexed by `id - firstNodeID`.
    var exprHeights: [UInt16] = []
    /// Height of every block, keyed by the offset of its `{`.
    var blockHeights: [UInt32: UInt16] = [:]
    /// For each `<` token that may open type arguments, the index of its matching `>`
    /// (computed on first use; see `TypeArgumentScan`).
    var angleClosers: [Int32]? = nil

    init(bytes: [UInt8], file: FileID, tokens: [Token], firstNodeID: UInt32) {
        self.bytes = bytes
        self.file = file
        self.tokens = tokens
        self.firstNodeID = firstNodeID
        self.nextNodeID = firstNodeID
        exprHeights.reserveCapacity(tokens.count / 2)
    }

    /// Lexes and parses a whole file.
    package static func parse(_ source: SourceFile, firstNodeID: UInt32 = 0) -> Result {
        let lexed = Lexer.tokenize(source)
        return parse(source, lexed: lexed, firstNodeID: firstNodeID)
    }

    /// Parses a file already lexed (the two phases can then be timed apart).
    ///
    /// The parser runs on a thread of its own whose stack (`Limits.parserStackSize`) holds
    /// `Limits.maxNestingDepth` levels with room to spare even in a debug build, so deep input
    /// is safe whatever stack the caller has (test runners and hosts often give 512 KB).
    package static func parse(_ source: SourceFile, lexed: Lexer.Output, firstNodeID: UInt32 = 0) -> Result {
        runOnLargeStack(stackSize: Limits.parserStackSize) {
            parseOnCurrentStack(source, lexed: lexed, firstNodeID: firstNodeID)
        }
    }

    /// Parses on the caller's stack, which must be deep enough (see `parse`).
    package static func parseOnCurrentStack(_ source: SourceFile, lexed: Lexer.Output, firstNodeID: UInt32 = 0) -> Result {
        var parser = Parser(bytes: source.bytes, file: source.id, tokens: lexed.tokens, firstNodeID: firstNodeID)
        parser.diagnostics = lexed.diagnostics
        if parser.diagnostics.count > Limits.maxDiagnosticsPerFile {
            parser.diagnostics.removeLast(parser.diagnostics.count - Limits.maxDiagnosticsPerFile)
            parser.reportedTooMany = true
            parser.diagnostics.append(SyntaxError.tooManyErrors.diagnostic(at: parser.diagnostics[parser.diagnostics.count - 1].range))
        }
        let syntax = parser.parseSourceFile()
        // Lexical and syntax errors interleaved in source order (the sort is stable).
        let diagnostics = parser.diagnostics.enumerated().sorted {
            ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
        }.map(\.element)
        return Result(syntax: syntax, diagnostics: diagnostics, nextNodeID: parser.nextNodeID,
                      tokenCount: lexed.tokens.count)
    }

    // MARK: - Cursor

    @inline(__always) var current: Token { tokens[pos] }
    @inline(__always) var kind: TokenKind { tokens[pos].kind }
    @inline(__always) func at(_ k: TokenKind) -> Bool { tokens[pos].kind == k }
    @inline(__always) func peek(_ n: Int) -> TokenKind {
        let j = pos + n
        return j < tokens.count ? tokens[j].kind : .endOfFile
    }
    @inline(__always) func peekToken(_ n: Int) -> Token { tokens[min(pos + n, tokens.count - 1)] }

    @inline(__always) mutating func advance() {
        if pos < tokens.count - 1 { pos += 1 }
    }

    @inline(__always) mutating func eat(_ k: TokenKind) -> Bool {
        if tokens[pos].kind == k {
            advance()
            return true
        }
        return false
    }

    /// True when a line break before the current token ends the construct being parsed.
    @inline(__always) var atLineBreak: Bool { newlinesSignificant && tokens[pos].newlineBefore }

    /// True at `;`, `}`, end of file or a significant line break: where a statement may end.
    var atStatementEnd: Bool {
        switch kind {
        case .semicolon, .rightBrace, .endOfFile: true
        default: atLineBreak
        }
    }

    func range(of token: Token) -> SourceRange { SourceRange(file: file, start: Int(token.start), end: Int(token.end)) }
    var currentRange: SourceRange { range(of: current) }

    /// From the start of token `startIndex` to the end of the last consumed token.
    func range(from startIndex: Int) -> SourceRange {
        let start = Int(tokens[startIndex].start)
        let end = pos > startIndex ? Int(tokens[pos - 1].end) : start
        return SourceRange(file: file, start: start, end: end)
    }

    func text(of token: Token) -> String {
        String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    func isIdentifier(_ token: Token, _ word: String) -> Bool {
        token.kind == .identifier && bytes[Int(token.start)..<Int(token.end)].elementsEqual(word.utf8)
    }

    mutating func makeName() -> Name {
        let name = Name(text(of: current), currentRange)
        advance()
        return name
    }

    /// Consumes an identifier as a name, or reports `expected <what>` and returns a name
    /// with empty text.
    mutating func expectName(_ what: String) -> Name {
        if at(.identifier) { return makeName() }
        expected(what)
        return Name("", currentRange.startPoint)
    }

    // MARK: - Errors

    /// Reports unless the parser is in panic or speculating; then enters panic.
    mutating func report(_ error: SyntaxError, at range: SourceRange) {
        diagnosticsAttempted += 1
        if speculating {
            speculationFailed = true
            return
        }
        if !panicking { add(error.diagnostic(at: range)) }
        panicking = true
    }

    /// Reports regardless of panic (for problems that do not derail parsing).
    /// Does not count as a failure for recovery (see `diagnosticsAttempted`).
    mutating func reportAlways(_ error: SyntaxError, at range: SourceRange) {
        if speculating {
            speculationFailed = true
            return
        }
        add(error.diagnostic(at: range))
    }

    private mutating func add(_ d: Diagnostic) {
        if diagnostics.count >= Limits.maxDiagnosticsPerFile {
            if !reportedTooMany {
                reportedTooMany = true
                diagnostics.append(SyntaxError.tooManyErrors.diagnostic(at: d.range))
            }
            return
        }
        diagnostics.append(d)
    }

    /// `expected <what>` at the current token; when the current token starts a new line (or is
    /// the end of the file), just after the previous token instead, where the thing was missed.
    mutating func expected(_ what: String, atToken: Bool = false) {
        let t = current
        let afterDiagnosed = pos > 0 && tokens[pos - 1].flags.contains(.diagnosed) && (t.newlineBefore || t.kind == .endOfFile)
        if t.flags.contains(.diagnosed) || afterDiagnosed {
            // The lexer already explained this token.
            diagnosticsAttempted += 1
            if speculating { speculationFailed = true }
            panicking = true
            return
        }
        var r = range(of: t)
        if !atToken, t.newlineBefore || t.kind == .endOfFile, pos > 0 {
            let end = Int(tokens[pos - 1].end)
            r = SourceRange(file: file, start: end, end: end)
        }
        report(.expected(what), at: r)
    }

    /// Consumes `k` or reports `expected 'k'`.
    @discardableResult
    mutating func expect(_ k: TokenKind) -> Bool {
        if eat(k) { return true }
        expected(k.spelling)
        return false
    }

    // MARK: - Nesting

    /// Enters one level of nesting; false (after reporting once) when the limit is reached.
    mutating func enterNesting() -> Bool {
        if depth >= Limits.maxNestingDepth {
            report(.nestingTooDeep, at: currentRange)
            return false
        }
        depth += 1
        return true
    }

    mutating func exitNesting() { depth -= 1 }

    /// At a construct that is nested too deeply: skips it without recursion (a bracketed
    /// construct up to its closer, anything else one token).
    mutating func skipTooDeep() {
        switch kind {
        case .leftParen, .leftBracket, .leftBrace, .interpolationOpen:
            var balance = 0
            repeat {
                switch kind {
                case .leftParen, .leftBracket, .leftBrace, .interpolationOpen: balance += 1
                case .rightParen, .rightBracket, .rightBrace, .interpolationClose: balance -= 1
                default: break
                }
                advance()
            } while balance > 0 && !at(.endOfFile)
        case .endOfFile:
            break
        default:
            advance()
        }
    }

    // MARK: - Node construction

    /// A fresh NodeID. Every ID gets a slot in `exprHeights` (declarations too), so the table
    /// stays indexed by `id - firstNodeID`.
    mutating func newID() -> NodeID {
        let id = NodeID(nextNodeID)
        nextNodeID &+= 1
        exprHeights.append(1)
        return id
    }

    func height(_ e: Expr) -> Int {
        let index = Int(e.id.rawValue &- firstNodeID)
        return index < exprHeights.count ? Int(exprHeights[index]) : 1
    }

    /// Creates an expression whose children have height at most `childHeight`. Past the
    /// nesting limit the expression is replaced by `.error` (reported at `reportAt`).
    mutating func makeExpr(_ kind: ExprKind, _ range: SourceRange, childHeight: Int, reportAt: SourceRange? = nil) -> Expr {
        var kind = kind
        var h = childHeight + 1
        if h > Limits.maxNestingDepth {
            report(.nestingTooDeep, at: reportAt ?? range)
            kind = .error
            h = 1
        }
        let e = Expr(kind, range, id: newID())
        exprHeights[exprHeights.count - 1] = UInt16(h)
        return e
    }

    mutating func leaf(_ kind: ExprKind, _ range: SourceRange) -> Expr {
        makeExpr(kind, range, childHeight: 0)
    }

    mutating func errorExpr(at range: SourceRange) -> Expr {
        leaf(.error, range)
    }

    // MARK: - Recovery

    /// Skips tokens up to the start of the next statement: a significant line break or `;` at
    /// the nesting level where skipping began, or a `}` closing the enclosing block. Bracketed
    /// groups are skipped whole; a statement keyword at the start of a line stops the skip even
    /// inside unclosed parentheses (a forgotten `)` should not swallow the rest of the file).
    mutating func skipToStatementBoundary() {
        skip(stopAtComma: false, closer: nil, stopAtLineBreak: true)
    }

    /// Skips the rest of a failed list element: up to a `,` or the list's `closer` at the
    /// level where skipping began.
    mutating func skipToListBoundary(closer: TokenKind) {
        skip(stopAtComma: true, closer: closer, stopAtLineBreak: false)
    }

    private mutating func skip(stopAtComma: Bool, closer: TokenKind?, stopAtLineBreak: Bool) {
        var stack: [TokenKind] = []
        while !at(.endOfFile) {
            let t = current
            if stack.isEmpty {
                if stopAtComma && t.kind == .comma { return }
                if t.kind == .semicolon && closer == nil { return }
                if stopAtLineBreak && t.newlineBefore && newlinesSignificant { return }
            }
            if t.newlineBefore, Parser.beginsStatementOnly(t.kind), !stack.contains(.leftBrace),
               !stack.contains(.interpolationOpen) {
                return
            }
            switch t.kind {
            case .leftParen, .leftBracket, .leftBrace, .interpolationOpen:
                stack.append(t.kind)
            case .rightParen, .rightBracket, .rightBrace, .interpolationClose:
                let opener: TokenKind = switch t.kind {
                case .rightParen: .leftParen
                case .rightBracket: .leftBracket
                case .rightBrace: .leftBrace
                default: .interpolationOpen
                }
                if let k = stack.lastIndex(of: opener) {
                    stack.removeSubrange(k...)
                } else if t.kind == closer || t.kind == .rightBrace || t.kind == .interpolationClose {
                    return  // it closes something outside the skipped text
                }
                // Otherwise a stray `)` or `]`: part of the garbage.
            default:
                break
            }
            advance()
        }
    }

    static func isCloser(_ k: TokenKind) -> Bool {
        switch k {
        case .rightParen, .rightBracket, .rightBrace, .interpolationClose: true
        default: false
        }
    }

    static func isModifier(_ k: TokenKind) -> Bool {
        switch k {
        case .kwExport, .kwPublic, .kwPrivate, .kwStatic, .kwWeak: true
        default: false
        }
    }

    /// Keywords that can only begin a statement or declaration, never continue an expression.
    static func beginsStatementOnly(_ k: TokenKind) -> Bool {
        switch k {
        case .kwLet, .kwVar, .kwConst, .kwFunc, .kwClass, .kwStruct, .kwEnum, .kwTrait, .kwImport, .kwExport,
             .kwWhile, .kwFor, .kwReturn, .kwBreak, .kwContinue:
            true
        default: false
        }
    }

    /// After a statement, member or arm: requires `;`, a line break, `}` or the end of file.
    mutating func expectStatementEnd() {
        if at(.semicolon) || at(.rightBrace) || at(.endOfFile) || current.newlineBefore { return }
        expected("newline or ';'")
    }
}
