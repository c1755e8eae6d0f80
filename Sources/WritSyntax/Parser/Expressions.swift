/// Expressions (§6), with the precedence and associativity of §6.1:
///
///     1 ?:  2 ||  3 &&  4 == !=  5 < <= > >=  6 .. ..=  7 ?? (right)  8 + -  9 * / %
///     10 as is  11 prefix - ! yield  12 postfix () [] . ?. :: ?
///
/// Binary levels 2–10 are parsed by precedence climbing in one function (`parseBinary`), so
/// a parenthesised expression costs a handful of stack frames, not one per level.
extension Parser {
    mutating func parseExpression() -> Expr {
        guard enterNesting() else {
            let r = currentRange
            skipTooDeep()
            return errorExpr(at: r)
        }
        defer { exitNesting() }
        return parseTernary()
    }

    /// `c ? a : b` (right associative). A `?` written directly after the previous token is the
    /// propagation operator instead (§2.8), taken by `parsePostfix`.
    mutating func parseTernary() -> Expr {
        let start = pos
        let condition = parseBinary(minPrecedence: 2)
        guard at(.question), current.spaceBefore, !atLineBreak else { return condition }
        let questionRange = currentRange
        advance()
        let thenExpr = parseExpression()
        expect(.colon)
        guard enterNesting() else {
            skipTooDeep()
            return errorExpr(at: range(from: start))
        }
        let elseExpr = parseTernary()
        exitNesting()
        return makeExpr(.ternary(condition, thenExpr, elseExpr), range(from: start),
                        childHeight: max(height(condition), height(thenExpr), height(elseExpr)), reportAt: questionRange)
    }

    static func binaryPrecedence(_ k: TokenKind) -> Int {
        switch k {
        case .pipePipe: 2
        case .ampAmp: 3
        case .equalEqual, .bangEqual: 4
        case .less, .lessEqual, .greater, .greaterEqual: 5
        case .dotDot, .dotDotEqual: 6
        case .questionQuestion: 7
        case .plus, .minus: 8
        case .star, .slash, .percent: 9
        case .kwAs, .kwIs: 10
        default: 0
        }
    }

    static func binaryOp(_ k: TokenKind) -> BinaryOp {
        switch k {
        case .pipePipe: .or
        case .ampAmp: .and
        case .equalEqual: .equal
        case .bangEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .dotDot: .dotDot
        case .dotDotEqual: .dotDotEqual
        case .questionQuestion: .coalesce
        case .plus: .add
        case .minus: .subtract
        case .star: .multiply
        case .slash: .divide
        default: .modulo
        }
    }

    mutating func parseBinary(minPrecedence: Int) -> Expr {
        let start = pos
        var left = parseUnary()
        while true {
            let t = current
            let precedence = Parser.binaryPrecedence(t.kind)
            if precedence < minPrecedence || precedence == 0 || atLineBreak { break }
            let opRange = range(of: t)
            advance()
            switch t.kind {
            case .kwAs:
                let type = parseType()
                left = makeExpr(.cast(left, type), range(from: start), childHeight: max(height(left), height(type)),
                                reportAt: opRange)
            case .kwIs:
                let pattern = parseIsPattern()
                left = makeExpr(.isTest(left, pattern), range(from: start),
                                childHeight: max(height(left), height(pattern.type)), reportAt: opRange)
            case .questionQuestion:
                // Right associative: the right operand takes further `??` itself.
                guard enterNesting() else {
                    skipTooDeep()
                    return errorExpr(at: range(from: start))
                }
                let right = parseBinary(minPrecedence: precedence)
                exitNesting()
                left = makeExpr(.binary(.coalesce, left, right, opRange: opRange), range(from: start),
                                childHeight: max(height(left), height(right)), reportAt: opRange)
            default:
                let right = parseBinary(minPrecedence: precedence + 1)
                left = makeExpr(.binary(Parser.binaryOp(t.kind), left, right, opRange: opRange), range(from: start),
                                childHeight: max(height(left), height(right)), reportAt: opRange)
            }
        }
        return left
    }

    mutating func parseUnary() -> Expr {
        let start = pos
        switch kind {
        case .minus, .bang:
            let op: UnaryOp = at(.minus) ? .negate : .not
            if op == .negate, peek(1) == .intLiteral, let folded = parseNegativeLiteral() { return folded }
            let opRange = currentRange
            advance()
            guard enterNesting() else {
                skipTooDeep()
                return errorExpr(at: range(from: start))
            }
            let operand = parseUnary()
            exitNesting()
            return makeExpr(.unary(op, operand, opRange: opRange), range(from: start), childHeight: height(operand),
                            reportAt: opRange)
        case .kwYield:
            advance()
            guard Parser.beginsOperand(kind), !atLineBreak else { return leaf(.yield(nil), range(from: start)) }
            guard enterNesting() else {
                skipTooDeep()
                return errorExpr(at: range(from: start))
            }
            let operand = parseUnary()
            exitNesting()
            return makeExpr(.yield(operand), range(from: start), childHeight: height(operand))
        default:
            return parsePostfix()
        }
    }

    /// Tokens that can begin the operand of `yield`.
    static func beginsOperand(_ k: TokenKind) -> Bool {
        switch k {
        case .identifier, .intLiteral, .floatLiteral, .string, .stringStart, .kwTrue, .kwFalse, .kwNull, .kwSelf,
             .kwSuper, .leftParen, .leftBracket, .minus, .bang, .kwYield, .kwWhen:
            true
        default: false
        }
    }

    /// `-` directly before a decimal literal that nothing postfix follows is one negative
    /// literal (§2.4), so `-9223372036854775808` is valid. With a postfix operator after the
    /// literal (`-5.abs()`), the minus applies to the whole postfix expression instead (§6.1).
    mutating func parseNegativeLiteral() -> Expr? {
        let literal = peekToken(1)
        if !literal.flags.isDisjoint(with: [.hexadecimal, .binary, .diagnosed]) { return nil }
        let after = peekToken(2)
        switch after.kind {
        case .dot, .questionDot, .leftParen, .leftBracket, .colonColon: return nil
        case .question where !after.spaceBefore: return nil
        default: break
        }
        let start = pos
        advance()
        advance()
        let r = range(from: start)
        guard let magnitude = integerValue(literal), magnitude <= UInt64(Int64.max) + 1 else {
            reportAlways(.integerTooLarge, at: range(of: literal))
            return leaf(.intLiteral(0), r)
        }
        let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        return leaf(.intLiteral(value), r)
    }

    /// The value of an integer literal token, or nil when it does not fit in 64 bits.
    func integerValue(_ t: Token) -> UInt64? {
        var j = Int(t.start)
        let end = Int(t.end)
        var radix: UInt64 = 10
        if t.flags.contains(.hexadecimal) {
            radix = 16
            j += 2
        } else if t.flags.contains(.binary) {
            radix = 2
            j += 2
        }
        var value: UInt64 = 0
        while j < end {
            let c = bytes[j]
            j += 1
            if c == Ascii.underscore { continue }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(UInt64(Ascii.hexValue(c)))
            if o1 || o2 { return nil }
            value = s
        }
        return value
    }

    // MARK: - Postfix

    mutating func parsePostfix() -> Expr {
        let start = pos
        var e = parsePrimary()
        loop: while true {
            switch kind {
            case .dot, .questionDot:
                // A `.` or `?.` continues the expression even at the start of a line (§2.9).
                let optional = at(.questionDot)
                advance()
                let name = expectName("member name")
                e = makeExpr(optional ? .optionalMember(e, name) : .member(e, name), range(from: start),
                             childHeight: height(e), reportAt: name.range)
            case .leftParen:
                if atLineBreak { break loop }
                let (args, h) = parseArguments()
                e = makeExpr(.call(callee: e, typeArgs: [], args: args), range(from: start),
                             childHeight: max(height(e), h), reportAt: range(from: start).startPoint)
            case .leftBracket:
                if atLineBreak { break loop }
                advance()
                let saved = newlinesSignificant
                newlinesSignificant = false
                let index = parseExpression()
                expect(.rightBracket)
                newlinesSignificant = saved
                e = makeExpr(.index(e, index), range(from: start), childHeight: max(height(e), height(index)))
            case .question:
                if current.spaceBefore { break loop }
                advance()
                e = makeExpr(.propagate(e), range(from: start), childHeight: height(e))
            case .less:
                guard !atLineBreak, Parser.canTakeTypeArguments(e), let typeArgs = parseTypeArgumentsOfCall() else {
                    break loop
                }
                let (args, h) = parseArguments()
                let typeHeight = maxHeight(typeArgs)
                e = makeExpr(.call(callee: e, typeArgs: typeArgs, args: args), range(from: start),
                             childHeight: max(height(e), h, typeHeight))
            default:
                break loop
            }
        }
        return e
    }

    static func canTakeTypeArguments(_ e: Expr) -> Bool {
        switch e.kind {
        case .name, .member, .namespaced: true
        default: false
        }
    }

    /// `( args )` of a call; returns the arguments and their greatest height.
    mutating func parseArguments() -> ([Argument], Int) {
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        var h = 0
        let args: [Argument] = parseList(closer: .rightParen) { p in
            let start = p.pos
            if p.eat(.ellipsis) {
                let value = p.parseExpression()
                h = max(h, p.height(value))
                return Argument(label: nil, value: value, isSpread: true, range: p.range(from: start))
            }
            var label: Name? = nil
            if p.at(.identifier), p.peek(1) == .colon {
                label = p.makeName()
                p.advance()
            }
            let value = p.parseExpression()
            h = max(h, p.height(value))
            return Argument(label: label, value: value, isSpread: false, range: p.range(from: start))
        }
        return (args, h)
    }

    /// Elements separated by commas up to `closer` (a trailing comma is allowed). The cursor
    /// is after the opener; the closer is consumed. A failed element is skipped up to the next
    /// comma or the closer, so the other elements are still checked.
    mutating func parseList<T>(closer: TokenKind, _ element: (inout Parser) -> T) -> [T] {
        var items: [T] = []
        while !at(closer) && !at(.endOfFile) {
            // A statement keyword starting a line, or another construct's closer: the closer
            // was forgotten.
            if current.newlineBefore && Parser.beginsStatementOnly(kind) { break }
            if Parser.isCloser(kind) { break }
            let before = diagnosticsAttempted
            items.append(element(&self))
            if diagnosticsAttempted != before {
                skipToListBoundary(closer: closer)
                // Resynchronised only at a comma or the list's own closer.
                if at(.comma) || at(closer) { panicking = false }
            }
            if !eat(.comma) { break }
        }
        expect(closer)
        return items
    }

    // MARK: - Primary

    mutating func parsePrimary() -> Expr {
        let t = current
        let r = range(of: t)
        switch t.kind {
        case .intLiteral:
            advance()
            if t.flags.contains(.diagnosed) { return leaf(.intLiteral(0), r) }
            guard let value = integerValue(t), value <= UInt64(Int64.max) else {
                reportAlways(.integerTooLarge, at: r)
                return leaf(.intLiteral(0), r)
            }
            return leaf(.intLiteral(Int64(value)), r)
        case .floatLiteral:
            advance()
            if t.flags.contains(.diagnosed) { return leaf(.floatLiteral(0), r) }
            var digits = ""
            digits.unicodeScalars.append(contentsOf: bytes[Int(t.start)..<Int(t.end)].lazy
                .filter { $0 != Ascii.underscore }.map { Unicode.Scalar($0) })
            guard let value = Double(digits), value.isFinite else {
                reportAlways(.floatOutOfRange, at: r)
                return leaf(.floatLiteral(0), r)
            }
            return leaf(.floatLiteral(value), r)
        case .string, .stringStart:
            return parseStringLiteral()
        case .kwTrue, .kwFalse:
            advance()
            return leaf(.boolLiteral(t.kind == .kwTrue), r)
        case .kwNull:
            advance()
            return leaf(.nullLiteral, r)
        case .kwSelf:
            advance()
            return leaf(.selfExpr, r)
        case .identifier:
            let start = pos
            let name = makeName()
            if at(.colonColon) {
                advance()
                let member = expectName("name after '::'")
                return leaf(.namespaced(namespace: name, name: member), range(from: start))
            }
            return leaf(.name(name), r)
        case .kwSuper:
            let start = pos
            advance()
            guard eat(.dot) else {
                expected("'.' after 'super'")
                return errorExpr(at: r)
            }
            let name = expectName("member name")
            return leaf(.superMember(name), range(from: start))
        case .leftParen:
            return parseParenthesized()
        case .leftBracket:
            return parseArrayLiteral()
        case .leftBrace:
            return parseDictionaryLiteral()
        case .kwWhen:
            let when = parseWhen(isStatement: false)
            return makeExpr(.when(when), when.range, childHeight: height(when))
        case .underscore:
            advance()
            report(.wildcardOutsidePattern, at: r)
            return errorExpr(at: r)
        case .unknown:
            advance()
            panicking = true
            return errorExpr(at: r)
        default:
            expected("expression")
            return errorExpr(at: r.startPoint)
        }
    }

    /// `( … )`: a lambda, a tuple, or grouping (which leaves no node).
    mutating func parseParenthesized() -> Expr {
        if isLambdaStart() { return parseLambda() }
        let start = pos
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        if at(.rightParen) {
            expected("expression")
            advance()
            return errorExpr(at: range(from: start))
        }
        let first = parseExpression()
        guard at(.comma) else {
            expect(.rightParen)
            return first
        }
        var elements = [first]
        while eat(.comma) {
            if at(.rightParen) { break }
            elements.append(parseExpression())
        }
        expect(.rightParen)
        return makeExpr(.tuple(elements), range(from: start), childHeight: maxHeight(elements))
    }

    /// At `(`: `()` `=>`, `(name :` or `(...` begin a lambda's parameter list.
    func isLambdaStart() -> Bool {
        switch peek(1) {
        case .rightParen: peek(2) == .fatArrow
        case .identifier: peek(2) == .colon
        case .ellipsis: true
        default: false
        }
    }

    /// `(params) => expression` or `(params) => { statements }` (§9.1).
    mutating func parseLambda() -> Expr {
        let start = pos
        let params = parseParameterList()
        let arrowRange = currentRange
        expect(.fatArrow)
        var h = 0
        for p in params { h = max(h, height(p.type)) }
        let body: LambdaExpr.Body
        if at(.leftBrace) {
            let block = parseBlock(owner: "=>")
            h = max(h, height(block))
            body = .block(block)
        } else {
            let e = parseExpression()
            h = max(h, height(e))
            body = .expr(e)
        }
        return makeExpr(.lambda(LambdaExpr(params: params, body: body, arrowRange: arrowRange)), range(from: start),
                        childHeight: h, reportAt: arrowRange)
    }

    mutating func parseArrayLiteral() -> Expr {
        let start = pos
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        var h = 0
        let elements: [ArrayElement] = parseList(closer: .rightBracket) { p in
            let elementStart = p.pos
            if p.eat(.ellipsis) {
                let e = p.parseExpression()
                h = max(h, p.height(e))
                return .spread(e, range: p.range(from: elementStart))
            }
            let e = p.parseExpression()
            h = max(h, p.height(e))
            return .element(e)
        }
        return makeExpr(.array(elements), range(from: start), childHeight: h)
    }

    /// `{ key: value, ...other }` in expression position (§18.2).
    mutating func parseDictionaryLiteral() -> Expr {
        let start = pos
        guard enterNesting() else {
            skipTooDeep()
            return errorExpr(at: range(from: start))
        }
        defer { exitNesting() }
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        var h = 0
        let elements: [DictElement] = parseList(closer: .rightBrace) { p in
            let elementStart = p.pos
            if p.eat(.ellipsis) {
                let e = p.parseExpression()
                h = max(h, p.height(e))
                return .spread(e, range: p.range(from: elementStart))
            }
            let key = p.parseExpression()
            p.expect(.colon)
            let value = p.parseExpression()
            h = max(h, p.height(key), p.height(value))
            return .pair(key: key, value: value)
        }
        return makeExpr(.dictionary(elements), range(from: start), childHeight: h)
    }

    // MARK: - Strings

    /// A string literal: one `.string` token, or the token sequence of an interpolated one.
    mutating func parseStringLiteral() -> Expr {
        let start = pos
        let first = current
        let triple = first.flags.contains(.triple)
        if first.kind == .string {
            advance()
            if first.flags.isDisjoint(with: [.triple, .hasEscapes, .unterminated]) {
                let text = String(decoding: bytes[(Int(first.start) + 1)..<(Int(first.end) - 1)], as: UTF8.self)
                return leaf(.stringLiteral(text), range(of: first))
            }
            let text = StringDecoder.decode(bytes, segments: [.init(start: Int(first.start), end: Int(first.end))],
                                            triple: triple, unterminated: first.flags.contains(.unterminated),
                                            hasEscapes: first.flags.contains(.hasEscapes))[0]
            return leaf(.stringLiteral(text), range(of: first))
        }
        var segments: [StringDecoder.Segment] = []
        var interpolations: [Expr] = []
        var hasEscapes = false
        var unterminated = false
        var h = 0
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        segmentLoop: while true {
            let segment = current
            guard segment.kind == .stringStart || segment.kind == .stringMiddle || segment.kind == .stringEnd else {
                break  // cannot happen: the lexer always completes a literal
            }
            segments.append(.init(start: Int(segment.start), end: Int(segment.end)))
            hasEscapes = hasEscapes || segment.flags.contains(.hasEscapes)
            advance()
            if segment.kind == .stringEnd {
                unterminated = segment.flags.contains(.unterminated)
                break segmentLoop
            }
            // One interpolation follows every start or middle segment.
            if at(.interpolatedName) {
                let t = current
                let nameRange = SourceRange(file: file, start: Int(t.start) + 1, end: Int(t.end))
                let text = String(decoding: bytes[(Int(t.start) + 1)..<Int(t.end)], as: UTF8.self)
                advance()
                interpolations.append(leaf(text == "self" ? .selfExpr : .name(Name(text, nameRange)), nameRange))
            } else if at(.interpolationOpen) {
                let openRange = currentRange
                advance()
                if at(.interpolationClose) {
                    if !current.flags.contains(.diagnosed) { reportAlways(.emptyInterpolation, at: openRange.union(currentRange)) }
                    interpolations.append(errorExpr(at: openRange))
                } else {
                    let e = parseExpression()
                    h = max(h, height(e))
                    interpolations.append(e)
                    if !at(.interpolationClose) {
                        expected("'}'")
                        skipToInterpolationClose()
                    }
                }
                advance()  // the `}` of `${…}`
            } else {
                break
            }
        }
        let texts = StringDecoder.decode(bytes, segments: segments, triple: triple, unterminated: unterminated,
                                         hasEscapes: hasEscapes)
        var parts: [StringPart] = []
        for (k, text) in texts.enumerated() {
            if !text.isEmpty { parts.append(.text(text)) }
            if k < interpolations.count { parts.append(.interpolation(interpolations[k])) }
        }
        return makeExpr(.interpolatedString(parts), range(from: start), childHeight: h)
    }

    private mutating func skipToInterpolationClose() {
        var nested = 0
        while !at(.endOfFile) {
            if at(.interpolationOpen) { nested += 1 }
            if at(.interpolationClose) {
                if nested == 0 { return }
                nested -= 1
            }
            advance()
        }
    }
}
