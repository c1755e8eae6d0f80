import WritSyntax

/// `when` (§14) and binding tests in `if` (§14.4).
extension Checker {
    struct CheckedPattern {
        var pattern: TypedPattern
        /// Coverage facts for exhaustiveness.
        var coversSuccess = false
        var coversError = false
    }

    /// `is T`, `is T(name)`, `is Success(v)`, `is Error(m)` on a subject stored in
    /// `subjectLocal`. Declares the binding in the current scope.
    func isPattern(_ subjectType: WType, _ subjectLocal: LocalID, _ typeExpr: TypeExpr, binding: Name?, range: SourceRange,
                   subjectRange: SourceRange) -> CheckedPattern {
        let subjectRead = TypedExpr(.local(subjectLocal), subjectType, subjectRange)
        if case .named(let n, let args) = typeExpr.kind, args.isEmpty, n.text == "Success" || n.text == "Error",
           lookupModuleEntity(n.text, module: ctx.env.module) == nil {
            let isSuccess = n.text == "Success"
            var payload: WType = .error
            switch subjectType {
            case .result(let t): payload = t
            case .error: break
            default: report(.invalidTypeTest(typeName(subjectType)), at: subjectRange)
            }
            var bindings: [PatternBinding] = []
            if let binding {
                let t: WType = isSuccess ? payload : .string
                let (_, l) = declareLocal(binding.text, type: t, mutable: false, kind: .patternBinding, localKind: .patternBinding,
                                          range: binding.range)
                let value = TypedExpr(.call(TypedCall(target: .builtin(isSuccess ? .resultValue : .resultErrorMessage),
                                                      receiver: subjectRead, arguments: [])), t, binding.range)
                bindings.append(PatternBinding(local: l, value: value))
            }
            return CheckedPattern(pattern: TypedPattern(test: isSuccess ? .success : .error, bindings: bindings, guardCondition: nil,
                                                        range: range),
                                  coversSuccess: isSuccess, coversError: !isSuccess)
        }
        let target = resolveType(typeExpr, env: ctx.env.typeEnv, module: ctx.env.module)
        var test: TypeTest = .always(true)
        if !target.isError && !subjectType.isError {
            switch target {
            case .classType, .traitType:
                var s = subjectType
                if case .optional(let inner) = s { s = inner }
                switch s {
                case .classType, .traitType, .typeParameter:
                    test = typeTest(from: subjectType, to: target, at: range) ?? .always(false)
                default:
                    report(.invalidTypeTest(typeName(subjectType)), at: subjectRange)
                }
            default:
                test = typeTest(from: subjectType, to: target, at: range) ?? .always(false)
            }
        }
        var bindings: [PatternBinding] = []
        if let binding {
            let (_, l) = declareLocal(binding.text, type: target, mutable: false, kind: .patternBinding, localKind: .patternBinding,
                                      range: binding.range)
            var value = subjectRead
            var base = subjectType
            if case .optional(let inner) = subjectType {
                value = TypedExpr(.unwrapNarrowed(value), inner, binding.range)
                base = inner
            }
            if base != target && !target.isError && !base.isError {
                switch (base, target) {
                case (.classType(let c), .classType(let t)) where ancestors(of: c).contains(t):
                    value = TypedExpr(.upcast(value, t), target, binding.range)
                case (.classType, .traitType(let t)):
                    if case .always(true) = test { value = TypedExpr(.toTrait(value, t), target, binding.range) } else {
                        value = TypedExpr(.narrowedDowncast(value, .traitType(t)), target, binding.range)
                    }
                case (_, .classType(let t)): value = TypedExpr(.narrowedDowncast(value, .classType(t)), target, binding.range)
                case (_, .traitType(let t)): value = TypedExpr(.narrowedDowncast(value, .traitType(t)), target, binding.range)
                default: value = TypedExpr(value.kind, target, binding.range)
                }
            }
            bindings.append(PatternBinding(local: l, value: TypedExpr(value.kind, target, binding.range)))
        }
        return CheckedPattern(pattern: TypedPattern(test: .type(test), bindings: bindings, guardCondition: nil, range: range))
    }

    /// `when` in either form; returns the typed `when` and its type (void for statements).
    func checkWhen(_ w: WhenExpr, expected: WType?) -> (TypedWhen, WType) {
        var subject: TypedExpr?
        var subjectLocal: LocalID?
        // A narrowable subject variable is narrowed in `is T` arms (§15.3).
        let subjectKey = w.subject.flatMap { narrowableVariable($0) }
        if let s = w.subject {
            var v = checkExpr(s)
            if reportUninferable(v) { v = .error(v.range) }
            subject = v
            subjectLocal = temporary("<subject>", v.type, v.range)
        }
        let subjectType = subject?.type
        var arms: [TypedWhenArm] = []
        var values: [TypedExpr] = []
        var valueArm: [Int] = []
        var hasElse = false
        var coveredCases: Set<Int> = []
        var coveredTrue = false
        var coveredFalse = false
        var coversSuccess = false
        var coversError = false
        for (ai, arm) in w.arms.enumerated() {
            pushScope()
            let saved = narrowed
            var pattern: TypedPattern
            switch arm.pattern {
            case .elseArm(let er):
                if ai != w.arms.count - 1 { report(.elseNotLast, at: er) }
                hasElse = true
                pattern = TypedPattern(test: .always, bindings: [], guardCondition: nil, range: er)
            case .items(let items):
                if let subject, let subjectLocal {
                    var typedItems: [TypedPatternItem] = []
                    for item in items {
                        switch item {
                        case .value(let e):
                            let test = valuePatternTest(subject.type, subjectLocal, subject.range, e)
                            if case .equal(_, _, _, let rhs) = test.kind {
                                if case .enumCase(_, let i) = rhs.kind { coveredCases.insert(i) }
                                if case .boolLiteral(let b) = rhs.kind { if b { coveredTrue = true } else { coveredFalse = true } }
                            }
                            typedItems.append(.value(test: test))
                        case .range(let lo, let hi, let inclusive, let rr):
                            typedItems.append(rangePattern(subject.type, subjectLocal, subject.range, lo, hi, inclusive, rr))
                        }
                    }
                    pattern = TypedPattern(test: .anyOf(typedItems), bindings: [], guardCondition: nil, range: arm.range)
                } else {
                    // Subject-less form: each item is a bool condition.
                    var conditions: [TypedExpr] = []
                    var facts: [NarrowKey: WType]?
                    for item in items {
                        switch item {
                        case .value(let e):
                            let c = checkCondition(e)
                            conditions.append(c.expr)
                            facts = items.count == 1 ? c.trueSet : nil
                        case .range(_, _, _, let rr):
                            report(.rangeOutsideLoop, at: rr)
                        }
                    }
                    var cond = conditions.first ?? TypedExpr(.error, .bool, arm.range)
                    for c in conditions.dropFirst() { cond = TypedExpr(.or(cond, c), .bool, cond.range.union(c.range)) }
                    if let facts { apply(facts, region: armStatements(arm.body)) }
                    pattern = TypedPattern(test: .condition(cond), bindings: [], guardCondition: nil, range: arm.range)
                }
            case .isType(let p):
                if let subject, let subjectLocal {
                    let c = isPattern(subject.type, subjectLocal, p.type, binding: p.binding, range: p.range, subjectRange: subject.range)
                    coversSuccess = coversSuccess || c.coversSuccess
                    coversError = coversError || c.coversError
                    pattern = c.pattern
                    if let (key, declared) = subjectKey, case .type(let test) = c.pattern.test {
                        var fact: WType?
                        switch test {
                        case .classInstance(let cl): fact = .classType(cl)
                        case .traitConformance(let t): fact = .traitType(t)
                        case .always(true): if case .optional(let inner) = declared { fact = inner }
                        default: break
                        }
                        if let fact { apply([key: fact], region: armStatements(arm.body)) }
                    }
                } else {
                    report(.conditionNotBool("a type pattern"), at: p.range)
                    pattern = TypedPattern(test: .always, bindings: [], guardCondition: nil, range: p.range)
                }
            case .guarded(let name, let condition):
                if let subject, let subjectLocal {
                    let (_, l) = declareLocal(name.text, type: subject.type, mutable: false, kind: .patternBinding,
                                              localKind: .patternBinding, range: name.range)
                    let g = checkCondition(condition)
                    pattern = TypedPattern(test: .always,
                                           bindings: [PatternBinding(local: l, value: TypedExpr(.local(subjectLocal), subject.type, name.range))],
                                           guardCondition: g.expr, range: arm.range)
                } else {
                    report(.conditionNotBool("a guarded pattern"), at: name.range)
                    pattern = TypedPattern(test: .always, bindings: [], guardCondition: nil, range: arm.range)
                }
            }
            let body: TypedWhenBody
            switch arm.body {
            case .block(let b):
                pushScope()
                body = .statements(checkStatements(b.statements))
                popScope()
            case .statement(let s):
                body = .statements([checkStatement(s)])
            case .expr(let e):
                let v = checkExpr(e, expected: expected)
                values.append(v)
                valueArm.append(arms.count)
                body = .expr(v)
            }
            narrowed = saved
            popScope()
            arms.append(TypedWhenArm(pattern: pattern, body: body, range: arm.range))
        }
        // Exhaustiveness (§14.3).
        var exhaustive = hasElse
        var missing = "'else'"
        var mustBeExhaustive = !w.isStatement
        if let subjectType {
            switch subjectType {
            case .enumType(let e):
                mustBeExhaustive = true
                let names = enums[e.index].caseNames
                let uncovered = names.indices.filter { !coveredCases.contains($0) }
                if uncovered.isEmpty { exhaustive = true } else {
                    missing = uncovered.map { "\(enums[e.index].name).\(names[$0])" }.joined(separator: ", ")
                }
            case .bool:
                if coveredTrue && coveredFalse { exhaustive = true } else {
                    missing = [coveredTrue ? nil : "true", coveredFalse ? nil : "false"].compactMap { $0 }.joined(separator: ", ")
                }
            case .result:
                mustBeExhaustive = true
                if coversSuccess && coversError { exhaustive = true } else {
                    missing = [coversSuccess ? nil : "Success", coversError ? nil : "Error"].compactMap { $0 }.joined(separator: ", ")
                }
            case .error:
                exhaustive = true
            default: break
            }
        }
        if hasElse { exhaustive = true }
        if mustBeExhaustive && !exhaustive {
            report(.nonExhaustive(missing), at: w.range)
        }
        var type: WType = .void
        if !w.isStatement {
            let (t, converted) = unifyBranches(values, expected: expected)
            if isPlaceholder(t) {
                _ = reportUninferable(TypedExpr(.error, t, w.range))
                type = .error
            } else {
                type = t
            }
            for (k, ai) in valueArm.enumerated() where k < converted.count {
                arms[ai].body = .expr(converted[k])
            }
        }
        return (TypedWhen(subject: subject, subjectLocal: subjectLocal, arms: arms, isExhaustive: exhaustive || !w.isStatement,
                          isStatement: w.isStatement), type)
    }

    func armStatements(_ b: WhenBody) -> [Stmt] {
        switch b {
        case .block(let bl): bl.statements
        case .statement(let s): [s]
        case .expr(let e): [Stmt(.expr(e), e.range)]
        }
    }

    func checkWhenExpr(_ w: WhenExpr, expected: WType?, _ r: SourceRange) -> TypedExpr {
        let (tw, t) = checkWhen(w, expected: expected)
        return TypedExpr(.when(tw), t, r)
    }

    /// `subject == value` for a value pattern (§14.2).
    func valuePatternTest(_ subjectType: WType, _ subjectLocal: LocalID, _ subjectRange: SourceRange, _ e: Expr) -> TypedExpr {
        let subjectRead = TypedExpr(.local(subjectLocal), subjectType, subjectRange)
        let v = checkExpr(e, expected: subjectType.isError ? nil : subjectType)
        if v.type.isError || subjectType.isError { return TypedExpr(.error, .bool, e.range) }
        if subjectType.isNumeric && v.type.isNumeric {
            if subjectType == v.type { return TypedExpr(.equal(negated: false, operandType: v.type, subjectRead, v), .bool, e.range) }
            return TypedExpr(.equal(negated: false, operandType: .float, toFloat(subjectRead), toFloat(v)), .bool, e.range)
        }
        if let c = convert(v, to: subjectType) {
            return TypedExpr(.equal(negated: false, operandType: subjectType, subjectRead, c), .bool, e.range)
        }
        if let s = convert(subjectRead, to: v.type), !isPlaceholder(v.type) {
            return TypedExpr(.equal(negated: false, operandType: v.type, s, v), .bool, e.range)
        }
        if case .function = v.type {
            report(.cannotCompare(typeName(subjectType), typeName(v.type)), at: e.range)
        } else {
            report(.cannotCompare(typeName(subjectType), operandName(v)), at: e.range)
        }
        return TypedExpr(.error, .bool, e.range)
    }

    func rangePattern(_ subjectType: WType, _ subjectLocal: LocalID, _ subjectRange: SourceRange, _ lo: Expr, _ hi: Expr,
                      _ inclusive: Bool, _ r: SourceRange) -> TypedPatternItem {
        let subjectRead = TypedExpr(.local(subjectLocal), subjectType, subjectRange)
        var tl = checkExpr(lo)
        var th = checkExpr(hi)
        guard subjectType.isNumeric || subjectType.isError else {
            report(.cannotCompare(typeName(subjectType), typeName(tl.type)), at: r)
            return .range(low: tl, high: th, inclusive: inclusive, subject: subjectRead, isFloat: false)
        }
        for x in [tl, th] where !x.type.isNumeric && !x.type.isError {
            report(.typeMismatch(expected: typeName(subjectType), found: typeName(x.type)), at: x.range)
        }
        let isFloat = subjectType == .float || tl.type == .float || th.type == .float
        var subject = subjectRead
        if isFloat {
            if tl.type.isNumeric { tl = toFloat(tl) }
            if th.type.isNumeric { th = toFloat(th) }
            if subjectType == .int { subject = toFloat(subjectRead) }
        }
        return .range(low: tl, high: th, inclusive: inclusive, subject: subject, isFloat: isFloat)
    }
}
