import WritSyntax

/// A standard-library member of a built-in type (§18, §19, §15.2).
struct BuiltinMember {
    var builtin: Builtin
    var parameters: [(String, WType)]
    var result: WType
    var isProperty: Bool
}

/// What `value.name` names.
enum MemberLookup {
    case method(target: CallTarget, signature: Signature, isCoroutine: Bool, receiver: TypedExpr, isPublic: Bool,
                owner: TypeContextRef?, ownerName: String)
    case genericMethod(TemplateID, receiver: TypedExpr, isPublic: Bool, owner: TypeContextRef, ownerName: String)
    case field(TypedExpr, isPublic: Bool, owner: TypeContextRef, ownerName: String)
    case builtin(BuiltinMember, receiver: TypedExpr)
    case staticMethod(String)
    case missing
    case error
}

/// Member access and method calls (§6.10, §10, §11, §12, §13, §18, §19).
extension Checker {
    // MARK: Privacy (§10.2)

    func canAccessPrivate(of owner: TypeContextRef) -> Bool {
        guard let tc = currentTypeContext else { return false }
        switch (owner, tc) {
        case (.classRef(let d), .classRef(let c)):
            let key = cls(d).declKey
            if cls(c).declKey == key { return true }
            return ancestors(of: c).contains { cls($0).declKey == key }
        case (.structRef(let a), .structRef(let b)): return strct(a).declKey == strct(b).declKey
        case (.enumRef(let a), .enumRef(let b)): return a == b
        default: return false
        }
    }

    func checkAccess(isPublic: Bool, owner: TypeContextRef?, ownerName: String, member: String, at r: SourceRange) {
        guard !isPublic, let owner, !canAccessPrivate(of: owner) else { return }
        report(.privateMember(member: member, owner: ownerName), at: r)
    }

    // MARK: Lookup

    /// Finds `name` on a value of `recv`'s type.
    func lookupMember(_ recv: TypedExpr, _ name: String) -> MemberLookup {
        switch recv.type {
        case .error: return .error
        case .classType(let c):
            let state = cls(c)
            if let i = state.fieldIndex[name] {
                let f = state.fields[i]
                return .field(TypedExpr(.field(recv, .classField(c, i)), f.type, recv.range), isPublic: f.isPublic, owner: f.owner,
                              ownerName: f.ownerName)
            }
            if let s = state.slotIndex[name] {
                let slot = state.vtable[s]
                return .method(target: .virtualMethod(c, slot: s, staticTarget: slot.function), signature: slot.signature,
                               isCoroutine: slot.isCoroutine, receiver: recv, isPublic: slot.isPublic, owner: slot.owner,
                               ownerName: slot.ownerName)
            }
            if state.staticMethods[name] != nil { return .staticMethod(name) }
        case .structType(let s):
            let state = strct(s)
            if let i = state.fieldIndex[name] {
                let f = state.fields[i]
                return .field(TypedExpr(.field(recv, .structField(s, i)), f.type, recv.range), isPublic: f.isPublic, owner: f.owner,
                              ownerName: f.ownerName)
            }
            if let m = state.methods[name] {
                if let t = m.template {
                    return .genericMethod(t, receiver: recv, isPublic: m.isPublic, owner: m.owner, ownerName: m.ownerName)
                }
                return .method(target: .directMethod(m.function!), signature: m.signature, isCoroutine: m.isCoroutine, receiver: recv,
                               isPublic: m.isPublic, owner: m.owner, ownerName: m.ownerName)
            }
            if state.staticMethods[name] != nil { return .staticMethod(name) }
        case .enumType(let e):
            let state = enums[e.index]
            if let i = state.fieldIndex[name] {
                let f = state.fields[i]
                return .field(TypedExpr(.field(recv, .enumField(e, i)), f.type, recv.range), isPublic: f.isPublic, owner: f.owner,
                              ownerName: f.ownerName)
            }
            if let m = state.methods[name] {
                if let t = m.template {
                    return .genericMethod(t, receiver: recv, isPublic: m.isPublic, owner: m.owner, ownerName: m.ownerName)
                }
                return .method(target: .directMethod(m.function!), signature: m.signature, isCoroutine: m.isCoroutine, receiver: recv,
                               isPublic: m.isPublic, owner: m.owner, ownerName: m.ownerName)
            }
            if state.staticMethods[name] != nil { return .staticMethod(name) }
        case .traitType(let t):
            ensureTraitMembers(t)
            if let i = traits[t.index].methodIndex[name] {
                let m = traits[t.index].methods[i]
                return .method(target: .traitMethod(t, methodIndex: i), signature: m.signature, isCoroutine: m.isCoroutine,
                               receiver: recv, isPublic: true, owner: nil, ownerName: traits[t.index].name)
            }
        case .typeParameter(let p):
            for t in typeParameters[p.index].constraints {
                ensureTraitMembers(t)
                if let i = traits[t.index].methodIndex[name] {
                    let m = traits[t.index].methods[i]
                    return .method(target: .traitMethod(t, methodIndex: i), signature: m.signature, isCoroutine: m.isCoroutine,
                                   receiver: TypedExpr(.toTrait(recv, t), .traitType(t), recv.range), isPublic: true, owner: nil,
                                   ownerName: traits[t.index].name)
                }
            }
        default:
            if let b = builtinMember(recv.type, name) { return .builtin(b, receiver: recv) }
        }
        if name == "toString" {
            return .builtin(BuiltinMember(builtin: .toString, parameters: [], result: .string, isProperty: false), receiver: recv)
        }
        if case .classType(let c) = recv.type, cls(c).isIncomplete { return .error }
        return .missing
    }

    /// Member names of a type (for suggestions).
    func memberNames(of t: WType) -> [String] {
        switch t {
        case .classType(let c): return Array(cls(c).fieldIndex.keys) + Array(cls(c).slotIndex.keys)
        case .structType(let s): return Array(strct(s).fieldIndex.keys) + Array(strct(s).methods.keys)
        case .enumType(let e): return Array(enums[e.index].fieldIndex.keys) + Array(enums[e.index].methods.keys)
        case .traitType(let tr): return traits[tr.index].methods.map(\.name)
        case .array: return ["length", "isEmpty", "push", "pop", "insert", "remove", "contains", "indexOf", "first", "last",
                             "slice", "reverse", "sort", "map", "filter", "reduce", "forEach", "join"]
        case .dictionary: return ["length", "isEmpty", "has", "get", "remove", "keys", "values", "merge"]
        case .string: return ["length", "isEmpty", "toUpper", "toLower", "trim", "trimStart", "trimEnd", "contains", "startsWith",
                              "endsWith", "indexOf", "substring", "charAt", "chars", "split", "replace", "toString"]
        case .optional: return ["hasValue", "value"]
        default: return []
        }
    }

    func memberNames(of tc: TypeContextRef) -> [String] {
        var names = memberNames(of: selfType(of: tc))
        switch tc {
        case .classRef(let c): names += cls(c).staticMethods.keys
        case .structRef(let s): names += strct(s).staticMethods.keys
        case .enumRef(let e): names += enums[e.index].staticMethods.keys
        case .traitRef: break
        }
        return names
    }

    func builtinMember(_ t: WType, _ name: String) -> BuiltinMember? {
        func m(_ b: Builtin, _ ps: [(String, WType)], _ r: WType) -> BuiltinMember { BuiltinMember(builtin: b, parameters: ps, result: r, isProperty: false) }
        func p(_ b: Builtin, _ r: WType) -> BuiltinMember { BuiltinMember(builtin: b, parameters: [], result: r, isProperty: true) }
        switch t {
        case .array(let e):
            switch name {
            case "length": return p(.arrayLength, .int)
            case "isEmpty": return m(.arrayIsEmpty, [], .bool)
            case "push": return m(.arrayPush, [("x", e)], .void)
            case "pop": return m(.arrayPop, [], e)
            case "insert": return m(.arrayInsert, [("i", .int), ("x", e)], .void)
            case "remove": return m(.arrayRemove, [("i", .int)], e)
            case "contains": return m(.arrayContains, [("x", e)], .bool)
            case "indexOf": return m(.arrayIndexOf, [("x", e)], .int)
            case "first": return m(.arrayFirst, [], .optional(of: e))
            case "last": return m(.arrayLast, [], .optional(of: e))
            case "slice": return m(.arraySlice, [("start", .int), ("end", .int)], .array(e))
            case "reverse": return m(.arrayReverse, [], .void)
            case "sort": return m(.arraySort, [], .void)
            case "map": return m(.arrayMap, [("f", .function([e], .error))], .error)
            case "filter": return m(.arrayFilter, [("f", .function([e], .bool))], .array(e))
            case "reduce": return m(.arrayReduce, [("initial", .error), ("f", .error)], .error)
            case "forEach": return m(.arrayForEach, [("f", .function([e], .void))], .void)
            case "join": return m(.arrayJoin, [("sep", .string)], .string)
            default: return nil
            }
        case .dictionary(let k, let v):
            switch name {
            case "length": return p(.dictionaryLength, .int)
            case "isEmpty": return m(.dictionaryIsEmpty, [], .bool)
            case "has": return m(.dictionaryHas, [("k", k)], .bool)
            case "get": return m(.dictionaryGet, [("k", k), ("default", v)], v)
            case "remove": return m(.dictionaryRemove, [("k", k)], .optional(of: v))
            case "keys": return m(.dictionaryKeys, [], .array(k))
            case "values": return m(.dictionaryValues, [], .array(v))
            case "merge": return m(.dictionaryMerge, [("other", t)], .void)
            default: return nil
            }
        case .string:
            switch name {
            case "length": return p(.stringLength, .int)
            case "isEmpty": return m(.stringIsEmpty, [], .bool)
            case "toUpper": return m(.stringToUpper, [], .string)
            case "toLower": return m(.stringToLower, [], .string)
            case "trim": return m(.stringTrim, [], .string)
            case "trimStart": return m(.stringTrimStart, [], .string)
            case "trimEnd": return m(.stringTrimEnd, [], .string)
            case "contains": return m(.stringContains, [("s", .string)], .bool)
            case "startsWith": return m(.stringStartsWith, [("s", .string)], .bool)
            case "endsWith": return m(.stringEndsWith, [("s", .string)], .bool)
            case "indexOf": return m(.stringIndexOf, [("s", .string)], .int)
            case "substring": return m(.stringSubstring, [("start", .int), ("end", .int)], .string)
            case "charAt": return m(.stringCharAt, [("i", .int)], .string)
            case "chars": return m(.stringChars, [], .array(.string))
            case "split": return m(.stringSplit, [("sep", .string)], .array(.string))
            case "replace": return m(.stringReplace, [("old", .string), ("new", .string)], .string)
            default: return nil
            }
        case .optional(let inner):
            switch name {
            case "hasValue": return p(.optionalHasValue, .bool)
            case "value": return p(.optionalValue, inner)
            default: return nil
            }
        default:
            return nil
        }
    }

    // MARK: value.name

    func checkMemberExpr(_ base: Expr, _ n: Name, _ r: SourceRange) -> TypedExpr {
        if let entity = typeNameReference(base) { return staticMember(entity, n, r) }
        let recv = checkExpr(base)
        return memberAccess(recv, n, r)
    }

    func memberAccess(_ recv: TypedExpr, _ n: Name, _ r: SourceRange) -> TypedExpr {
        switch lookupMember(recv, n.text) {
        case .error: return .error(r)
        case .field(let read, let isPublic, let owner, let ownerName):
            checkAccess(isPublic: isPublic, owner: owner, ownerName: ownerName, member: n.text, at: n.range)
            return TypedExpr(read.kind, read.type, r)
        case .builtin(let b, let receiver) where b.isProperty:
            return TypedExpr(.call(TypedCall(target: .builtin(b.builtin), receiver: receiver, arguments: [])), b.result, r)
        case .method, .genericMethod, .builtin, .staticMethod:
            report(.functionValueNotAllowed(n.text), at: n.range)
            return .error(r)
        case .missing:
            report(.noMember(type: typeName(recv.type), member: n.text), at: n.range, name: n.text, candidates: memberNames(of: recv.type))
            return .error(r)
        }
    }

    /// `Type.name` without a call: an enum case.
    func staticMember(_ entity: Entity, _ n: Name, _ r: SourceRange) -> TypedExpr {
        switch entity {
        case .enumType(let e):
            if let i = enums[e.index].caseIndex[n.text] { return TypedExpr(.enumCase(e, i), .enumType(e), r) }
            if enums[e.index].staticMethods[n.text] != nil {
                report(.functionValueNotAllowed(n.text), at: n.range)
                return .error(r)
            }
            report(.noMember(type: enums[e.index].name, member: n.text), at: n.range, name: n.text,
                   candidates: enums[e.index].caseNames + Array(enums[e.index].staticMethods.keys))
            return .error(r)
        case .classType(let c):
            let s = cls(c)
            if s.staticMethods[n.text] != nil { report(.functionValueNotAllowed(n.text), at: n.range); return .error(r) }
            report(.noMember(type: s.displayName, member: n.text), at: n.range, name: n.text, candidates: Array(s.staticMethods.keys))
            return .error(r)
        case .structType(let st):
            let s = strct(st)
            if s.staticMethods[n.text] != nil { report(.functionValueNotAllowed(n.text), at: n.range); return .error(r) }
            report(.noMember(type: s.displayName, member: n.text), at: n.range, name: n.text, candidates: Array(s.staticMethods.keys))
            return .error(r)
        case .traitType(let t):
            report(.noMember(type: traits[t.index].name, member: n.text), at: n.range)
            return .error(r)
        case .genericClass(let t), .genericStruct(let t):
            report(.genericTypeNeedsArguments(templates[t.index].name), at: r)
            return .error(r)
        default:
            return .error(r)
        }
    }

    /// `Type.method(args)`: a static method (§10.5).
    func checkStaticCall(_ entity: Entity, _ n: Name, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?,
                         _ r: SourceRange, allowCoroutine: Bool) -> TypedExpr {
        var statics: [String: MemberFunction] = [:]
        var instanceNames: [String] = []
        var typeDisplay = ""
        switch entity {
        case .classType(let c):
            statics = cls(c).staticMethods
            instanceNames = Array(cls(c).slotIndex.keys)
            typeDisplay = cls(c).displayName
        case .structType(let s):
            statics = strct(s).staticMethods
            instanceNames = Array(strct(s).methods.keys)
            typeDisplay = strct(s).displayName
        case .enumType(let e):
            statics = enums[e.index].staticMethods
            instanceNames = Array(enums[e.index].methods.keys)
            typeDisplay = enums[e.index].name
            if enums[e.index].caseIndex[n.text] != nil {
                report(.notCallable(enums[e.index].name), at: r)
                checkArgumentsLoosely(args)
                return .error(r)
            }
        case .traitType(let t):
            typeDisplay = traits[t.index].name
        case .genericClass(let t), .genericStruct(let t):
            report(.genericTypeNeedsArguments(templates[t.index].name), at: r)
            checkArgumentsLoosely(args)
            return .error(r)
        default:
            checkArgumentsLoosely(args)
            return .error(r)
        }
        guard let m = statics[n.text] else {
            if instanceNames.contains(n.text) {
                report(.instanceMethodThroughType(n.text), at: n.range)
            } else {
                report(.noMember(type: typeDisplay, member: n.text), at: n.range, name: n.text, candidates: Array(statics.keys))
            }
            checkArgumentsLoosely(args)
            return .error(r)
        }
        return callStaticMember(m, n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
    }

    func callStaticMember(_ m: MemberFunction, _ n: Name, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?,
                          _ r: SourceRange, allowCoroutine: Bool) -> TypedExpr {
        checkAccess(isPublic: m.isPublic, owner: m.owner, ownerName: m.ownerName, member: n.text, at: n.range)
        if let t = m.template {
            return checkGenericFunctionCall(t, n.text, typeArgs, args, receiver: nil, expected: expected, r, allowCoroutine: allowCoroutine)
        }
        if m.isCoroutine && !allowCoroutine { report(.coroutineCalledPlainly(n.text), at: r) }
        guard let checked = checkArguments(args, signature: m.signature, callee: n.text, callRange: r) else {
            return TypedExpr(.error, m.signature.result, r)
        }
        return TypedExpr(.call(TypedCall(target: .function(m.function!), arguments: checked)), m.signature.result, r)
    }

    func staticMethod(named name: String, in tc: TypeContextRef) -> MemberFunction? {
        switch tc {
        case .classRef(let c): cls(c).staticMethods[name]
        case .structRef(let s): strct(s).staticMethods[name]
        case .enumRef(let e): enums[e.index].staticMethods[name]
        case .traitRef: nil
        }
    }

    // MARK: Implicit self (§10.4)

    func implicitSelfMemberExists(_ name: String) -> Bool {
        guard fieldDefaultDepth == 0, let tc = currentTypeContext, selfBindingIndex() != nil else { return false }
        if name == "field", ctx.setterField != nil || contexts.contains(where: { $0.setterField != nil }) { return true }
        switch tc {
        case .classRef(let c): return cls(c).fieldIndex[name] != nil || cls(c).slotIndex[name] != nil
        case .structRef(let s): return strct(s).fieldIndex[name] != nil || strct(s).methods[name] != nil
        case .enumRef(let e): return enums[e.index].fieldIndex[name] != nil || enums[e.index].methods[name] != nil
        case .traitRef(let t): return traits[t.index].methodIndex[name] != nil
        }
    }

    /// A field of `self` named without `self.` (or `field` in a setter).
    func implicitSelfMember(_ n: Name) -> TypedExpr? {
        guard fieldDefaultDepth == 0, currentTypeContext != nil, let sb = selfBindingIndex() else { return nil }
        if n.text == "field", let setterContext = contexts.last(where: { $0.setterField != nil }), let (index, local) = setterContext.setterField {
            if let local {
                if setterContext === ctx { return TypedExpr(.local(local), setterContext.locals[local.index].type, n.range) }
            } else if case .classType(let c)? = setterContext.selfType {
                let selfRead = readBinding(sb, range: n.range)
                return TypedExpr(.field(selfRead, .classField(c, index)), cls(c).fields[index].type, n.range)
            }
        }
        guard implicitSelfMemberExists(n.text) else { return nil }
        let selfRead = readBinding(sb, range: n.range)
        switch lookupMember(selfRead, n.text) {
        case .field(let read, _, _, _): return TypedExpr(read.kind, read.type, n.range)
        case .method, .genericMethod:
            report(.functionValueNotAllowed(n.text), at: n.range)
            return .error(n.range)
        default: return nil
        }
    }

    /// `name(args)` inside a method: a method of `self`, a function-typed field, or a static method.
    func implicitSelfCall(_ n: Name, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?, _ r: SourceRange,
                          allowCoroutine: Bool) -> TypedExpr? {
        guard fieldDefaultDepth == 0 || true, let tc = currentTypeContext else { return nil }
        if fieldDefaultDepth == 0, let sb = selfBindingIndex(), implicitSelfMemberExists(n.text) {
            let selfRead = readBinding(sb, range: n.range)
            return checkMethodCall(selfRead, n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
        }
        if let m = staticMethod(named: n.text, in: tc) {
            return callStaticMember(m, n, typeArgs, args, expected: expected, r, allowCoroutine: allowCoroutine)
        }
        return nil
    }

    // MARK: value.method(args)

    func checkMethodCall(_ recv: TypedExpr, _ n: Name, _ typeArgs: [TypeExpr], _ args: [Argument], expected: WType?,
                         _ r: SourceRange, allowCoroutine: Bool) -> TypedExpr {
        switch lookupMember(recv, n.text) {
        case .error:
            checkArgumentsLoosely(args)
            return .error(r)
        case .method(let target, let sig, let isCoroutine, let receiver, let isPublic, let owner, let ownerName):
            checkAccess(isPublic: isPublic, owner: owner, ownerName: ownerName, member: n.text, at: n.range)
            if !typeArgs.isEmpty { report(.notGeneric(n.text), at: r) }
            if isCoroutine && !allowCoroutine { report(.coroutineCalledPlainly(n.text), at: r) }
            guard let checked = checkArguments(args, signature: sig, callee: n.text, callRange: r) else {
                return TypedExpr(.error, sig.result, r)
            }
            return TypedExpr(.call(TypedCall(target: target, receiver: receiver, arguments: checked)), sig.result, r)
        case .genericMethod(let t, let receiver, let isPublic, let owner, let ownerName):
            checkAccess(isPublic: isPublic, owner: owner, ownerName: ownerName, member: n.text, at: n.range)
            return checkGenericFunctionCall(t, n.text, typeArgs, args, receiver: receiver, expected: expected, r, allowCoroutine: allowCoroutine)
        case .field(let read, let isPublic, let owner, let ownerName):
            checkAccess(isPublic: isPublic, owner: owner, ownerName: ownerName, member: n.text, at: n.range)
            return closureCall(TypedExpr(read.kind, read.type, n.range), args, r)
        case .builtin(let b, let receiver):
            if b.isProperty {
                return closureCall(TypedExpr(.call(TypedCall(target: .builtin(b.builtin), receiver: receiver, arguments: [])), b.result, n.range), args, r)
            }
            return checkBuiltinMemberCall(b, receiver, n, args, r)
        case .staticMethod(let name):
            report(.staticThroughInstance(name), at: n.range)
            checkArgumentsLoosely(args)
            return .error(r)
        case .missing:
            report(.noMember(type: typeName(recv.type), member: n.text), at: n.range, name: n.text, candidates: memberNames(of: recv.type))
            checkArgumentsLoosely(args)
            return .error(r)
        }
    }

    /// An operator method (§10.9): `a + b` is `a.add(b)`, with `b` already checked.
    func operatorMethodCall(_ recv: TypedExpr, _ name: String, argument: TypedExpr?, _ r: SourceRange) -> TypedExpr? {
        guard let (target, sig, receiver) = resolveOperatorMethod(recv, name, at: r) else { return nil }
        var arguments: [TypedArgument] = []
        if let argument {
            guard sig.parameterTypes.count == 1 else { return nil }
            arguments.append(TypedArgument(value: coerce(argument, to: sig.parameterTypes[0]), parameterIndex: 0))
        } else if !sig.parameterTypes.isEmpty {
            return nil
        }
        return TypedExpr(.call(TypedCall(target: target, receiver: receiver, arguments: arguments)), sig.result, r)
    }

    func resolveOperatorMethod(_ recv: TypedExpr, _ name: String, at r: SourceRange) -> (CallTarget, Signature, TypedExpr)? {
        guard case .method(let target, let sig, _, let receiver, let isPublic, let owner, let ownerName) = lookupMember(recv, name) else {
            return nil
        }
        checkAccess(isPublic: isPublic, owner: owner, ownerName: ownerName, member: name, at: r)
        return (target, sig, receiver)
    }

    // MARK: ?. (§15.2)

    func checkOptionalMember(_ base: Expr, _ n: Name, call: ([TypeExpr], [Argument])?, _ r: SourceRange) -> TypedExpr {
        let recv = checkExpr(base)
        guard case .optional(let inner) = recv.type else {
            if !recv.type.isError { report(.optionalChainNonOptional, at: r) }
            if let call { checkArgumentsLoosely(call.1) }
            return .error(r)
        }
        let v = temporary("<value>", inner, recv.range)
        let innerRead = TypedExpr(.local(v), inner, recv.range)
        let member: TypedExpr
        if let (typeArgs, args) = call {
            member = checkMethodCall(innerRead, n, typeArgs, args, expected: nil, r, allowCoroutine: false)
        } else {
            member = memberAccess(innerRead, n, r)
        }
        if member.type.isError { return .error(r) }
        let resultType: WType = member.type == .void ? .void : .optional(of: member.type)
        let converted = member.type == resultType || member.type == .void ? member : TypedExpr(.wrapOptional(member), resultType, member.range)
        return TypedExpr(.optionalChain(TypedOptionalChain(base: recv, valueLocal: v, member: converted)), resultType, r)
    }
}
