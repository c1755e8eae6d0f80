/// Statements and blocks (§7), variable declarations (§5) and their heights.
extension Parser {
    /// `{ statements }`. `owner` names the construct whose `{` must be on the same line
    /// (`if`, `func`, `=>`, …; §2.9); nil for a block statement.
    mutating func parseBlock(owner: String?) -> Block {
        let start = pos
        guard at(.leftBrace) else {
            expected("'{'")
            return Block(statements: [], range: currentRange.startPoint)
        }
        if let owner, current.newlineBefore { reportAlways(.blockBraceOnNextLine(owner: owner), at: currentRange) }
        guard enterNesting() else {
            skipTooDeep()
            return Block(statements: [], range: range(from: start))
        }
        defer { exitNesting() }
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = true
        let statements = parseStatements()
        newlinesSignificant = saved
        expect(.rightBrace)
        var block = Block(statements: statements, range: range(from: start))
        var h = 1
        for s in statements { h = max(h, 1 + height(s)) }
        if h > Limits.maxNestingDepth {
            report(.nestingTooDeep, at: range(of: tokens[start]))
            block.statements = []
            h = 1
        }
        blockHeights[block.range.start] = UInt16(h)
        return block
    }

    func height(_ b: Block) -> Int { Int(blockHeights[b.range.start] ?? 1) }

    /// Statements up to a `}` (not consumed) or the end of the file.
    mutating func parseStatements() -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            while eat(.semicolon) {}
            if at(.rightBrace) || at(.endOfFile) { break }
            if panicking {
                skipToStatementBoundary()
                panicking = false
                continue
            }
            let before = pos
            if let s = parseStatement() { statements.append(s) }
            if pos == before {
                advance()
            } else {
                expectStatementEnd()
            }
        }
        return statements
    }

    /// One statement inside a block; nil when only an error was left.
    mutating func parseStatement() -> Stmt? {
        let start = pos
        switch kind {
        case .kwLet, .kwVar, .kwConst:
            let d = parseVarDecl(modifiers: Modifiers(), start: start)
            return makeStmt(.varDecl(d), range(from: start))
        case .kwFunc:
            let f = parseFuncDecl(modifiers: Modifiers(), start: start, bodyOptional: false)
            return makeStmt(.funcDecl(f), range(from: start))
        case .kwIf:
            let s = parseIf()
            return makeStmt(.ifStmt(s), s.range)
        case .kwWhile:
            advance()
            let condition = parseExpression()
            let body = parseBlock(owner: "while")
            return makeStmt(.whileStmt(condition: condition, body: body), range(from: start))
        case .kwFor:
            advance()
            let pattern = parseBindingPattern(what: "loop variable name")
            expect(.kwIn)
            let iterable = parseExpression()
            let body = parseBlock(owner: "for")
            return makeStmt(.forStmt(pattern: pattern, iterable: iterable, body: body), range(from: start))
        case .kwWhen:
            let when = parseWhen(isStatement: true)
            return makeStmt(.when(when), when.range)
        case .leftBrace:
            let block = parseBlock(owner: nil)
            return makeStmt(.block(block), block.range)
        case .kwClass, .kwStruct, .kwEnum, .kwTrait, .kwImport:
            let what = kind == .kwImport ? "'import'" : "a '\(kind.fixedText ?? "")' declaration"
            reportAlways(.onlyAtTopLevel(what), at: currentRange)
            _ = parseTopLevelItem()  // parsed for its errors, then dropped
            return nil
        case .kwExport, .kwPublic, .kwPrivate, .kwStatic, .kwWeak:
            reportAlways(.modifierNotAllowed(kind.fixedText ?? ""), at: currentRange)
            while Parser.isModifier(kind) { advance() }
            return atStatementEnd ? nil : parseStatement()
        default:
            return parseSimpleStatement()
        }
    }

    /// An expression statement, an assignment, `return`, `break`, `continue` or `start`: the
    /// statements a `when` arm may hold without braces (§14.1).
    mutating func parseSimpleStatement() -> Stmt {
        let start = pos
        switch kind {
        case .kwReturn:
            advance()
            let value: Expr? = atStatementEnd ? nil : parseExpression()
            return makeStmt(.returnStmt(value), range(from: start))
        case .kwBreak:
            advance()
            return makeStmt(.breakStmt, range(from: start))
        case .kwContinue:
            advance()
            return makeStmt(.continueStmt, range(from: start))
        case .kwStart:
            advance()
            let operand = parsePostfix()
            return makeStmt(.start(operand), range(from: start))
        default:
            let target = parseExpression()
            guard current.kind.isAssignmentOperator, !atLineBreak else {
                return makeStmt(.expr(target), range(from: start))
            }
            let opToken = current
            advance()
            if !Parser.isAssignable(target) { reportAlways(.invalidAssignmentTarget, at: target.range) }
            let value = parseExpression()
            let op: AssignOp = switch opToken.kind {
            case .plusAssign: .addAssign
            case .minusAssign: .subtractAssign
            case .starAssign: .multiplyAssign
            case .slashAssign: .divideAssign
            case .percentAssign: .moduloAssign
            default: .assign
            }
            return makeStmt(.assign(target: target, op: op, value: value, opRange: range(of: opToken)), range(from: start))
        }
    }

    /// Names, fields, elements and namespace members can be assigned to (which of them
    /// really can is the checker's question: constants, imports, tuples…).
    static func isAssignable(_ e: Expr) -> Bool {
        switch e.kind {
        case .name, .member, .index, .namespaced, .error: true
        default: false
        }
    }

    mutating func parseIf() -> IfStmt {
        let start = pos
        advance()
        guard enterNesting() else {
            skipToStatementBoundary()
            return IfStmt(condition: errorExpr(at: range(from: start)), thenBlock: Block(statements: [], range: range(from: start)),
                          elseBranch: nil, range: range(from: start))
        }
        defer { exitNesting() }
        let condition = parseExpression()
        let thenBlock = parseBlock(owner: "if")
        var elseBranch: ElseBranch? = nil
        if at(.kwElse) {  // may stand on the line after the `}` (§2.9)
            advance()
            if at(.kwIf) {
                elseBranch = .elseIf(parseIf())
            } else {
                elseBranch = .block(parseBlock(owner: "else"))
            }
        }
        return IfStmt(condition: condition, thenBlock: thenBlock, elseBranch: elseBranch, range: range(from: start))
    }

    /// `let`/`var`/`const` `name [: Type] = value` or `(a, _, b) = value` (cursor at the keyword).
    mutating func parseVarDecl(modifiers: Modifiers, start: Int) -> VarDecl {
        let varKind: VarKind = switch kind {
        case .kwLet: .letBinding
        case .kwVar: .varBinding
        default: .constBinding
        }
        advance()
        let id = newID()
        let pattern = parseBindingPattern(what: "variable name")
        let type: TypeExpr? = eat(.colon) ? parseType() : nil
        let initializer: Expr
        if eat(.assign) {
            initializer = parseExpression()
        } else {
            expected("'='")
            initializer = errorExpr(at: currentRange.startPoint)
        }
        return VarDecl(kind: varKind, pattern: pattern, type: type, initializer: initializer, modifiers: modifiers,
                       range: range(from: start), id: id)
    }

    /// A name or a tuple pattern `(a, _, b)` (§17.2).
    mutating func parseBindingPattern(what: String) -> BindingPattern {
        if at(.identifier) { return .name(makeName()) }
        if at(.leftParen) {
            let start = pos
            advance()
            let saved = newlinesSignificant
            newlinesSignificant = false
            var names: [Name?] = []
            repeat {
                if eat(.underscore) {
                    names.append(nil)
                } else if at(.identifier) {
                    names.append(makeName())
                } else {
                    expected("name or '_'")
                    break
                }
            } while eat(.comma)
            expect(.rightParen)
            newlinesSignificant = saved
            return .tuple(names, range: range(from: start))
        }
        expected(what)
        return .name(Name("", currentRange.startPoint))
    }

    // MARK: - Heights

    /// Creates a statement; past the nesting limit it is replaced by an error expression.
    mutating func makeStmt(_ kind: StmtKind, _ range: SourceRange) -> Stmt {
        let s = Stmt(kind, range)
        if height(s) > Limits.maxNestingDepth {
            report(.nestingTooDeep, at: range.startPoint)
            return Stmt(.expr(errorExpr(at: range)), range)
        }
        return s
    }

    func height(_ s: Stmt) -> Int {
        switch s.kind {
        case .varDecl(let d): 1 + max(height(d.initializer), d.type.map(height) ?? 0)
        case .funcDecl(let f): height(f)
        case .assign(let target, _, let value, _): 1 + max(height(target), height(value))
        case .expr(let e), .start(let e): 1 + height(e)
        case .ifStmt(let i): height(i)
        case .whileStmt(let c, let b): 1 + max(height(c), height(b))
        case .forStmt(_, let iterable, let b): 1 + max(height(iterable), height(b))
        case .when(let w): height(w)
        case .returnStmt(let e): 1 + (e.map(height) ?? 0)
        case .breakStmt, .continueStmt: 1
        case .block(let b): 1 + height(b)
        }
    }

    func height(_ i: IfStmt) -> Int {
        var h = max(height(i.condition), height(i.thenBlock))
        switch i.elseBranch {
        case .elseIf(let next): h = max(h, height(next))
        case .block(let b): h = max(h, height(b))
        case nil: break
        }
        return h + 1
    }

    func height(_ f: FuncDecl) -> Int {
        var h = f.body.map(height) ?? 0
        for p in f.params { h = max(h, height(p.type)) }
        if let r = f.returnType { h = max(h, height(r)) }
        return h + 2
    }
}
