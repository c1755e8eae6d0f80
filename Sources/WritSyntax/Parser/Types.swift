/// Types as written (§4.1, §21.3): `int`, `Array<Player>`, `ns::Weapon`, `(int, string)`,
/// `(float) -> bool`, `() -> void`.
extension Parser {
    mutating func parseType() -> TypeExpr {
        let start = pos
        guard enterNesting() else {
            skipTooDeep()
            return TypeExpr(.named(Name("", range(from: start)), args: []), range(from: start))
        }
        defer { exitNesting() }
        switch kind {
        case .identifier:
            let name = makeName()
            if at(.colonColon) {
                advance()
                let member = expectName("type name after '::'")
                let args = at(.less) ? parseTypeArguments() : []
                return TypeExpr(.qualified(namespace: name, name: member, args: args), range(from: start))
            }
            let args = at(.less) ? parseTypeArguments() : []
            return TypeExpr(.named(name, args: args), range(from: start))
        case .leftParen:
            advance()
            let saved = newlinesSignificant
            newlinesSignificant = false
            var elements: [TypeExpr] = []
            if !at(.rightParen) {
                while true {
                    elements.append(parseType())
                    if !eat(.comma) { break }
                }
            }
            expect(.rightParen)
            newlinesSignificant = saved
            if at(.arrow) {
                advance()
                let result = parseType()
                return TypeExpr(.function(params: elements, result: result), range(from: start))
            }
            if elements.count == 1 { return elements[0] }  // parentheses only group
            if elements.isEmpty { expected("'->' after '()'") }
            return TypeExpr(.tuple(elements), range(from: start))
        default:
            expected("type")
            return TypeExpr(.named(Name("", currentRange.startPoint), args: []), currentRange.startPoint)
        }
    }

    /// `<T, U>` after a type name (the cursor is at `<`).
    mutating func parseTypeArguments() -> [TypeExpr] {
        advance()
        let saved = newlinesSignificant
        newlinesSignificant = false
        defer { newlinesSignificant = saved }
        var args: [TypeExpr] = []
        while true {
            args.append(parseType())
            if !eat(.comma) { break }
        }
        closeAngle()
        return args
    }

    /// Consumes the `>` closing type arguments. `>=` (as in `x: Array<int>= []`) is split
    /// into `>` and `=`.
    mutating func closeAngle() {
        if eat(.greater) { return }
        if at(.greaterEqual) && !speculating {
            tokens[pos].kind = .assign
            tokens[pos].start += 1
            tokens[pos].flags.remove([.spaceBefore, .newlineBefore])
            return
        }
        expected("'>'")
    }

    /// `<A, B>` in a declaration: type parameter names.
    mutating func parseTypeParameters() -> [Name] {
        guard at(.less) else { return [] }
        advance()
        var names: [Name] = []
        while true {
            names.append(expectName("type parameter name"))
            if !eat(.comma) { break }
        }
        closeAngle()
        return names
    }

    /// `where T : A, U : B` (the cursor is at `where`).
    mutating func parseWhereClauses() -> [WhereClause] {
        guard eat(.kwWhere) else { return [] }
        var clauses: [WhereClause] = []
        repeat {
            let start = pos
            let name = expectName("type parameter name")
            expect(.colon)
            let constraint = parseType()
            clauses.append(WhereClause(typeParam: name, constraint: constraint, range: range(from: start)))
        } while eat(.comma)
        return clauses
    }

    func height(_ t: TypeExpr) -> Int {
        switch t.kind {
        case .named(_, let args), .qualified(_, _, let args):
            1 + maxHeight(args)
        case .tuple(let elements):
            1 + maxHeight(elements)
        case .function(let params, let result):
            1 + max(maxHeight(params), height(result))
        }
    }

    func maxHeight(_ types: [TypeExpr]) -> Int {
        var h = 0
        for t in types { h = max(h, height(t)) }
        return h
    }

    func maxHeight(_ exprs: [Expr]) -> Int {
        var h = 0
        for e in exprs { h = max(h, height(e)) }
        return h
    }

    // MARK: - Generic calls

    /// At a `<` after a callee: if what follows is a type argument list closed by `>` and
    /// directly followed by `(`, parses it and returns the types; otherwise leaves the cursor
    /// alone (the `<` is a comparison).
    mutating func parseTypeArgumentsOfCall() -> [TypeExpr]? {
        if angleClosers == nil { angleClosers = Parser.scanAngleClosers(tokens) }
        let close = Int(angleClosers![pos])
        guard close > pos, close + 1 < tokens.count, tokens[close + 1].kind == .leftParen else { return nil }
        let saved = (pos, panicking, speculationFailed, speculating)
        speculating = true
        speculationFailed = false
        let args = parseTypeArguments()
        let ok = !speculationFailed && pos == close + 1
        speculating = saved.3
        speculationFailed = saved.2
        if ok { return args }
        pos = saved.0
        panicking = saved.1
        return nil
    }

    /// For every `<`, the index of the `>` that would close it if the tokens between were type
    /// arguments, or -1. One pass with a stack, so deciding `f<int>(x)` against `a < b` costs
    /// O(1) per `<` however long the input; only candidates followed by `(` are parsed.
    static func scanAngleClosers(_ tokens: [Token]) -> [Int32] {
        var closers = [Int32](repeating: -1, count: tokens.count)
        var stack: [Int32] = []
        for (index, t) in tokens.enumerated() {
            switch t.kind {
            case .less, .leftParen:
                stack.append(Int32(index))
            case .greater:
                if let top = stack.last, tokens[Int(top)].kind == .less {
                    closers[Int(top)] = Int32(index)
                    stack.removeLast()
                } else {
                    stack.removeAll(keepingCapacity: true)
                }
            case .rightParen:
                while let top = stack.popLast(), tokens[Int(top)].kind != .leftParen {}
            case .identifier, .comma, .colonColon, .arrow:
                break
            default:
                stack.removeAll(keepingCapacity: true)
            }
        }
        return closers
    }
}
