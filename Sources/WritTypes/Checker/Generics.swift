import WritSyntax

/// Generics (§20): templates, constraints, instantiation and type-argument inference.
///
/// A generic declaration is a *template*. It is checked once generically, with each type
/// parameter an opaque `.typeParameter` type that allows only storing, passing, `==` and
/// printing, plus the methods of its constraint traits. Generic types applied to arguments
/// that still mention type parameters (`Stack<T>` inside `Stack`'s own methods) become
/// *scratch* instances, used only for that generic check. Every instantiation with
/// concrete arguments gets its own real function, class or struct, whose bodies are
/// checked again with the concrete types (monomorphisation).
extension Checker {
    func newTemplate(_ kind: TemplateState.Kind, name: String, module: ModuleID, params: [Name], whereClauses: [WhereClause],
                     outerEnv: [String: WType], outerContext: TypeContextRef?, isStatic: Bool, key: DeclKey,
                     range: SourceRange) -> TemplateID {
        var ids: [TypeParameterID] = []
        var seen: Set<String> = []
        for p in params {
            if !seen.insert(p.text).inserted { report(.duplicateDeclaration(p.text), at: p.range) }
            typeParameters.append(TypeParameterState(name: p.text))
            ids.append(TypeParameterID(typeParameters.count - 1))
        }
        templates.append(TemplateState(kind: kind, name: name, module: module, typeParameters: ids,
                                       parameterNames: params.map(\.text), outerEnv: outerEnv, outerContext: outerContext,
                                       isStaticMethod: isStatic, declKey: key, range: range))
        return TemplateID(templates.count - 1)
    }

    /// The template's own type parameters, opaque.
    func templateEnv(_ t: TemplateID) -> [String: WType] {
        var env = templates[t.index].outerEnv
        for (n, id) in zip(templates[t.index].parameterNames, templates[t.index].typeParameters) { env[n] = .typeParameter(id) }
        return env
    }

    func whereClauses(of t: TemplateID) -> [WhereClause] {
        switch templates[t.index].kind {
        case .function(let f): f.whereClauses
        case .classType(let d), .structType(let d): d.whereClauses
        }
    }

    func ensureConstraints(_ t: TemplateID) {
        guard !templates[t.index].constraintsResolved else { return }
        templates[t.index].constraintsResolved = true
        let tpl = templates[t.index]
        for clause in whereClauses(of: t) {
            guard let i = tpl.parameterNames.firstIndex(of: clause.typeParam.text) else {
                report(.unknownType(clause.typeParam.text), at: clause.typeParam.range, name: clause.typeParam.text,
                       candidates: tpl.parameterNames)
                continue
            }
            if let trait = resolveTrait(clause.constraint, env: [:], module: tpl.module) {
                let p = tpl.typeParameters[i]
                if !typeParameters[p.index].constraints.contains(trait) {
                    typeParameters[p.index].constraints.append(trait)
                }
            }
        }
    }

    /// Does `type` implement `trait` (for a `where` constraint)?
    func satisfies(_ type: WType, _ trait: TraitID) -> Bool {
        switch type {
        case .error: return true
        case .classType(let c):
            ensureHeader(.classRef(c))
            return cls(c).allTraits.contains(trait)
        case .traitType(let t): return t == trait
        case .typeParameter(let p): return typeParameters[p.index].constraints.contains(trait)
        default: return false
        }
    }

    func checkConstraints(_ t: TemplateID, _ args: [WType], at range: SourceRange) -> Bool {
        ensureConstraints(t)
        var ok = true
        for (p, a) in zip(templates[t.index].typeParameters, args) {
            for trait in typeParameters[p.index].constraints where !satisfies(a, trait) {
                report(.constraintNotSatisfied(type: typeName(a), param: typeParameters[p.index].name, trait: traits[trait.index].name),
                       at: range)
                ok = false
            }
        }
        return ok
    }

    /// `Stack<int>`: the class or struct instance for these arguments (created on first use).
    func instantiateNominal(_ t: TemplateID, _ args: [WType], at range: SourceRange) -> WType {
        let tpl = templates[t.index]
        guard args.count == tpl.typeParameters.count else {
            report(.wrongTypeArgumentCount(name: tpl.name, expected: tpl.typeParameters.count, found: args.count), at: range)
            return .error
        }
        if args.contains(where: \.containsError) { return .error }
        for a in args {
            if case .dictionary(let k, _) = a, !isValidKeyType(k) {
                report(.invalidDictionaryKey(typeName(k)), at: range)
                return .error
            }
        }
        if !checkConstraints(t, args, at: range) { return .error }
        let isClass: Bool = if case .classType = tpl.kind { true } else { false }
        if let existing = templates[t.index].instances[args] {
            return isClass ? .classType(ClassID(existing)) : .structType(StructID(existing))
        }
        let depth = instantiationDepth + 1
        if depth > CheckerLimits.maxInstantiationDepth {
            report(.instantiationTooDeep(tpl.name, CheckerLimits.maxInstantiationDepth), at: range)
            return .error
        }
        let concrete = args.allSatisfy(\.isConcrete)
        let decl: TypeDecl
        switch tpl.kind {
        case .classType(let d), .structType(let d): decl = d
        case .function: return .error
        }
        var env = tpl.outerEnv
        for (n, a) in zip(tpl.parameterNames, args) { env[n] = a }
        let state = TypeState(kind: decl.kind, name: tpl.name, displayName: tpl.name + "<" + args.map(typeName).joined(separator: ", ") + ">",
                              decl: decl, module: tpl.module, template: t, typeArguments: args, typeEnv: env, isScratch: !concrete,
                              instantiationDepth: depth, declKey: tpl.declKey)
        let ref: TypeContextRef
        let index: Int
        if isClass {
            if concrete { classes.append(state); index = classes.count - 1 } else {
                scratchClasses.append(state); index = Self.scratchBase + scratchClasses.count - 1
            }
            ref = .classRef(ClassID(index))
        } else {
            if concrete { structs.append(state); index = structs.count - 1 } else {
                scratchStructs.append(state); index = Self.scratchBase + scratchStructs.count - 1
            }
            ref = .structRef(StructID(index))
        }
        templates[t.index].instances[args] = index
        let firstFunction = concrete ? functions.count : scratchFunctions.count
        let saved = instantiationDepth
        instantiationDepth = depth
        ensureHeader(ref)
        ensureMembers(ref)
        instantiationDepth = saved
        if concrete {
            for i in firstFunction..<functions.count where functions[i].template == nil && functions[i].pending != nil {
                functions[i].template = t
            }
        }
        if declarationsComplete {
            switch ref {
            case .classRef(let id): ensureLayout(id)
            case .structRef(let id): if concrete { checkStructRecursion(id) }
            default: break
            }
        }
        return isClass ? .classType(ClassID(index)) : .structType(StructID(index))
    }

    /// A generic method of a generic type applied to type parameters (other than the
    /// type's own) is never checked: the canonical instance's template covers it.
    func isCheckableTemplate(_ t: TemplateID) -> Bool {
        switch templates[t.index].outerContext {
        case .classRef(let c)? where isScratch(c): isCanonicalScratch(cls(c))
        case .structRef(let s)? where isScratch(s): isCanonicalScratch(strct(s))
        default: true
        }
    }

    /// The generic check of a template (once), before any of its instances' bodies.
    func ensureTemplateChecked(_ t: TemplateID) {
        guard templates[t.index].checkState == .notStarted else { return }
        templates[t.index].checkState = .inProgress
        let before = diagnostics.count
        let tpl = templates[t.index]
        let ownArgs = tpl.typeParameters.map { WType.typeParameter($0) }
        let saved = instantiationDepth
        instantiationDepth = 0
        switch tpl.kind {
        case .function(let f):
            let env = BodyEnvironment(module: tpl.module, typeEnv: templateEnv(t), typeContext: tpl.outerContext,
                                      isTemplateCheck: true, instantiationDepth: 0)
            let sig = resolveSignature(f, env: env.typeEnv, module: tpl.module)
            let id = newFunction(name: f.name.text, displayName: f.name.text, kind: functionKind(of: tpl), signature: sig,
                                 module: tpl.module, range: f.range, declaringType: tpl.outerContext.map(declaringType),
                                 parent: nil, scratch: true, pending: .function(f, env), isCoroutine: containsYield(f.body))
            checkPendingBody(id)
        case .classType, .structType:
            let type = instantiateNominal(t, ownArgs, at: tpl.range)
            var ids: [FunctionID] = []
            var ref: TypeContextRef?
            switch type {
            case .classType(let c): ref = .classRef(c)
            case .structType(let s): ref = .structRef(s)
            default: break
            }
            if let ref, let state = nominal(ref) {
                for m in state.methods.values { if let f = m.function { ids.append(f) } }
                for m in state.staticMethods.values { if let f = m.function { ids.append(f) } }
                for f in state.fields where f.owner == ref {
                    if let s = f.setter { ids.append(s) }
                }
                checkFieldDefaults(ref)
            }
            for id in ids.sorted() { checkPendingBody(id) }
        }
        instantiationDepth = saved
        templates[t.index].hadErrors = diagnostics.count > before
        templates[t.index].checkState = .done
    }

    func functionKind(of tpl: TemplateState) -> FunctionKind {
        guard tpl.outerContext != nil else { return .free }
        return tpl.isStaticMethod ? .staticMethod : .method
    }

    /// A generic function (or generic method) instantiated with `args`: its function ID and
    /// signature. With arguments that mention type parameters (inside a generic check) the
    /// function is a body-less scratch entry.
    func instantiateFunction(_ t: TemplateID, _ args: [WType], at range: SourceRange) -> (FunctionID, Signature)? {
        let tpl = templates[t.index]
        guard case .function(let f) = tpl.kind else { return nil }
        guard args.count == tpl.typeParameters.count else {
            report(.wrongTypeArgumentCount(name: tpl.name, expected: tpl.typeParameters.count, found: args.count), at: range)
            return nil
        }
        if args.contains(where: \.containsError) { return nil }
        if !checkConstraints(t, args, at: range) { return nil }
        if let existing = templates[t.index].instances[args] {
            let id = FunctionID(existing)
            return (id, fn(id).signature)
        }
        var env = tpl.outerEnv
        for (n, a) in zip(tpl.parameterNames, args) { env[n] = a }
        let concrete = args.allSatisfy(\.isConcrete) && env.values.allSatisfy(\.isConcrete)
        let depth = instantiationDepth + 1
        if depth > CheckerLimits.maxInstantiationDepth {
            report(.instantiationTooDeep(tpl.name, CheckerLimits.maxInstantiationDepth), at: range)
            return nil
        }
        let saved = instantiationDepth
        instantiationDepth = depth
        let sig = resolveSignature(f, env: env, module: tpl.module)
        instantiationDepth = saved
        let display = tpl.ownerName.map { "\($0).\(tpl.name)" } ?? tpl.name
        if !concrete {
            let id = newFunction(name: tpl.name, displayName: display, kind: functionKind(of: tpl), signature: sig, module: tpl.module,
                                 range: f.range, declaringType: tpl.outerContext.map(declaringType), parent: nil, scratch: true,
                                 pending: nil, isCoroutine: containsYield(f.body))
            return (id, sig)
        }
        let benv = BodyEnvironment(module: tpl.module, typeEnv: env, typeContext: tpl.outerContext, isTemplateCheck: false,
                                   instantiationDepth: depth)
        let id = newFunction(name: tpl.name, displayName: display, kind: functionKind(of: tpl), signature: sig, module: tpl.module,
                             range: f.range, declaringType: tpl.outerContext.map(declaringType), parent: nil, scratch: false,
                             pending: .function(f, benv), isCoroutine: containsYield(f.body), typeArguments: args, template: t)
        templates[t.index].instances[args] = id.index
        return (id, sig)
    }

    // MARK: Inference (§20.1)

    /// Binds type parameters in `pattern` by matching it against `actual`.
    func unify(_ pattern: WType, _ actual: WType, _ bindings: inout [TypeParameterID: WType], params: Set<TypeParameterID>) {
        switch (pattern, actual) {
        case (.typeParameter(let p), _) where params.contains(p):
            switch actual {
            case .null, .emptyArray, .emptyDictionary, .error: return
            default: break
            }
            if bindings[p] == nil { bindings[p] = actual }
        case (.array(let a), .array(let b)), (.result(let a), .result(let b)):
            unify(a, b, &bindings, params: params)
        case (.optional(let a), .optional(let b)):
            unify(a, b, &bindings, params: params)
        case (.optional(let a), _):
            unify(a, actual, &bindings, params: params)
        case (.dictionary(let k1, let v1), .dictionary(let k2, let v2)):
            unify(k1, k2, &bindings, params: params)
            unify(v1, v2, &bindings, params: params)
        case (.tuple(let a), .tuple(let b)) where a.count == b.count:
            for (x, y) in zip(a, b) { unify(x, y, &bindings, params: params) }
        case (.function(let pa, let ra), .function(let pb, let rb)) where pa.count == pb.count:
            for (x, y) in zip(pa, pb) { unify(x, y, &bindings, params: params) }
            unify(ra, rb, &bindings, params: params)
        case (.classType(let a), .classType(let b)):
            let sa = cls(a)
            var current: ClassID? = b
            while let c = current {
                let sb = cls(c)
                if let ta = sa.template, ta == sb.template {
                    for (x, y) in zip(sa.typeArguments, sb.typeArguments) { unify(x, y, &bindings, params: params) }
                    return
                }
                current = sb.superclass
            }
        case (.structType(let a), .structType(let b)):
            let sa = strct(a)
            let sb = strct(b)
            if let ta = sa.template, ta == sb.template {
                for (x, y) in zip(sa.typeArguments, sb.typeArguments) { unify(x, y, &bindings, params: params) }
            }
        default:
            break
        }
    }

    /// Replaces type parameters by their bindings (re-instantiating generic types).
    func substitute(_ t: WType, _ bindings: [TypeParameterID: WType], at range: SourceRange) -> WType {
        if bindings.isEmpty { return t }
        switch t {
        case .typeParameter(let p): return bindings[p] ?? t
        case .array(let e): return .array(substitute(e, bindings, at: range))
        case .optional(let e): return .optional(of: substitute(e, bindings, at: range))
        case .result(let e): return .result(substitute(e, bindings, at: range))
        case .dictionary(let k, let v): return .dictionary(substitute(k, bindings, at: range), substitute(v, bindings, at: range))
        case .tuple(let es): return .tuple(es.map { substitute($0, bindings, at: range) })
        case .function(let ps, let r): return .function(ps.map { substitute($0, bindings, at: range) }, substitute(r, bindings, at: range))
        case .classType(let c) where isScratch(c):
            let s = cls(c)
            guard let tpl = s.template else { return t }
            let args = s.typeArguments.map { substitute($0, bindings, at: range) }
            return args == s.typeArguments ? t : instantiateNominal(tpl, args, at: range)
        case .structType(let st) where isScratch(st):
            let s = strct(st)
            guard let tpl = s.template else { return t }
            let args = s.typeArguments.map { substitute($0, bindings, at: range) }
            return args == s.typeArguments ? t : instantiateNominal(tpl, args, at: range)
        default: return t
        }
    }

    func mentionsTypeParameters(_ t: WType, _ params: Set<TypeParameterID>) -> Bool {
        switch t {
        case .typeParameter(let p): return params.contains(p)
        case .array(let e), .optional(let e), .result(let e): return mentionsTypeParameters(e, params)
        case .dictionary(let k, let v): return mentionsTypeParameters(k, params) || mentionsTypeParameters(v, params)
        case .tuple(let es): return es.contains { mentionsTypeParameters($0, params) }
        case .function(let ps, let r): return ps.contains { mentionsTypeParameters($0, params) } || mentionsTypeParameters(r, params)
        case .classType(let c) where isScratch(c): return cls(c).typeArguments.contains { mentionsTypeParameters($0, params) }
        case .structType(let s) where isScratch(s): return strct(s).typeArguments.contains { mentionsTypeParameters($0, params) }
        default: return false
        }
    }
}
