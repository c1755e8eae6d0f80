import WritSyntax

/// A checked `bool` condition with its narrowing facts (§15.3).
struct CheckedCondition {
    var expr: TypedExpr
    var trueSet: [NarrowKey: WType] = [:]
    var falseSet: [NarrowKey: WType] = [:]
}

/// Operators (§6.3–6.6, §10.9) and conditions with narrowing (§15.3).
extension Checker {
    // MARK: Conditions

    /// A condition of `if`, `while`, `? :` or a subject-less `when` arm: must be `bool`.
    func checkCondition(_ e: Expr) -> CheckedCondition {
        var c = checkBool(e)
        if c.expr.type != .bool && !c.expr.type.isError {
            report(.conditionNotBool(typeName(c.expr.type)), at: e.range)
            c.expr = .error(e.range)
        }
        return c
    }

    /// Checks an expression that should be `bool`, collecting narrowing facts.
    func checkBool(_ e: Expr) -> CheckedCondition {
        switch e.kind {
        case .unary(.not, let x, let opRange):
            let inner = checkBool(x)
            if inner.expr.type != .bool && !inner.expr.type.isError {
                report(.unaryOperatorNotApplicable(op: "!", operand: typeName(inner.expr.type)), at: opRange)
                return CheckedCondition(expr: TypedExpr(.error, .bool, e.range))
            }
            return CheckedCondition(expr: TypedExpr(.not(inner.expr), .bool, e.range), trueSet: inner.falseSet, falseSet: inner.trueSet)
        case .binary(.and, let a, let b, let opRange):
            let ca = checkBool(a)
            let saved = narrowed
            apply(ca.trueSet)
            let cb = checkBool(b)
            narrowed = saved
            guard let expr = logical(.and, ca.expr, cb.expr, opRange, e.range) else { return CheckedCondition(expr: .error(e.range)) }
            return CheckedCondition(expr: expr, trueSet: ca.trueSet.merging(cb.trueSet) { _, n in n })
        case .binary(.or, let a, let b, let opRange):
            let ca = checkBool(a)
            let saved = narrowed
            apply(ca.falseSet)
            let cb = checkBool(b)
            narrowed = saved
            guard let expr = logical(.or, ca.expr, cb.expr, opRange, e.range) else { return CheckedCondition(expr: .error(e.range)) }
            return CheckedCondition(expr: expr, falseSet: ca.falseSet.merging(cb.falseSet) { _, n in n })
        case .binary(let op, let a, let b, _) where op == .equal || op == .notEqual:
            let expr = checkExpr(e)
            var fact: (NarrowKey, WType)?
            if case .nullLiteral = b.kind { fact = optionalFact(a) } else if case .nullLiteral = a.kind { fact = optionalFact(b) }
            guard let (key, t) = fact else { return CheckedCondition(expr: expr) }
            return op == .notEqual ? CheckedCondition(expr: expr, trueSet: [key: t]) : CheckedCondition(expr: expr, falseSet: [key: t])
        case .member(let x, let n) where n.text == "hasValue":
            let expr = checkExpr(e)
            if let (key, t) = optionalFact(x) { return CheckedCondition(expr: expr, trueSet: [key: t]) }
            return CheckedCondition(expr: expr)
        case .isTest(let x, let p) where p.binding == nil:
            let expr = checkExpr(e)
            guard let (key, declared) = narrowableVariable(x) else { return CheckedCondition(expr: expr) }
            guard case .isTest(_, let test) = expr.kind else { return CheckedCondition(expr: expr) }
            switch test {
            case .classInstance(let c): return CheckedCondition(expr: expr, trueSet: [key: .classType(c)])
            case .traitConformance(let t): return CheckedCondition(expr: expr, trueSet: [key: .traitType(t)])
            case .always(true):
                if case .optional(let inner) = declared { return CheckedCondition(expr: expr, trueSet: [key: inner]) }
                return CheckedCondition(expr: expr)
            default: return CheckedCondition(expr: expr)
            }
        default:
            return CheckedCondition(expr: checkExpr(e))
        }
    }

    /// `x` is a narrowable variable of Optional type: the fact "x has a value".
    func optionalFact(_ x: Expr) -> (NarrowKey, WType)? {
        guard let (key, declared) = narrowableVariable(x), case .optional(let inner) = declared else { return nil }
        return (key, inner)
    }

    /// A variable that narrowing may apply to (§15.3), with its declared type.
    func narrowableVariable(_ x: Expr) -> (NarrowKey, WType)? {
        guard case .name(let n) = x.kind else { return nil }
        if let b = lookupBinding(n.text) {
            let binding = bindings[b]
            if binding.isMutable {
                guard binding.owner === ctx, !closureNames(of: ctx).contains(n.text) else { return nil }
            }
            switch binding.kind {
            case .nestedFunction, .constant: return nil
            default: return (.binding(b), binding.type)
            }
        }
        if implicitSelfMemberExists(n.text) { return nil }
        if let e = lookupModuleEntity(n.text, module: ctx.env.module), visibleFromHere(e), case .global(let g) = e.entity,
           globals[g.index].kind == .letBinding {
            ensureGlobalType(g, at: x.range)
            return (.global(g), globals[g.index].info.type)
        }
        return nil
    }

    /// Applies narrowing facts to the current state.
    func apply(_ facts: [NarrowKey: WType]) {
        for (k, v) in facts { narrowed[k] = v }
    }

    /// Applies facts to a region of statements: a mutable local assigned inside the region
    /// is not narrowed there (§15.3).
    func apply(_ facts: [NarrowKey: WType], region: some Collection<Stmt>) {
        for (k, v) in facts {
            if case .binding(let b) = k, bindings[b].isMutable, statementsAssign(bindings[b].name, region) { continue }
            narrowed[k] = v
        }
    }

    /// The read of a variable, seen through its narrowing.
    func applyNarrowing(_ read: TypedExpr, key: NarrowKey) -> TypedExpr {
        guard !narrowed.isEmpty, let t = narrowed[key], t != read.type else { return read }
        if case .optional(let inner) = read.type, inner == t {
            return TypedExpr(.unwrapNarrowed(read), t, read.range)
        }
        switch t {
        case .classType(let c): return TypedExpr(.narrowedDowncast(read, .classType(c)), t, read.range)
        case .traitType(let tr): return TypedExpr(.narrowedDowncast(read, .traitType(tr)), t, read.range)
        default: return read
        }
    }

    // MARK: Unary

    func checkUnary(_ op: UnaryOp, _ x: Expr, opRange: SourceRange, _ r: SourceRange) -> TypedExpr {
        if op == .not { return checkBool(Expr(.unary(op, x, opRange: opRange), r, id: NodeID(0))).expr }
        let v = checkExpr(x)
        switch v.type {
        case .int:
            if case .intLiteral(let lit) = v.kind, lit != Int64.min { return TypedExpr(.intLiteral(-lit), .int, r) }
            return TypedExpr(.intNegate(v), .int, r)
        case .float:
            if case .floatLiteral(let lit) = v.kind { return TypedExpr(.floatLiteral(-lit), .float, r) }
            return TypedExpr(.floatNegate(v), .float, r)
        case .error: return .error(r)
        case .classType, .structType:
            if let call = operatorMethodCall(v, "negate", argument: nil, r) { return call }
        default: break
        }
        report(.unaryOperatorNotApplicable(op: "-", operand: typeName(v.type)), at: opRange)
        return .error(r)
    }

    // MARK: Binary

    func checkBinary(_ op: BinaryOp, _ a: Expr, _ b: Expr, opRange: SourceRange, expected: WType?, _ r: SourceRange) -> TypedExpr {
        switch op {
        case .and, .or:
            return checkBool(Expr(.binary(op, a, b, opRange: opRange), r, id: NodeID(0))).expr
        case .equal, .notEqual:
            return checkEquality(op == .notEqual, a, b, opRange: opRange, r)
        case .coalesce:
            return checkCoalesce(a, b, opRange: opRange, expected: expected, r)
        default: break
        }
        let ta = checkExpr(a, expected: op.isArithmetic && expected == .float ? .float : nil)
        let tb = checkExpr(b, expected: op.isArithmetic && expected == .float ? .float : nil)
        return binaryOperation(op, ta, tb, opRange: opRange, r)
    }

    /// The operation `op` on two checked operands (shared with compound assignment).
    func binaryOperation(_ op: BinaryOp, _ ta: TypedExpr, _ tb: TypedExpr, opRange: SourceRange, _ r: SourceRange) -> TypedExpr {
        if ta.type.isError || tb.type.isError {
            if op == .dotDot, ta.type == .string || tb.type == .string { return TypedExpr(.error, .string, r) }
            return .error(r)
        }
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo:
            let aop = op.arithmetic!
            switch (ta.type, tb.type) {
            case (.int, .int): return TypedExpr(.intArithmetic(aop, ta, tb), .int, r)
            case (.float, .float), (.int, .float), (.float, .int):
                return TypedExpr(.floatArithmetic(aop, toFloat(ta), toFloat(tb)), .float, r)
            case (.string, .string) where op == .add:
                return TypedExpr(.stringAdd(ta, tb), .string, r)
            case (.classType, _), (.structType, _):
                if let call = operatorMethodCall(ta, op.methodName!, argument: tb, r) { return call }
            default: break
            }
        case .less, .lessEqual, .greater, .greaterEqual:
            let cop = op.comparison!
            switch (ta.type, tb.type) {
            case (.int, .int): return TypedExpr(.compare(cop, .int, ta, tb), .bool, r)
            case (.float, .float), (.int, .float), (.float, .int):
                return TypedExpr(.compare(cop, .float, toFloat(ta), toFloat(tb)), .bool, r)
            case (.string, .string): return TypedExpr(.compare(cop, .string, ta, tb), .bool, r)
            case (.classType, _), (.structType, _):
                if let call = operatorMethodCall(ta, op.methodName!, argument: tb, r) {
                    if call.type != .bool && !call.type.isError {
                        report(.typeMismatch(expected: "bool", found: typeName(call.type)), at: r)
                        return TypedExpr(.error, .bool, r)
                    }
                    return call
                }
            default: break
            }
        case .dotDot:
            if ta.type == .int && tb.type == .int {
                report(.rangeOutsideLoop, at: r)
                return .error(r)
            }
            if ta.type == .string || tb.type == .string {
                for x in [ta, tb] where x.type == .void { report(.voidValue, at: x.range) }
                for x in [ta, tb] { _ = reportUninferable(x) }
                return TypedExpr(.concat(ta, tb), .string, r)
            }
        case .dotDotEqual:
            if ta.type == .int && tb.type == .int {
                report(.rangeOutsideLoop, at: r)
                return .error(r)
            }
        default: break
        }
        report(.operatorNotApplicable(op: op.spelling, left: operandName(ta), right: operandName(tb)), at: opRange)
        return .error(r)
    }

    func operandName(_ e: TypedExpr) -> String {
        switch e.type {
        case .null: "null"
        case .emptyArray: "Array"
        case .emptyDictionary: "Dictionary"
        default: typeName(e.type)
        }
    }

    /// An int operand converted to float (an integer literal becomes a float literal).
    func toFloat(_ e: TypedExpr) -> TypedExpr {
        if e.type == .float { return e }
        if let v = isIntLiteral(e) { return TypedExpr(.floatLiteral(Double(v)), .float, e.range) }
        return TypedExpr(.intToFloat(e), .float, e.range)
    }

    func logical(_ op: BinaryOp, _ a: TypedExpr, _ b: TypedExpr, _ opRange: SourceRange, _ r: SourceRange) -> TypedExpr? {
        if a.type.isError || b.type.isError { return TypedExpr(.error, .bool, r) }
        guard a.type == .bool, b.type == .bool else {
            report(.operatorNotApplicable(op: op.spelling, left: operandName(a), right: operandName(b)), at: opRange)
            return TypedExpr(.error, .bool, r)
        }
        return TypedExpr(op == .and ? .and(a, b) : .or(a, b), .bool, r)
    }

    // MARK: Equality (§6.4)

    func checkEquality(_ negated: Bool, _ a: Expr, _ b: Expr, opRange: SourceRange, _ r: SourceRange) -> TypedExpr {
        var ta = checkExpr(a)
        let tb = checkExpr(b, expected: isPlaceholder(ta.type) ? nil : ta.type)
        if isPlaceholder(ta.type) && !isPlaceholder(tb.type) {
            if let c = convert(ta, to: tb.type) { ta = c } else if case .result = tb.type {
                ta = checkExpr(a, expected: tb.type)
            }
        }
        if ta.type.isError || tb.type.isError { return TypedExpr(.error, .bool, r) }
        if isPlaceholder(ta.type) && isPlaceholder(tb.type) {
            _ = reportUninferable(ta)
            return TypedExpr(.error, .bool, r)
        }
        if ta.type.isNumeric && tb.type.isNumeric {
            if ta.type == tb.type { return TypedExpr(.equal(negated: negated, operandType: ta.type, ta, tb), .bool, r) }
            return TypedExpr(.equal(negated: negated, operandType: .float, toFloat(ta), toFloat(tb)), .bool, r)
        }
        if case .function = ta.type {
            report(.cannotCompare(typeName(ta.type), typeName(tb.type)), at: opRange)
            return TypedExpr(.error, .bool, r)
        }
        if let cb = convert(tb, to: ta.type) {
            return TypedExpr(.equal(negated: negated, operandType: ta.type, ta, cb), .bool, r)
        }
        if let ca = convert(ta, to: tb.type) {
            return TypedExpr(.equal(negated: negated, operandType: tb.type, ca, tb), .bool, r)
        }
        report(.cannotCompare(operandName(ta), operandName(tb)), at: opRange)
        return TypedExpr(.error, .bool, r)
    }

    func isPlaceholder(_ t: WType) -> Bool {
        switch t {
        case .null, .emptyArray, .emptyDictionary: true
        default: false
        }
    }

    // MARK: ?? (§15.2)

    func checkCoalesce(_ a: Expr, _ b: Expr, opRange: SourceRange, expected: WType?, _ r: SourceRange) -> TypedExpr {
        let ta = checkExpr(a, expected: expected.map { WType.optional(of: $0) })
        if ta.type.isError {
            _ = checkExpr(b)
            return .error(r)
        }
        let payload: WType
        switch ta.type {
        case .optional(let t): payload = t
        case .result(let t): payload = t
        default:
            let tb = checkExpr(b)
            report(.operatorNotApplicable(op: "??", left: operandName(ta), right: operandName(tb)), at: opRange)
            return .error(r)
        }
        let tb = checkExpr(b, expected: payload)
        if case .result = ta.type {
            // `r ?? fallback` on a Result (§16.2): the success value or the fallback.
            let fallback = coerce(tb, to: payload)
            let subject = temporary("<subject>", ta.type, ta.range)
            let v = ctx.addLocal("<value>", payload, mutable: false, kind: .temporary, range: ta.range)
            let arms = [
                TypedWhenArm(pattern: TypedPattern(test: .success, bindings: [PatternBinding(local: v, value: resultValue(subject, ta.type, payload, ta.range))],
                                                   guardCondition: nil, range: ta.range),
                             body: .expr(TypedExpr(.local(v), payload, ta.range)), range: ta.range),
                TypedWhenArm(pattern: TypedPattern(test: .always, bindings: [], guardCondition: nil, range: tb.range),
                             body: .expr(fallback), range: tb.range),
            ]
            return TypedExpr(.when(TypedWhen(subject: ta, subjectLocal: subject, arms: arms, isExhaustive: true, isStatement: false)),
                             payload, r)
        }
        if let c = convert(tb, to: payload) { return TypedExpr(.coalesce(ta, c), payload, r) }
        if tb.type == ta.type || tb.type == .null { return TypedExpr(.coalesce(ta, coerce(tb, to: ta.type)), ta.type, r) }
        reportMismatch(expected: payload, found: tb)
        return TypedExpr(.error, payload, r)
    }

    /// The success value of a Result held in `subject` (a pattern binding's value).
    func resultValue(_ subject: LocalID, _ resultType: WType, _ payload: WType, _ r: SourceRange) -> TypedExpr {
        TypedExpr(.call(TypedCall(target: .builtin(.resultValue), receiver: TypedExpr(.local(subject), resultType, r), arguments: [])),
                  payload, r)
    }
}

extension BinaryOp {
    var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .modulo: true
        default: false
        }
    }
    var arithmetic: ArithmeticOp? {
        switch self {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .modulo: .modulo
        default: nil
        }
    }
    var comparison: ComparisonOp? {
        switch self {
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        default: nil
        }
    }
    /// The operator method name of §10.9.
    var methodName: String? {
        switch self {
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        case .modulo: "modulo"
        case .less: "lt"
        case .lessEqual: "le"
        case .greater: "gt"
        case .greaterEqual: "ge"
        default: nil
        }
    }
}
