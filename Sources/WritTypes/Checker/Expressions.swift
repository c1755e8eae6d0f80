import WritSyntax

/// Expressions (§6): each `check…` returns a typed node; `expected` is a hint that gives
/// `null`, `[]`, `{}`, `Success`/`Error`, lambdas and generic calls their type. Callers
/// that need a particular type call `coerce` (or `checkExpr(_:as:)`).
extension Checker {
    func checkExpr(_ e: Expr, as target: WType) -> TypedExpr {
        coerce(checkExpr(e, expected: target), to: target)
    }

    func checkExpr(_ e: Expr, expected: WType? = nil) -> TypedExpr {
        depth += 1
        defer { depth -= 1 }
        if depth > CheckerLimits.maxNestingDepth {
            if !reportedNestingLimit {
                reportedNestingLimit = true
                report(.nestingTooDeep(CheckerLimits.maxNestingDepth), at: e.range)
            }
            return .error(e.range)
        }
        return checkExprKind(e, expected: expected)
    }

    private func checkExprKind(_ e: Expr, expected: WType?) -> TypedExpr {
        let r = e.range
        switch e.kind {
        case .intLiteral(let v):
            if expected == .float { return TypedExpr(.floatLiteral(Double(v)), .float, r) }
            return TypedExpr(.intLiteral(v), .int, r)
        case .floatLiteral(let v): return TypedExpr(.floatLiteral(v), .float, r)
        case .boolLiteral(let v): return TypedExpr(.boolLiteral(v), .bool, r)
        case .stringLiteral(let s): return TypedExpr(.stringLiteral(s), .string, r)
        case .interpolatedString(let parts): return checkInterpolation(parts, r)
        case .nullLiteral:
            if let expected, case .optional = expected { return TypedExpr(.null, expected, r) }
            return TypedExpr(.null, .null, r)
        case .name(let n): return checkNameExpr(n, range: r)
        case .selfExpr: return checkSelf(r)
        case .superMember(let n):
            report(.functionValueNotAllowed("super.\(n.text)"), at: r)
            return .error(r)
        case .namespaced(let ns, let n): return checkNamespaced(ns, n, r)
        case .tuple(let es): return checkTuple(es, expected: expected, r)
        case .array(let els): return checkArrayLiteral(els, expected: expected, r)
        case .dictionary(let els): return checkDictionaryLiteral(els, expected: expected, r)
        case .lambda(let l): return checkLambda(l, expected: expected, r)
        case .unary(let op, let x, let opRange): return checkUnary(op, x, opRange: opRange, r)
        case .binary(let op, let a, let b, let opRange): return checkBinary(op, a, b, opRange: opRange, expected: expected, r)
        case .ternary(let c, let a, let b): return checkTernary(c, a, b, expected: expected, r)
        case .cast(let x, let t): return checkCast(x, t, r)
        case .isTest(let x, let p): return checkIsTest(x, p, r)
        case .call(let callee, let typeArgs, let args): return checkCall(callee, typeArgs, args, expected: expected, r)
        case .member(let base, let n): return checkMemberExpr(base, n, r)
        case .optionalMember(let base, let n): return checkOptionalMember(base, n, call: nil, r)
        case .index(let base, let i): return checkIndex(base, i, r)
        case .propagate(let x): return checkPropagate(x, r)
        case .when(let w): return checkWhenExpr(w, expected: expected, r)
        case .yield(let x): return checkYield(x, r)
        case .error: return .error(r)
        }
    }

    // MARK: Strings

    func checkInterpolation(_ parts: [StringPart], _ r: SourceRange) -> TypedExpr {
        var out: [TypedStringPart] = []
        for p in parts {
            switch p {
            case .text(let s): out.append(.text(s))
            case .interpolation(let x):
                let v = checkExpr(x)
                if v.type == .void { report(.voidValue, at: v.range) }
                _ = reportUninferable(v)
                out.append(.value(v))
            }
        }
        return TypedExpr(.interpolation(out), .string, r)
    }

    // MARK: Names

    func checkSelf(_ r: SourceRange) -> TypedExpr {
        if let b = selfBindingIndex() { return readBinding(b, range: r) }
        if fieldDefaultDepth > 0, currentTypeContext != nil {
            report(.defaultRefersToSelf, at: r)
            return .error(r)
        }
        report(.undefinedVariable("self"), at: r)
        return .error(r)
    }

    /// A plain name in expression position (§5.2, §10.4 lookup order).
    func checkNameExpr(_ n: Name, range r: SourceRange) -> TypedExpr {
        if let b = lookupBinding(n.text) {
            let read = readBinding(b, range: r)
            return applyNarrowing(read, key: .binding(b))
        }
        if let member = implicitSelfMember(n) { return member }
        if fieldDefaultDepth > 0, let tc = currentTypeContext, let st = nominal(tc), st.fieldIndex[n.text] != nil {
            report(.defaultRefersToSelf, at: r)
            return .error(r)
        }
        if let tc = currentTypeContext, let m = staticMethod(named: n.text, in: tc) {
            report(.functionValueNotAllowed(m.name), at: r)
            return .error(r)
        }
        if let e = lookupModuleEntity(n.text, module: ctx.env.module), visibleFromHere(e) {
            return entityValue(e, name: n, r)
        }
        if let g = host.globals.firstIndex(where: { $0.name == n.text }) {
            return TypedExpr(.hostGlobal(HostGlobalID(g)), host.globals[g].type, r)
        }
        if host.functions.contains(where: { $0.name == n.text }) {
            report(.functionValueNotAllowed(n.text), at: r)
            return .error(r)
        }
        switch n.text {
        case "PI": return TypedExpr(.floatLiteral(Double.pi), .float, r)
        case "TAU": return TypedExpr(.floatLiteral(2 * Double.pi), .float, r)
        case "INFINITY": return TypedExpr(.floatLiteral(Double.infinity), .float, r)
        default: break
        }
        if builtinFunctionNames.contains(n.text) {
            report(.functionValueNotAllowed(n.text), at: r)
            return .error(r)
        }
        if insideIncompleteClass { return .error(r) }
        report(.undefinedVariable(n.text), at: r, name: n.text, candidates: visibleValueNames())
        return .error(r)
    }

    /// In a method of a class whose `extends`/`with` failed, an unknown name may be an
    /// inherited member: no report (the failed declaration was reported).
    var insideIncompleteClass: Bool {
        if case .classRef(let c)? = currentTypeContext { return cls(c).isIncomplete }
        return false
    }

    /// Can top-level code at the current position see this module entity? Globals declared
    /// later in the file are visible only to functions (§3.2).
    func visibleFromHere(_ e: ScopeEntry) -> Bool {
        guard case .global(let g) = e.entity, !e.isImported else { return true }
        if inFunctionCode { return true }
        if globals[g.index].info.module != ctx.env.module { return true }
        return globals[g.index].itemIndex < currentTopLevelItem
    }

    func visibleValueNames() -> [String] {
        var names = Array(scopeNames.keys)
        if let tc = currentTypeContext {
            names += memberNames(of: tc)
        }
        for (name, e) in modules[ctx.env.module.index].scope where visibleFromHere(e) { names.append(name) }
        names += host.globals.map(\.name) + host.functions.map(\.name)
        names += ["PI", "TAU", "INFINITY"] + builtinFunctionNames
        return names
    }

    func entityValue(_ e: ScopeEntry, name n: Name, _ r: SourceRange) -> TypedExpr {
        switch e.entity {
        case .global(let g):
            return globalRead(g, r)
        case .function(let f):
            let st = fn(f)
            if st.typed.isCoroutine {
                report(.coroutineValue(n.text), at: r)
                return .error(r)
            }
            return TypedExpr(.functionValue(f), st.signature.functionType, r)
        case .genericFunction:
            report(.functionValueNotAllowed(n.text), at: r)
            return .error(r)
        case .classType, .structType, .enumType, .traitType, .genericClass, .genericStruct, .namespace:
            report(.typeAsValue(n.text), at: r)
            return .error(r)
        case .unresolved:
            return .error(r)
        }
    }

    /// A read of a global (a literal for constants).
    func globalRead(_ g: GlobalID, _ r: SourceRange) -> TypedExpr {
        ensureGlobalType(g, at: r)
        // Read by a function, or by another module's top-level code: a real global.
        if inFunctionCode || globals[g.index].info.module != ctx.env.module {
            globals[g.index].info.isReferencedFromFunctions = true
        }
        let info = globals[g.index].info
        if let c = info.constant { return literal(c, info.type, r) }
        let read = TypedExpr(.global(g), info.type, r)
        if !info.isMutable { return applyNarrowing(read, key: .global(g)) }
        return read
    }

    func checkNamespaced(_ ns: Name, _ n: Name, _ r: SourceRange) -> TypedExpr {
        guard let e = namespaceMember(ns, n) else { return .error(r) }
        return entityValue(e, name: n, r)
    }

    /// `ns::name`: the exported entity, or nil after reporting.
    func namespaceMember(_ ns: Name, _ n: Name) -> ScopeEntry? {
        if case .unresolved? = lookupModuleEntity(ns.text, module: ctx.env.module)?.entity { return nil }
        guard let e = lookupModuleEntity(ns.text, module: ctx.env.module), case .namespace(let target) = e.entity else {
            report(.undefinedVariable(ns.text), at: ns.range, name: ns.text, candidates: visibleValueNames())
            return nil
        }
        if let x = modules[target.index].scope[n.text], x.isExported, !x.isImported { return x }
        let exported = modules[target.index].scope.filter { $0.value.isExported && !$0.value.isImported }.map(\.key)
        report(.notExported(name: n.text, path: importPath(of: target, in: ctx.env.module) ?? modules[target.index].path),
               at: n.range, name: n.text, candidates: exported)
        return nil
    }

    func importPath(of target: ModuleID, in module: ModuleID) -> String? {
        modules[module.index].importTargets.first { $0.1 == target }?.0.path
    }

    // MARK: Tuples and collections

    func checkTuple(_ es: [Expr], expected: WType?, _ r: SourceRange) -> TypedExpr {
        var expectedElements: [WType]?
        if case .tuple(let ts)? = expected, ts.count == es.count { expectedElements = ts }
        var out: [TypedExpr] = []
        for (i, x) in es.enumerated() {
            var t = checkExpr(x, expected: expectedElements?[i])
            if let ee = expectedElements?[i], let c = convert(t, to: ee) { t = c }
            if t.type == .void { report(.voidValue, at: t.range); t = .error(t.range) }
            if reportUninferable(t) { t = .error(t.range) }
            out.append(t)
        }
        let types = out.map(\.type)
        return TypedExpr(.tuple(out), types.contains(.error) ? .error : .tuple(types), r)
    }

    func checkArrayLiteral(_ els: [ArrayElement], expected: WType?, _ r: SourceRange) -> TypedExpr {
        var elementType: WType?
        if case .array(let t)? = expected { elementType = t }
        if els.isEmpty {
            if let elementType { return TypedExpr(.array([]), .array(elementType), r) }
            return TypedExpr(.array([]), .emptyArray, r)
        }
        var items: [TypedExpr] = []
        var isSpread: [Bool] = []
        for el in els {
            switch el {
            case .element(let x):
                items.append(checkExpr(x, expected: elementType))
                isSpread.append(false)
            case .spread(let x, _):
                let s = checkExpr(x, expected: elementType.map { .array($0) })
                items.append(s)
                isSpread.append(true)
            }
        }
        // Element type: from the expected type, else the common type of elements and of
        // spread arrays' elements.
        if elementType == nil {
            var probes: [TypedExpr] = []
            for (i, t) in items.enumerated() {
                if isSpread[i] {
                    if case .array(let et) = t.type { probes.append(TypedExpr(.error, et, t.range)) } else if t.type == .emptyArray {
                        continue
                    } else if !t.type.isError {
                        report(.typeMismatch(expected: "Array", found: typeName(t.type)), at: t.range)
                    }
                } else {
                    probes.append(t)
                }
            }
            let (common, _) = unifyBranches(probes.map { p in
                // Probe types only: an element's own literal-ness matters for int/float mixing.
                p
            }, expected: nil)
            if probes.isEmpty { return TypedExpr(.array([]), .emptyArray, r) }
            elementType = common
            if case .null = common { report(.cannotInferNull, at: r); return .error(r) }
            if common == .void { report(.voidValue, at: r); return .error(r) }
        }
        let et = elementType!
        if et == .emptyArray || et == .emptyDictionary {
            _ = reportUninferable(TypedExpr(.error, et, r))
            return .error(r)
        }
        var out: [TypedArrayElement] = []
        for (i, t) in items.enumerated() {
            if isSpread[i] {
                out.append(spreadElement(t, elementType: et))
            } else {
                out.append(.element(coerce(t, to: et)))
            }
        }
        return TypedExpr(.array(out), et.isError ? .error : .array(et), r)
    }

    /// `...xs` into an array of `et` (and into a variadic parameter).
    func spreadElement(_ t: TypedExpr, elementType et: WType) -> TypedArrayElement {
        switch t.type {
        case .array(let st):
            if st == et || st.isError || et.isError { return .spread(t, elementConversion: nil) }
            let probe = TypedExpr(.spreadElement, st, t.range)
            if let c = convert(probe, to: et) { return .spread(t, elementConversion: c) }
            report(.typeMismatch(expected: typeName(.array(et)), found: typeName(t.type)), at: t.range)
            return .spread(.error(t.range), elementConversion: nil)
        case .emptyArray:
            return .spread(TypedExpr(.array([]), .array(et), t.range), elementConversion: nil)
        case .error:
            return .spread(t, elementConversion: nil)
        default:
            report(.typeMismatch(expected: typeName(.array(et)), found: typeName(t.type)), at: t.range)
            return .spread(.error(t.range), elementConversion: nil)
        }
    }

    func checkDictionaryLiteral(_ els: [DictElement], expected: WType?, _ r: SourceRange) -> TypedExpr {
        var keyType: WType?
        var valueType: WType?
        if case .dictionary(let k, let v)? = expected { keyType = k; valueType = v }
        if els.isEmpty {
            if let keyType, let valueType { return TypedExpr(.dictionary([]), .dictionary(keyType, valueType), r) }
            return TypedExpr(.dictionary([]), .emptyDictionary, r)
        }
        var keys: [TypedExpr?] = []
        var values: [TypedExpr] = []
        for el in els {
            switch el {
            case .pair(let k, let v):
                keys.append(checkExpr(k, expected: keyType))
                values.append(checkExpr(v, expected: valueType))
            case .spread(let x, _):
                keys.append(nil)
                values.append(checkExpr(x, expected: expected))
            }
        }
        if keyType == nil || valueType == nil {
            var kp: [TypedExpr] = []
            var vp: [TypedExpr] = []
            for (k, v) in zip(keys, values) {
                if let k {
                    kp.append(k)
                    vp.append(v)
                } else if case .dictionary(let kt, let vt) = v.type {
                    kp.append(TypedExpr(.error, kt, v.range))
                    vp.append(TypedExpr(.error, vt, v.range))
                } else if v.type != .emptyDictionary && !v.type.isError {
                    report(.typeMismatch(expected: "Dictionary", found: typeName(v.type)), at: v.range)
                }
            }
            if kp.isEmpty { return TypedExpr(.dictionary([]), .emptyDictionary, r) }
            let (kt, _) = unifyBranches(kp, expected: nil)
            let (vt, _) = unifyBranches(vp, expected: nil)
            if kt == .null || vt == .null { report(.cannotInferNull, at: r); return .error(r) }
            keyType = kt
            valueType = vt
        }
        let kt = keyType!
        let vt = valueType!
        if !isValidKeyType(kt) {
            report(.invalidDictionaryKey(typeName(kt)), at: r)
            return .error(r)
        }
        let dt: WType = kt.isError || vt.isError ? .error : .dictionary(kt, vt)
        var out: [TypedDictElement] = []
        for (k, v) in zip(keys, values) {
            if let k {
                out.append(.pair(key: coerce(k, to: kt), value: coerce(v, to: vt)))
            } else if v.type == .emptyDictionary {
                out.append(.spread(TypedExpr(.dictionary([]), dt, v.range)))
            } else {
                out.append(.spread(dt.isError ? v : coerce(v, to: dt)))
            }
        }
        return TypedExpr(.dictionary(out), dt, r)
    }

    // MARK: Lambdas (§9)

    func checkLambda(_ l: LambdaExpr, expected: WType?, _ r: SourceRange) -> TypedExpr {
        let env = ctx.env
        var paramTypes: [WType] = []
        for p in l.params {
            var t = resolveType(p.type, env: env.typeEnv, module: env.module)
            if p.isVariadic { t = t.isError ? .error : .array(t) }
            paramTypes.append(t)
        }
        var expectedResult: WType?
        if case .function(let eps, let er)? = expected, eps == paramTypes, !er.containsError { expectedResult = er }
        let fid = newFunction(name: "<lambda>", displayName: "<lambda>", kind: .lambda,
                              signature: Signature(parameterNames: l.params.map(\.name.text), parameterTypes: paramTypes,
                                                   result: expectedResult ?? .void, isVariadic: l.params.last?.isVariadic ?? false),
                              module: env.module, range: r, declaringType: nil, parent: ctx.functionID, scratch: ctx.isScratch,
                              pending: nil)
        let c = FunctionContext(functionID: fid, kind: .lambda, env: env, resultType: expectedResult, isCoroutine: false, isLambda: true)
        c.isScratchInstance = ctx.isScratchInstance
        pushContext(c)
        var params: [LocalID] = []
        var seen: Set<String> = []
        for (i, p) in l.params.enumerated() {
            if !seen.insert(p.name.text).inserted { report(.duplicateDeclaration(p.name.text), at: p.name.range) }
            let (_, id) = declareLocal(p.name.text, type: paramTypes[i], mutable: false, kind: .parameter, localKind: .parameter,
                                       range: p.name.range, checkDuplicate: false)
            params.append(id)
        }
        var body: [TypedStmt] = []
        var result: WType
        let savedNarrowed = narrowed
        narrowed = narrowed.filter { key, _ in
            // Only immutable variables stay narrowed inside a closure.
            if case .binding(let b) = key { return !bindings[b].isMutable }
            return true
        }
        switch l.body {
        case .expr(let x):
            c.closureScanSource = .expr(x)
            var v = checkExpr(x, expected: expectedResult)
            if let expectedResult {
                if expectedResult == .void {
                    result = .void
                } else {
                    v = coerce(v, to: expectedResult)
                    result = expectedResult
                }
            } else {
                if reportUninferable(v) { v = .error(v.range) }
                result = v.type
            }
            if result == .void {
                body = [TypedStmt(.expr(v), v.range)]
            } else {
                body = [TypedStmt(.returnStmt(v), v.range)]
            }
        case .block(let b):
            c.closureScanSource = .statements(b.statements)
            pushScope()
            body = checkStatements(b.statements)
            popScope()
            if let expectedResult {
                result = expectedResult
            } else {
                let returns = c.inferredReturns
                if returns.isEmpty {
                    result = .void
                } else {
                    let (common, _) = unifyBranches(returns.map { r in TypedExpr(r.kind, r.type, r.range) }, expected: nil)
                    result = common == .null ? .error : common
                    if common == .null { report(.cannotInferNull, at: returns[0].range) }
                    body = convertReturns(body, to: result)
                }
            }
            if result != .void && !result.isError && !statementsReturn(body) {
                report(.missingReturn("<lambda>"), at: l.arrowRange)
            }
        }
        narrowed = savedNarrowed
        c.resultType = result
        popContext(parameters: params, body: body)
        let sig = Signature(parameterNames: l.params.map(\.name.text), parameterTypes: paramTypes, result: result,
                            isVariadic: l.params.last?.isVariadic ?? false)
        setSignature(fid, sig)
        let type: WType = paramTypes.contains(.error) ? .error : .function(paramTypes, result)
        return TypedExpr(.closure(fid), type, r)
    }

    /// Converts the values of `return` statements (not inside nested functions) to `result`.
    func convertReturns(_ stmts: [TypedStmt], to result: WType) -> [TypedStmt] {
        stmts.map { s in
            var s = s
            switch s.kind {
            case .returnStmt(let e?): s.kind = .returnStmt(coerce(e, to: result))
            case .ifStmt(var i):
                i.thenBody = convertReturns(i.thenBody, to: result)
                i.elseBody = i.elseBody.map { convertReturns($0, to: result) }
                s.kind = .ifStmt(i)
            case .whileLoop(let c, let b): s.kind = .whileLoop(condition: c, body: convertReturns(b, to: result))
            case .forLoop(var f):
                f.body = convertReturns(f.body, to: result)
                s.kind = .forLoop(f)
            case .block(let b): s.kind = .block(convertReturns(b, to: result))
            case .when(var w):
                for i in w.arms.indices {
                    if case .statements(let b) = w.arms[i].body { w.arms[i].body = .statements(convertReturns(b, to: result)) }
                }
                s.kind = .when(w)
            default: break
            }
            return s
        }
    }

    // MARK: Ternary, casts, type tests

    func checkTernary(_ c: Expr, _ a: Expr, _ b: Expr, expected: WType?, _ r: SourceRange) -> TypedExpr {
        let cond = checkCondition(c)
        let saved = narrowed
        apply(cond.trueSet)
        let ta = checkExpr(a, expected: expected)
        narrowed = saved
        apply(cond.falseSet)
        let tb = checkExpr(b, expected: expected)
        narrowed = saved
        let (t, items) = unifyBranches([ta, tb], expected: expected)
        if t == .null || t == .emptyArray || t == .emptyDictionary {
            _ = reportUninferable(TypedExpr(.error, t, r))
            return .error(r)
        }
        return TypedExpr(.ternary(cond.expr, items[0], items[1]), t, r)
    }

    func checkCast(_ x: Expr, _ te: TypeExpr, _ r: SourceRange) -> TypedExpr {
        let v = checkExpr(x)
        let target = resolveType(te, env: ctx.env.typeEnv, module: ctx.env.module)
        if v.type.isError || target.isError { return TypedExpr(.error, target.isError ? .error : target, r) }
        switch (v.type, target) {
        case (.int, .int), (.float, .float): return TypedExpr(v.kind, target, r)
        case (.int, .float): return TypedExpr(.intToFloat(v), .float, r)
        case (.float, .int): return TypedExpr(.floatToInt(v), .int, r)
        default: break
        }
        if let c = convert(v, to: target), v.type != target {
            switch target {
            case .classType, .traitType: return TypedExpr(c.kind, target, r)
            default: break
            }
        }
        if v.type == target {
            switch target {
            case .classType, .traitType: return TypedExpr(v.kind, target, r)
            default: break
            }
        }
        switch (v.type, target) {
        case (.classType(let from), .classType(let to)):
            if ancestors(of: to).contains(from) { return TypedExpr(.downcast(v, .classType(to)), target, r) }
        case (.traitType, .classType(let to)):
            return TypedExpr(.downcast(v, .classType(to)), target, r)
        case (.classType, .traitType(let to)), (.traitType, .traitType(let to)):
            return TypedExpr(.downcast(v, .traitType(to)), target, r)
        default: break
        }
        report(.cannotCast(from: typeName(v.type), to: typeName(target)), at: r)
        return TypedExpr(.error, target, r)
    }

    /// The run-time test for `is T` on a value of static type `s` (an Optional is unwrapped).
    func typeTest(from s: WType, to target: WType, at r: SourceRange) -> TypeTest? {
        var s = s
        if case .optional(let inner) = s { s = inner }
        if s.isError || target.isError { return .always(true) }
        switch (s, target) {
        case (.classType(let c), .classType(let t)):
            if c == t || ancestors(of: c).contains(t) { return .always(true) }
            if ancestors(of: t).contains(c) { return .classInstance(t) }
            return .always(false)
        case (.traitType, .classType(let t)): return .classInstance(t)
        case (.classType(let c), .traitType(let t)):
            ensureHeader(.classRef(c))
            if cls(c).allTraits.contains(t) { return .always(true) }
            return .traitConformance(t)
        case (.traitType(let a), .traitType(let t)):
            return a == t ? .always(true) : .traitConformance(t)
        case (.typeParameter, _):
            return .always(false)
        default:
            return .always(s == target)
        }
    }

    func checkIsTest(_ x: Expr, _ p: IsPattern, _ r: SourceRange) -> TypedExpr {
        if let b = p.binding {
            report(.bindingTestOutsideIf, at: b.range)
        }
        let v = checkExpr(x)
        if case .named(let n, let args) = p.type.kind, args.isEmpty, n.text == "Success" || n.text == "Error",
           lookupModuleEntity(n.text, module: ctx.env.module) == nil {
            // `r is Success` as a bool.
            guard case .result = v.type else {
                if !v.type.isError { report(.invalidTypeTest(typeName(v.type)), at: v.range) }
                return TypedExpr(.error, .bool, r)
            }
            let t = temporary("<subject>", v.type, v.range)
            // Express as a when expression over the subject.
            let arms = [
                TypedWhenArm(pattern: TypedPattern(test: n.text == "Success" ? .success : .error, bindings: [], guardCondition: nil, range: p.range),
                             body: .expr(TypedExpr(.boolLiteral(true), .bool, r)), range: r),
                TypedWhenArm(pattern: TypedPattern(test: .always, bindings: [], guardCondition: nil, range: p.range),
                             body: .expr(TypedExpr(.boolLiteral(false), .bool, r)), range: r),
            ]
            return TypedExpr(.when(TypedWhen(subject: v, subjectLocal: t, arms: arms, isExhaustive: true, isStatement: false)), .bool, r)
        }
        let target = resolveType(p.type, env: ctx.env.typeEnv, module: ctx.env.module)
        if v.type.isError || target.isError { return TypedExpr(.error, .bool, r) }
        guard let test = typeTest(from: v.type, to: target, at: r) else {
            report(.invalidTypeTest(typeName(v.type)), at: v.range)
            return TypedExpr(.error, .bool, r)
        }
        return TypedExpr(.isTest(v, test), .bool, r)
    }

    // MARK: Indexing, propagation

    func checkIndex(_ base: Expr, _ index: Expr, _ r: SourceRange) -> TypedExpr {
        indexValue(checkExpr(base), index, r)
    }

    /// `b[index]` with the base already checked.
    func indexValue(_ b: TypedExpr, _ index: Expr, _ r: SourceRange) -> TypedExpr {
        switch b.type {
        case .array(let et):
            let i = checkExpr(index, as: .int)
            return TypedExpr(.arrayIndex(b, i), et, r)
        case .dictionary(let kt, let vt):
            let k = checkExpr(index, as: kt)
            return TypedExpr(.dictionaryIndex(b, k), .optional(of: vt), r)
        case .tuple(let ts):
            guard case .intLiteral(let v) = index.kind else {
                _ = checkExpr(index)
                report(.tupleIndexNotLiteral, at: index.range)
                return .error(r)
            }
            guard v >= 0, v < ts.count else {
                report(.tupleIndexOutOfRange, at: index.range)
                return .error(r)
            }
            return TypedExpr(.tupleElement(b, Int(v)), ts[Int(v)], r)
        case .error:
            _ = checkExpr(index)
            return .error(r)
        default:
            _ = checkExpr(index)
            report(.operatorNotApplicable(op: "[]", left: typeName(b.type), right: "index"), at: r)
            return .error(r)
        }
    }

    func checkPropagate(_ x: Expr, _ r: SourceRange) -> TypedExpr {
        let v = checkExpr(x)
        let resultOK: Bool
        if let rt = ctx.resultType {
            if case .result = rt { resultOK = true } else { resultOK = rt.isError }
        } else {
            resultOK = true // an inferring lambda: decided by its returns
        }
        if fieldDefaultDepth > 0 || ctx.kind == .main || !resultOK {
            report(.propagateOutsideResult, at: r)
            return .error(r)
        }
        switch v.type {
        case .result(let t): return TypedExpr(.propagate(v), t, r)
        case .error: return .error(r)
        default:
            report(.propagateNonResult, at: r)
            return .error(r)
        }
    }

    // MARK: yield (§22)

    func checkYield(_ x: Expr?, _ r: SourceRange) -> TypedExpr {
        if ctx.kind == .main {
            report(.yieldOutsideFunction, at: r)
            if let x { _ = checkExpr(x) }
            return .error(r)
        }
        if ctx.isLambda {
            report(.yieldInLambda, at: r)
            if let x { _ = checkExpr(x) }
            return .error(r)
        }
        if fieldDefaultDepth > 0 {
            report(.yieldOutsideFunction, at: r)
            return .error(r)
        }
        ctx.isCoroutine = true
        guard let x else { return TypedExpr(.yield(.nextFrame), .void, r) }
        guard case .call(let callee, let typeArgs, let args) = x.kind else {
            _ = checkExpr(x)
            report(.yieldNeedsCall, at: x.range)
            return .error(r)
        }
        if case .name(let n) = callee.kind, lookupBinding(n.text) == nil,
           ["waitForFrames", "waitForSeconds", "waitUntil"].contains(n.text),
           lookupModuleEntity(n.text, module: ctx.env.module) == nil {
            let params: [(String, WType)] = switch n.text {
            case "waitForFrames": [("n", .int)]
            case "waitForSeconds": [("s", .float)]
            default: [("pred", .function([], .bool))]
            }
            let checked = checkBuiltinArguments(n.text, params, args, callRange: x.range)
            guard checked.count == 1 else { return TypedExpr(.error, .void, r) }
            let a = checked[0].value
            let y: TypedYield = switch n.text {
            case "waitForFrames": .waitForFrames(a)
            case "waitForSeconds": .waitForSeconds(a)
            default: .waitUntil(a)
            }
            return TypedExpr(.yield(y), .void, r)
        }
        let call = checkCall(callee, typeArgs, args, expected: nil, x.range, allowCoroutine: true)
        guard case .call(let c) = call.kind else { return TypedExpr(.error, call.type, r) }
        return TypedExpr(.yield(.call(c)), call.type, r)
    }
}

let builtinFunctionNames = [
    "print", "assert", "destroy", "frameCount", "parseInt", "parseFloat", "abs", "min", "max", "clamp", "floor", "ceil",
    "round", "sqrt", "pow", "sin", "cos", "tan", "atan2", "exp", "log", "waitForFrames", "waitForSeconds", "waitUntil",
    "Success", "Error",
]
