import WritSyntax

/// One argument matched to a parameter (before its value is checked).
struct PlannedArgument {
    var argument: Argument
    var parameter: Int
}

/// Arguments of a call matched against a parameter list (§8.2, §8.4, §10.3).
struct ArgumentPlan {
    var fixed: [PlannedArgument] = []
    /// Positional extras for a variadic parameter (including spreads).
    var extras: [Argument] = []
}

/// Calls (§8.2): resolving the callee, matching arguments, generic inference.
extension Checker {
    func checkCall(_ callee: Expr, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?, _ r: SourceRange,
                   allowCoroutine: Bool = false) -> TypedExpr {
        switch callee.kind {
        case .name(let n):
            return checkNamedCall(n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
        case .member(let base, let n):
            if let typeRef = typeNameReference(base) {
                return checkStaticCall(typeRef, n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
            }
            let recv = checkExpr(base)
            return checkMethodCall(recv, n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
        case .superMember(let n):
            return checkSuperCall(n, args, r, allowCoroutine: allowCoroutine)
        case .namespaced(let ns, let n):
            guard let e = namespaceMember(ns, n) else { checkArgumentsLoosely(args); return .error(r) }
            return checkEntityCall(e.entity, n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
        case .optionalMember(let base, let n):
            return checkOptionalMember(base, n, call: (typeArgs, args), r)
        default:
            let f = checkExpr(callee)
            return closureCall(f, args, r)
        }
    }

    /// Checks arguments for their own errors when the callee is already erroneous.
    func checkArgumentsLoosely(_ args: [Argument]) {
        for a in args {
            let v = checkExpr(a.value)
            _ = v
        }
    }

    /// A type named in expression position as the base of `T.member`: a module type not
    /// shadowed by a variable.
    func typeNameReference(_ base: Expr) -> Entity? {
        switch base.kind {
        case .name(let n):
            if lookupBinding(n.text) != nil || implicitSelfMemberExists(n.text) { return nil }
            guard let e = lookupModuleEntity(n.text, module: ctx.env.module) else { return nil }
            switch e.entity {
            case .classType, .structType, .enumType, .traitType, .genericClass, .genericStruct: return e.entity
            default: return nil
            }
        case .namespaced(let ns, let n):
            guard let e = lookupModuleEntity(ns.text, module: ctx.env.module), case .namespace(let target) = e.entity,
                  let x = modules[target.index].scope[n.text], x.isExported, !x.isImported else { return nil }
            switch x.entity {
            case .classType, .structType, .enumType, .traitType, .genericClass, .genericStruct: return x.entity
            default: return nil
            }
        default:
            return nil
        }
    }

    // MARK: f(args)

    func checkNamedCall(_ n: Name, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?, _ r: SourceRange,
                        allowCoroutine: Bool) -> TypedExpr {
        if let b = lookupBinding(n.text) {
            let binding = bindings[b]
            if case .nestedFunction(let fid) = binding.kind {
                let closure = readBinding(b, range: n.range)
                let st = fn(fid)
                if st.typed.isCoroutine && !allowCoroutine { report(.coroutineCalledPlainly(n.text), at: r) }
                guard let checked = checkArguments(args, signature: st.signature, callee: n.text, callRange: r) else {
                    return TypedExpr(.error, st.signature.result, r)
                }
                return TypedExpr(.call(TypedCall(target: .nestedFunction(fid, closure: closure), arguments: checked)),
                                 st.signature.result, r)
            }
            let value = applyNarrowing(readBinding(b, range: n.range), key: .binding(b))
            return closureCall(value, args, r)
        }
        if let call = implicitSelfCall(n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine) { return call }
        if let e = lookupModuleEntity(n.text, module: ctx.env.module), visibleFromHere(e) {
            return checkEntityCall(e.entity, n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
        }
        if let h = host.functions.firstIndex(where: { $0.name == n.text }) {
            let f = host.functions[h]
            let sig = Signature(parameterNames: f.parameterTypes.indices.map { "p\($0)" }, parameterTypes: f.parameterTypes,
                                result: f.resultType, isVariadic: false)
            if args.contains(where: { $0.label != nil }) {
                report(.noParameter(callee: n.text, name: args.first { $0.label != nil }!.label!.text), at: r)
                checkArgumentsLoosely(args)
                return TypedExpr(.error, f.resultType, r)
            }
            guard let checked = checkArguments(args, signature: sig, callee: n.text, callRange: r) else {
                return TypedExpr(.error, f.resultType, r)
            }
            return TypedExpr(.call(TypedCall(target: .host(HostFunctionID(h)), arguments: checked)), f.resultType, r)
        }
        if host.globals.contains(where: { $0.name == n.text }) {
            return closureCall(checkNameExpr(n, range: n.range), args, r)
        }
        if let builtin = checkBuiltinCall(n, args, expected: expected, r) { return builtin }
        if insideIncompleteClass {
            checkArgumentsLoosely(args)
            return .error(r)
        }
        let callables = visibleValueNames()
        report(.undefinedFunction(n.text), at: n.range, name: n.text, candidates: callables)
        checkArgumentsLoosely(args)
        return .error(r)
    }

    /// A call of a module-level entity: function, generic function, constructor, or a global
    /// holding a function value.
    func checkEntityCall(_ entity: Entity, _ n: Name, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?,
                         _ r: SourceRange, allowCoroutine: Bool) -> TypedExpr {
        switch entity {
        case .function(let f):
            let st = fn(f)
            if !typeArgs.isEmpty { report(.notGeneric(n.text), at: r) }
            if st.typed.isCoroutine && !allowCoroutine { report(.coroutineCalledPlainly(n.text), at: r) }
            guard let checked = checkArguments(args, signature: st.signature, callee: n.text, callRange: r) else {
                return TypedExpr(.error, st.signature.result, r)
            }
            return TypedExpr(.call(TypedCall(target: .function(f), arguments: checked)), st.signature.result, r)
        case .genericFunction(let t):
            return checkGenericFunctionCall(t, n.text, typeArgs, args, receiver: nil, expected: expected, r, allowCoroutine: allowCoroutine)
        case .classType(let c):
            if !typeArgs.isEmpty { report(.notGeneric(n.text), at: r) }
            return constructorCall(.classRef(c), args, r)
        case .structType(let s):
            if !typeArgs.isEmpty { report(.notGeneric(n.text), at: r) }
            return constructorCall(.structRef(s), args, r)
        case .genericClass(let t), .genericStruct(let t):
            return genericConstructorCall(t, typeArgs, args, expected: expected, r)
        case .global(let g):
            return closureCall(globalRead(g, n.range), args, r)
        case .unresolved:
            checkArgumentsLoosely(args)
            return .error(r)
        case .enumType, .traitType, .namespace:
            report(.typeAsValue(n.text), at: n.range)
            checkArgumentsLoosely(args)
            return .error(r)
        }
    }

    /// Calling a function value (§8.5): positional arguments only.
    func closureCall(_ f: TypedExpr, _ args: [Argument], _ r: SourceRange) -> TypedExpr {
        switch f.type {
        case .function(let ps, let result):
            if let named = args.first(where: { $0.label != nil }), let label = named.label {
                report(.noParameter(callee: "function value", name: label.text), at: label.range)
                checkArgumentsLoosely(args)
                return TypedExpr(.error, result, r)
            }
            let sig = Signature(parameterNames: ps.indices.map { "p\($0)" }, parameterTypes: ps, result: result, isVariadic: false)
            guard let checked = checkArguments(args, signature: sig, callee: describeCallee(f), callRange: r) else {
                return TypedExpr(.error, result, r)
            }
            return TypedExpr(.call(TypedCall(target: .closure(f), arguments: checked)), result, r)
        case .error:
            checkArgumentsLoosely(args)
            return .error(r)
        default:
            report(.notCallable(typeName(f.type)), at: f.range)
            checkArgumentsLoosely(args)
            return .error(r)
        }
    }

    func describeCallee(_ f: TypedExpr) -> String {
        switch f.kind {
        case .local(let l): ctx.locals[l.index].name
        case .capture(let c): ctx.captures[c].name
        case .global(let g): globals[g.index].info.name
        default: "function"
        }
    }

    // MARK: Argument matching

    /// Matches arguments to parameters by position or name; reports count, name and
    /// style errors. `constructorOf` switches to the constructor rules of §10.3
    /// (`hasDefault` tells which fields may be omitted).
    func planArguments(_ args: [Argument], names: [String], isVariadic: Bool, callee: String, callRange: SourceRange,
                       constructorOf typeName: String? = nil, hasDefault: [Bool] = []) -> ArgumentPlan? {
        var plan = ArgumentPlan()
        var labeledCount = 0
        for a in args where a.label != nil { labeledCount += 1 }
        if labeledCount > 0 && labeledCount != args.count {
            let firstStyle = args[0].label != nil
            let offender = args.first { ($0.label != nil) != firstStyle } ?? args[0]
            report(.mixedArguments, at: offender.range)
            checkArgumentsLoosely(args)
            return nil
        }
        if labeledCount > 0 {
            if isVariadic {
                report(.namedArgumentsWithVariadic(callee), at: args[0].range)
                checkArgumentsLoosely(args)
                return nil
            }
            var given: Set<Int> = []
            var ok = true
            for a in args {
                let label = a.label!
                guard let i = names.firstIndex(of: label.text) else {
                    if let typeName {
                        report(.noField(type: typeName, name: label.text), at: label.range, name: label.text, candidates: names)
                    } else {
                        report(.noParameter(callee: callee, name: label.text), at: label.range, name: label.text, candidates: names)
                    }
                    ok = false
                    continue
                }
                if !given.insert(i).inserted {
                    report(.duplicateArgument(label.text), at: label.range)
                    ok = false
                    continue
                }
                plan.fixed.append(PlannedArgument(argument: a, parameter: i))
            }
            if ok {
                if let typeName {
                    for (i, n) in names.enumerated() where !given.contains(i) && !(hasDefault.indices.contains(i) && hasDefault[i]) {
                        report(.missingFieldArgument(field: n, type: typeName), at: callRange)
                        ok = false
                        break
                    }
                } else if given.count != names.count {
                    report(.wrongArgumentCount(callee: callee, expected: names.count, found: args.count), at: callRange)
                    ok = false
                }
            }
            if !ok {
                for a in args where !plan.fixed.contains(where: { $0.argument.range == a.range }) { _ = checkExpr(a.value) }
                for p in plan.fixed { _ = checkExpr(p.argument.value) }
                return nil
            }
            return plan
        }
        let fixedCount = isVariadic ? names.count - 1 : names.count
        for (i, a) in args.enumerated() where a.isSpread && (!isVariadic || i < fixedCount) {
            report(.spreadNotAllowed, at: a.range)
            checkArgumentsLoosely(args)
            return nil
        }
        if let typeName {
            if args.count > names.count {
                report(.wrongArgumentCount(callee: typeName, expected: names.count, found: args.count), at: callRange)
                checkArgumentsLoosely(args)
                return nil
            }
            for i in args.count..<names.count where !(hasDefault.indices.contains(i) && hasDefault[i]) {
                report(.missingFieldArgument(field: names[i], type: typeName), at: callRange)
                checkArgumentsLoosely(args)
                return nil
            }
        } else if isVariadic ? args.count < fixedCount : args.count != names.count {
            report(.wrongArgumentCount(callee: callee, expected: fixedCount, found: args.count), at: callRange)
            checkArgumentsLoosely(args)
            return nil
        }
        for (i, a) in args.enumerated() {
            if i < fixedCount { plan.fixed.append(PlannedArgument(argument: a, parameter: i)) } else { plan.extras.append(a) }
        }
        return plan
    }

    /// Checks the values of planned arguments against parameter types (written order).
    func checkPlannedArguments(_ plan: ArgumentPlan, types: [WType], isVariadic: Bool, callRange: SourceRange) -> [TypedArgument] {
        var out: [TypedArgument] = []
        for p in plan.fixed {
            let t = types[p.parameter]
            out.append(TypedArgument(value: checkValue(p.argument.value, as: t), parameterIndex: p.parameter))
        }
        if isVariadic, let last = types.last {
            out.append(TypedArgument(value: packVariadic(plan.extras, arrayType: last, callRange: callRange),
                                     parameterIndex: types.count - 1))
        }
        return out
    }

    /// Checks an argument (or other value) against a type; `void` values are rejected.
    func checkValue(_ e: Expr, as t: WType) -> TypedExpr {
        let v = checkExpr(e, expected: t)
        if v.type == .void {
            report(.typeMismatch(expected: typeName(t), found: "void"), at: v.range)
            return TypedExpr(.error, t, v.range)
        }
        return coerce(v, to: t)
    }

    /// Variadic extras packed into an explicit array (spreads included).
    func packVariadic(_ extras: [Argument], arrayType: WType, callRange: SourceRange) -> TypedExpr {
        guard case .array(let et) = arrayType else {
            checkArgumentsLoosely(extras)
            return TypedExpr(.array([]), arrayType, callRange)
        }
        var elements: [TypedArrayElement] = []
        for a in extras {
            if a.isSpread {
                elements.append(spreadElement(checkExpr(a.value, expected: arrayType), elementType: et))
            } else {
                elements.append(.element(checkValue(a.value, as: et)))
            }
        }
        let range = extras.isEmpty ? callRange.startPoint : extras[0].range.union(extras[extras.count - 1].range)
        return TypedExpr(.array(elements), arrayType, range)
    }

    func checkArguments(_ args: [Argument], signature: Signature, callee: String, callRange: SourceRange) -> [TypedArgument]? {
        // The common case: as many positional arguments as parameters.
        if !signature.isVariadic && args.count == signature.parameterTypes.count
            && !args.contains(where: { $0.label != nil || $0.isSpread }) {
            var out: [TypedArgument] = []
            out.reserveCapacity(args.count)
            for (i, a) in args.enumerated() {
                out.append(TypedArgument(value: checkValue(a.value, as: signature.parameterTypes[i]), parameterIndex: i))
            }
            return out
        }
        guard let plan = planArguments(args, names: signature.parameterNames, isVariadic: signature.isVariadic, callee: callee,
                                       callRange: callRange) else { return nil }
        return checkPlannedArguments(plan, types: signature.parameterTypes, isVariadic: signature.isVariadic, callRange: callRange)
    }

    // MARK: Generic calls (§20.1)

    /// The signature of a generic function template with its own type parameters opaque.
    func templateSignature(_ t: TemplateID) -> Signature? {
        if let s = templateSignatures[t] { return s }
        guard case .function(let f) = templates[t.index].kind else { return nil }
        let s = resolveSignature(f, env: templateEnv(t), module: templates[t.index].module)
        templateSignatures[t] = s
        return s
    }

    /// Infers the type arguments of a call from its arguments (and the expected type), checks
    /// each argument once, and returns the checked arguments with the bindings.
    func inferCall(_ t: TemplateID, names: [String], types: [WType], isVariadic: Bool, result: WType, callee: String,
                   explicit: [WType]?, args: [Argument], expected: WType?, r: SourceRange, constructorOf: String? = nil,
                   hasDefault: [Bool] = []) -> (bindings: [TypeParameterID: WType], checked: [(TypedExpr, Int, Bool)], plan: ArgumentPlan)? {
        let params = templates[t.index].typeParameters
        let paramSet = Set(params)
        var bindings: [TypeParameterID: WType] = [:]
        if let explicit {
            guard explicit.count == params.count else {
                report(.wrongTypeArgumentCount(name: callee, expected: params.count, found: explicit.count), at: r)
                checkArgumentsLoosely(args)
                return nil
            }
            for (p, a) in zip(params, explicit) { bindings[p] = a }
        }
        guard let plan = planArguments(args, names: names, isVariadic: isVariadic, callee: callee, callRange: r,
                                       constructorOf: constructorOf, hasDefault: hasDefault) else { return nil }
        var checked: [(TypedExpr, Int, Bool)] = []
        func check(_ e: Expr, _ pt: WType, _ index: Int, spread: Bool) {
            let st = substitute(pt, bindings, at: r)
            let expectedType = spread ? WType.array(st) : st
            if !mentionsTypeParameters(st, paramSet) {
                checked.append((checkExpr(e, expected: expectedType), index, spread))
            } else {
                let v = checkExpr(e, expected: nil)
                unify(expectedType, v.type, &bindings, params: paramSet)
                if let l = isIntLiteral(v), case .typeParameter = st { _ = l }
                checked.append((v, index, spread))
            }
        }
        for p in plan.fixed { check(p.argument.value, types[p.parameter], p.parameter, spread: false) }
        if isVariadic, case .array(let et)? = types.last {
            for a in plan.extras { check(a.value, et, types.count - 1, spread: a.isSpread) }
        }
        if let expected, bindings.count < params.count {
            var target = expected
            if case .optional(let inner) = expected, !(result.isOptional) { target = inner }
            unify(result, target, &bindings, params: paramSet)
        }
        for p in params where bindings[p] == nil {
            report(.cannotInferTypeParameter(typeParameters[p.index].name), at: r)
            return nil
        }
        return (bindings, checked, plan)
    }

    /// Converts arguments checked during inference to the instance's parameter types.
    func finishInferredArguments(_ checked: [(TypedExpr, Int, Bool)], types: [WType], isVariadic: Bool, r: SourceRange) -> [TypedArgument] {
        var out: [TypedArgument] = []
        var extras: [TypedArrayElement] = []
        var extrasRange: SourceRange?
        for (v, index, spread) in checked {
            if isVariadic && index == types.count - 1 {
                guard case .array(let et) = types[index] else { continue }
                extras.append(spread ? spreadElement(v, elementType: et) : .element(coerce(v, to: et)))
                extrasRange = extrasRange.map { $0.union(v.range) } ?? v.range
            } else {
                if v.type == .void { report(.typeMismatch(expected: typeName(types[index]), found: "void"), at: v.range) }
                out.append(TypedArgument(value: coerce(v, to: types[index]), parameterIndex: index))
            }
        }
        if isVariadic, let last = types.last {
            out.append(TypedArgument(value: TypedExpr(.array(extras), last, extrasRange ?? r.startPoint), parameterIndex: types.count - 1))
        }
        return out
    }

    func checkGenericFunctionCall(_ t: TemplateID, _ name: String, _ typeArgs: [TypeExpr], _ args: [Argument], receiver: TypedExpr?,
                                  expected: WType?, _ r: SourceRange, allowCoroutine: Bool) -> TypedExpr {
        guard let sig = templateSignature(t) ?? templateMemberSignature(t) else { return .error(r) }
        let explicit = typeArgs.isEmpty ? nil : typeArgs.map { resolveType($0, env: ctx.env.typeEnv, module: ctx.env.module) }
        if explicit?.contains(.error) == true { checkArgumentsLoosely(args); return .error(r) }
        guard let (bindings, checked, _) = inferCall(t, names: sig.parameterNames, types: sig.parameterTypes, isVariadic: sig.isVariadic,
                                                   result: sig.result, callee: name, explicit: explicit, args: args,
                                                   expected: expected, r: r) else { return .error(r) }
        let targs = templates[t.index].typeParameters.map { bindings[$0]! }
        guard let (fid, realSig) = instantiateFunction(t, targs, at: r) else { return .error(r) }
        if fn(fid).typed.isCoroutine && !allowCoroutine { report(.coroutineCalledPlainly(name), at: r) }
        let arguments = finishInferredArguments(checked, types: realSig.parameterTypes, isVariadic: realSig.isVariadic, r: r)
        let target: CallTarget = receiver == nil ? .function(fid) : .directMethod(fid)
        return TypedExpr(.call(TypedCall(target: target, receiver: receiver, arguments: arguments)), realSig.result, r)
    }

    /// The lookup signature of a generic method template.
    func templateMemberSignature(_ t: TemplateID) -> Signature? { templateSignature(t) }

    // MARK: Constructors (§10.3)

    func constructorCall(_ ref: TypeContextRef, _ args: [Argument], _ r: SourceRange) -> TypedExpr {
        guard let state = nominal(ref) else { return .error(r) }
        if state.isIncomplete {
            // Its inherited fields are unknown: no argument errors.
            checkArgumentsLoosely(args)
            return TypedExpr(.error, selfType(of: ref), r)
        }
        let names = state.fields.map(\.name)
        let hasDefault = state.fields.map { $0.defaultValue != nil || $0.type.isOptional }
        guard let plan = planArguments(args, names: names, isVariadic: false, callee: state.displayName, callRange: r,
                                       constructorOf: state.displayName, hasDefault: hasDefault) else {
            return TypedExpr(.error, selfType(of: ref), r)
        }
        let arguments = checkPlannedArguments(plan, types: state.fields.map(\.type), isVariadic: false, callRange: r)
        return finishConstructor(ref, arguments, r)
    }

    func finishConstructor(_ ref: TypeContextRef, _ arguments: [TypedArgument], _ r: SourceRange) -> TypedExpr {
        guard let state = nominal(ref) else { return .error(r) }
        let given = Set(arguments.map(\.parameterIndex))
        var defaults: [TypedFieldDefault] = []
        for (i, f) in state.fields.enumerated() where !given.contains(i) {
            defaults.append(TypedFieldDefault(fieldIndex: i, value: fieldDefaultValue(f, owner: f.owner, at: r)))
        }
        let target: CallTarget = switch ref {
        case .classRef(let c): .constructClass(c)
        case .structRef(let s): .constructStruct(s)
        default: .builtin(.print)
        }
        return TypedExpr(.call(TypedCall(target: target, arguments: arguments, fieldDefaults: defaults)), selfType(of: ref), r)
    }

    func genericConstructorCall(_ t: TemplateID, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?, _ r: SourceRange) -> TypedExpr {
        let tpl = templates[t.index]
        if !typeArgs.isEmpty {
            let resolved = typeArgs.map { resolveType($0, env: ctx.env.typeEnv, module: ctx.env.module) }
            let type = instantiateNominal(t, resolved, at: r)
            switch type {
            case .classType(let c): return constructorCall(.classRef(c), args, r)
            case .structType(let s): return constructorCall(.structRef(s), args, r)
            default:
                checkArgumentsLoosely(args)
                return .error(r)
            }
        }
        // Infer from the fields of the template's generic form.
        let canonical = instantiateNominal(t, tpl.typeParameters.map { .typeParameter($0) }, at: tpl.range)
        let ref: TypeContextRef
        switch canonical {
        case .classType(let c): ref = .classRef(c)
        case .structType(let s): ref = .structRef(s)
        default:
            checkArgumentsLoosely(args)
            return .error(r)
        }
        guard let state = nominal(ref) else { return .error(r) }
        let names = state.fields.map(\.name)
        let hasDefault = state.fields.map { $0.defaultValue != nil || $0.type.isOptional }
        guard let (bindings, checked, _) = inferCall(t, names: names, types: state.fields.map(\.type), isVariadic: false,
                                                   result: canonical, callee: tpl.name, explicit: nil, args: args, expected: expected,
                                                   r: r, constructorOf: tpl.name, hasDefault: hasDefault) else { return .error(r) }
        let targs = tpl.typeParameters.map { bindings[$0]! }
        let type = instantiateNominal(t, targs, at: r)
        let realRef: TypeContextRef
        switch type {
        case .classType(let c): realRef = .classRef(c)
        case .structType(let s): realRef = .structRef(s)
        default: return .error(r)
        }
        guard let real = nominal(realRef) else { return .error(r) }
        let arguments = finishInferredArguments(checked, types: real.fields.map(\.type), isVariadic: false, r: r)
        return finishConstructor(realRef, arguments, r)
    }

    // MARK: Field defaults

    /// A field's default expression checked at a constructor call site (its diagnostics were
    /// reported once, at the declaration).
    func fieldDefaultValue(_ f: FieldState, owner: TypeContextRef, at r: SourceRange) -> TypedExpr {
        guard let d = f.defaultValue else { return TypedExpr(.null, f.type, r) }
        silence += 1
        defer { silence -= 1 }
        return checkFieldDefaultExpr(d, type: f.type, owner: owner)
    }

    /// Checks a default in the scope of its declaring type (module names and type
    /// parameters; no `self`, no fields, no locals of the caller).
    func checkFieldDefaultExpr(_ d: Expr, type: WType, owner: TypeContextRef) -> TypedExpr {
        let env: BodyEnvironment
        switch owner {
        case .classRef, .structRef:
            let st = nominal(owner)!
            env = BodyEnvironment(module: st.module, typeEnv: st.typeEnv, typeContext: owner, isTemplateCheck: st.isScratch,
                                  instantiationDepth: st.instantiationDepth)
        case .enumRef(let e):
            env = BodyEnvironment(module: enums[e.index].module, typeEnv: [:], typeContext: owner, isTemplateCheck: false,
                                  instantiationDepth: 0)
        case .traitRef(let t):
            env = BodyEnvironment(module: traits[t.index].module, typeEnv: [:], typeContext: owner, isTemplateCheck: false,
                                  instantiationDepth: 0)
        }
        let savedEnv = ctx.env
        let savedNames = scopeNames
        let savedNarrowed = narrowed
        ctx.env = env
        scopeNames = [:]
        narrowed = [:]
        fieldDefaultDepth += 1
        let v = checkValue(d, as: type)
        fieldDefaultDepth -= 1
        ctx.env = savedEnv
        scopeNames = savedNames
        narrowed = savedNarrowed
        return v
    }

    /// Phase 5: each field default checked once, with diagnostics.
    func checkFieldDefaults(_ ref: TypeContextRef) {
        guard let state = nominal(ref), state.fields.contains(where: { $0.owner == ref && $0.defaultValue != nil }) else { return }
        let fid = newFunction(name: "<default>", displayName: "<default>", kind: .free,
                              signature: Signature(parameterNames: [], parameterTypes: [], result: .void, isVariadic: false),
                              module: state.module, range: state.decl.range, declaringType: nil, parent: nil, scratch: true, pending: nil)
        let env = BodyEnvironment(module: state.module, typeEnv: state.typeEnv, typeContext: ref, isTemplateCheck: true,
                                  instantiationDepth: state.instantiationDepth)
        let c = FunctionContext(functionID: fid, kind: .free, env: env, resultType: .void, isCoroutine: false, isLambda: false)
        let savedContexts = contexts
        let savedNames = scopeNames
        let savedStack = scopeStack
        contexts = []
        scopeNames = [:]
        scopeStack = []
        pushContext(c)
        for f in state.fields where f.owner == ref {
            if let d = f.defaultValue { _ = checkFieldDefaultExpr(d, type: f.type, owner: ref) }
        }
        popContext(parameters: [], body: [])
        contexts = savedContexts
        scopeNames = savedNames
        scopeStack = savedStack
    }

    // MARK: super (§10.7)

    func checkSuperCall(_ n: Name, _ args: [Argument], _ r: SourceRange, allowCoroutine: Bool) -> TypedExpr {
        guard let selfIndex = selfBindingIndex(), case .classRef(let c)? = currentTypeContext,
              fieldDefaultDepth == 0 else {
            report(.superOutsideMethod, at: r)
            checkArgumentsLoosely(args)
            return .error(r)
        }
        guard let parent = cls(c).superclass else {
            report(.superWithoutParent, at: r)
            checkArgumentsLoosely(args)
            return .error(r)
        }
        let p = cls(parent)
        guard let slot = p.slotIndex[n.text] else {
            report(.noMember(type: p.displayName, member: n.text), at: n.range, name: n.text, candidates: Array(p.slotIndex.keys))
            checkArgumentsLoosely(args)
            return .error(r)
        }
        let s = p.vtable[slot]
        if s.isCoroutine && !allowCoroutine { report(.coroutineCalledPlainly(n.text), at: r) }
        guard let checked = checkArguments(args, signature: s.signature, callee: n.text, callRange: r) else {
            return TypedExpr(.error, s.signature.result, r)
        }
        var receiver = readBinding(selfIndex, range: r)
        receiver = TypedExpr(.upcast(receiver, parent), .classType(parent), r)
        if case .traitRef(let t) = s.owner {
            // An inherited trait default takes `self` as a trait value.
            receiver = TypedExpr(.toTrait(receiver, t), .traitType(t), r)
        }
        return TypedExpr(.call(TypedCall(target: .superMethod(s.function), receiver: receiver, arguments: checked)), s.signature.result, r)
    }
}
