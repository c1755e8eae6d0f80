import WritSyntax

extension Checker {
    /// A top-level name of `module` (own declarations and imports).
    func lookupModuleEntity(_ name: String, module: ModuleID) -> ScopeEntry? {
        modules[module.index].scope[name]
    }

    /// The names of types visible in a module (for suggestions).
    func typeNamesVisible(_ module: ModuleID, env: [String: WType]) -> [String] {
        var names = Array(builtinTypeNames) + ["Array", "Dictionary", "Optional", "Result"] + Array(env.keys)
        for (name, e) in modules[module.index].scope {
            switch e.entity {
            case .classType, .genericClass, .structType, .genericStruct, .enumType, .traitType: names.append(name)
            default: break
            }
        }
        names += host.types.map(\.name)
        return names
    }

    /// Resolves a type as written (§4.1). Unknown names report `unknown type 'X'`.
    /// `void` is accepted only where `allowVoid` (a result type).
    func resolveType(_ te: TypeExpr, env: [String: WType], module: ModuleID, allowVoid: Bool = false,
                     depthOffset: Int? = nil) -> WType {
        let saved = instantiationDepth
        if let depthOffset { instantiationDepth = depthOffset }
        defer { instantiationDepth = saved }
        let t = resolveTypeInner(te, env: env, module: module)
        if t == .void && !allowVoid {
            report(.voidNotAllowed, at: te.range)
            return .error
        }
        return t
    }

    private func resolveArgs(_ args: [TypeExpr], env: [String: WType], module: ModuleID) -> [WType] {
        args.map { resolveType($0, env: env, module: module) }
    }

    private func resolveTypeInner(_ te: TypeExpr, env: [String: WType], module: ModuleID) -> WType {
        switch te.kind {
        case .tuple(let es):
            let ts = es.map { resolveType($0, env: env, module: module) }
            return ts.contains(.error) ? .error : .tuple(ts)
        case .function(let ps, let r):
            let pts = ps.map { resolveType($0, env: env, module: module) }
            let rt = resolveType(r, env: env, module: module, allowVoid: true)
            return .function(pts, rt)
        case .qualified(let ns, let name, let args):
            if case .unresolved? = lookupModuleEntity(ns.text, module: module)?.entity { return .error }
            guard let e = lookupModuleEntity(ns.text, module: module), case .namespace(let target) = e.entity else {
                report(.unknownType(ns.text), at: ns.range)
                return .error
            }
            guard let x = modules[target.index].scope[name.text], x.isExported, !x.isImported else {
                let exported = modules[target.index].scope.filter { $0.value.isExported && !$0.value.isImported }.map(\.key)
                report(.unknownType("\(ns.text)::\(name.text)"), at: name.range, name: name.text, candidates: exported)
                return .error
            }
            return typeFromEntity(x.entity, name: name, args: args, range: te.range, env: env, module: module)
        case .named(let name, let args):
            let n = name.text
            switch n {
            case "int", "float", "bool", "string", "void":
                if !args.isEmpty { report(.notGeneric(n), at: te.range); return .error }
                switch n {
                case "int": return .int
                case "float": return .float
                case "bool": return .bool
                case "string": return .string
                default: return .void
                }
            case "Array", "Optional", "Result":
                if env[n] == nil && lookupModuleEntity(n, module: module) == nil {
                    guard args.count == 1 else {
                        if args.isEmpty { report(.genericTypeNeedsArguments(n), at: te.range) } else {
                            report(.wrongTypeArgumentCount(name: n, expected: 1, found: args.count), at: te.range)
                        }
                        return .error
                    }
                    let a = resolveType(args[0], env: env, module: module)
                    if a.isError { return .error }
                    switch n {
                    case "Array": return .array(a)
                    case "Optional": return .optional(of: a)
                    default: return .result(a)
                    }
                }
            case "Dictionary":
                if env[n] == nil && lookupModuleEntity(n, module: module) == nil {
                    guard args.count == 2 else {
                        if args.isEmpty { report(.genericTypeNeedsArguments(n), at: te.range) } else {
                            report(.wrongTypeArgumentCount(name: n, expected: 2, found: args.count), at: te.range)
                        }
                        return .error
                    }
                    let k = resolveType(args[0], env: env, module: module)
                    let v = resolveType(args[1], env: env, module: module)
                    if k.isError || v.isError { return .error }
                    if !isValidKeyType(k) {
                        report(.invalidDictionaryKey(typeName(k)), at: args[0].range)
                        return .error
                    }
                    return .dictionary(k, v)
                }
            default: break
            }
            if let t = env[n] {
                if !args.isEmpty { report(.notGeneric(n), at: te.range); return .error }
                return t
            }
            if let e = lookupModuleEntity(n, module: module) {
                return typeFromEntity(e.entity, name: name, args: args, range: te.range, env: env, module: module)
            }
            if let h = host.types.firstIndex(where: { $0.name == n }) {
                return .hostType(HostTypeID(h))
            }
            report(.unknownType(n), at: name.range, name: n, candidates: typeNamesVisible(module, env: env))
            return .error
        }
    }

    /// Key types allowed in a dictionary (§18.2). Type parameters are checked per instance.
    func isValidKeyType(_ k: WType) -> Bool {
        switch k {
        case .int, .string, .bool, .enumType, .error, .typeParameter: true
        default: false
        }
    }

    private func typeFromEntity(_ entity: Entity, name: Name, args: [TypeExpr], range: SourceRange, env: [String: WType],
                                module: ModuleID) -> WType {
        switch entity {
        case .classType(let id):
            if !args.isEmpty { report(.notGeneric(name.text), at: range); return .error }
            return .classType(id)
        case .structType(let id):
            if !args.isEmpty { report(.notGeneric(name.text), at: range); return .error }
            return .structType(id)
        case .enumType(let id):
            if !args.isEmpty { report(.notGeneric(name.text), at: range); return .error }
            return .enumType(id)
        case .traitType(let id):
            if !args.isEmpty { report(.notGeneric(name.text), at: range); return .error }
            return .traitType(id)
        case .genericClass(let t), .genericStruct(let t):
            if args.isEmpty {
                report(.genericTypeNeedsArguments(name.text), at: range)
                return .error
            }
            let resolved = resolveArgs(args, env: env, module: module)
            return instantiateNominal(t, resolved, at: range)
        case .unresolved:
            return .error
        case .function, .genericFunction, .global, .namespace:
            report(.unknownType(name.text), at: name.range, name: name.text, candidates: typeNamesVisible(module, env: env))
            return .error
        }
    }
}
