/// `when` (§14) and the `is` patterns shared with type tests and `if` binding tests (§14.4).
extension Parser {
    /// The pattern after `is` (already consumed): `T`, or the binding form `T(name)`.
    mutating func parseIsPattern() -> IsPattern {
        let start = pos
        let type = parseType()
        var binding: Name? = nil
        if at(.leftParen), !atLineBreak, peek(1) == .identifier, peek(2) == .rightParen {
            advance()
            binding = makeName()
            advance()
        }
        return IsPattern(type: type, binding: binding, range: range(from: start))
    }

    /// `when subject { arms }` or `when { arms }`. `isStatement` selects the statement form
    /// (arm bodies are blocks or simple statements) or the expression form (expressions).
    mutating func parseWhen(isStatement: Bool) -> WhenExpr {
        let start = pos
        advance()
        guard enterNesting() else {
            skipToWhenBody()
            skipTooDeep()
            return WhenExpr(subject: nil, arms: [], isStatement: isStatement, range: range(from: start))
        }
        defer { exitNesting() }
        var subject: Expr? = nil
        if !at(.leftBrace) { subject = parseExpression() }
        guard at(.leftBrace) else {
            expected("'{'")
            return WhenExpr(subject: subject, arms: [], isStatement: isStatement, range: range(from: start))
        }
        if current.newlineBefore { reportAlways(.blockBraceOnNextLine(owner: "when"), at: currentRange) }
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = true
        defer { newlinesSignificant = saved }
        var arms: [WhenArm] = []
        while true {
            while eat(.semicolon) {}
            if at(.rightBrace) || at(.endOfFile) { break }
            if panicking {
                skipToStatementBoundary()
                panicking = false
                continue
            }
            let before = pos
            arms.append(parseWhenArm(isStatement: isStatement))
            if pos == before {
                advance()
            } else {
                expectStatementEnd()
            }
        }
        expect(.rightBrace)
        return WhenExpr(subject: subject, arms: arms, isStatement: isStatement, range: range(from: start))
    }

    private mutating func skipToWhenBody() {
        while !at(.leftBrace) && !at(.endOfFile) && !atStatementEnd { advance() }
    }

    mutating func parseWhenArm(isStatement: Bool) -> WhenArm {
        let start = pos
        let pattern: WhenPattern
        if at(.kwElse) {
            pattern = .elseArm(currentRange)
            advance()
        } else if at(.kwIs) {
            advance()
            pattern = .isType(parseIsPattern())
        } else if at(.identifier), peek(1) == .kwIf {
            let name = makeName()
            advance()
            pattern = .guarded(name: name, condition: parseExpression())
        } else {
            var items: [PatternItem] = []
            repeat {
                items.append(parsePatternItem())
            } while eat(.comma)
            pattern = .items(items)
        }
        guard expect(.fatArrow) else {
            return WhenArm(pattern: pattern, body: .expr(errorExpr(at: currentRange.startPoint)), range: range(from: start))
        }
        let body: WhenBody
        if isStatement {
            if at(.leftBrace) {
                body = .block(parseBlock(owner: "=>"))
            } else {
                body = .statement(parseSimpleStatement())
            }
        } else {
            body = .expr(parseExpression())
        }
        return WhenArm(pattern: pattern, body: body, range: range(from: start))
    }

    /// A value pattern, or a range pattern `a..b` / `a..=b`.
    mutating func parsePatternItem() -> PatternItem {
        let e = parseExpression()
        if case .binary(let op, let low, let high, _) = e.kind, op == .dotDot || op == .dotDotEqual {
            return .range(low: low, high: high, inclusive: op == .dotDotEqual, range: e.range)
        }
        return .value(e)
    }

    func height(_ when: WhenExpr) -> Int {
        var h = when.subject.map(height) ?? 0
        for arm in when.arms {
            switch arm.pattern {
            case .elseArm: break
            case .items(let items):
                for item in items {
                    switch item {
                    case .value(let e): h = max(h, height(e))
                    case .range(let low, let high, _, _): h = max(h, height(low) + 1, height(high) + 1)
                    }
                }
            case .isType(let p): h = max(h, height(p.type))
            case .guarded(_, let condition): h = max(h, height(condition))
            }
            switch arm.body {
            case .block(let b): h = max(h, height(b))
            case .statement(let s): h = max(h, height(s))
            case .expr(let e): h = max(h, height(e))
            }
        }
        return h + 2
    }
}
