import WritSyntax

let builtinTypeNames: Set<String> = ["int", "float", "bool", "string", "void"]

extension Checker {
    // MARK: Phase 2: declare top-level names

    func declareAll() {
        for mi in modules.indices {
            let module = ModuleID(mi)
            let syntax = modules[mi].syntax
            modules[mi].scope.reserveCapacity(syntax.items.count)
            modules[mi].itemGlobals = Array(repeating: [], count: syntax.items.count)
            modules[mi].main = newFunction(
                name: "<main>", displayName: "<main>", kind: .main,
                signature: Signature(parameterNames: [], parameterTypes: [], result: .void, isVariadic: false),
                module: module, range: syntax.range, declaringType: nil, parent: nil, scratch: false, pending: nil)
            for (itemIndex, item) in syntax.items.enumerated() {
                switch item {
                case .importDecl: break
                case .declaration(let d): declare(d, module: module)
                case .statement(let s):
                    if case .varDecl(let v) = s.kind { declareGlobals(v, itemIndex: itemIndex, module: module) }
                }
            }
        }
    }

    func declareTopLevel(_ name: Name, _ entity: Entity, exported: Bool, module: ModuleID) {
        if let existing = modules[module.index].scope[name.text] {
            // Report at whichever comes later in the file.
            report(.duplicateDeclaration(name.text), at: existing.range.start > name.range.start ? existing.range : name.range)
            if existing.range.start > name.range.start {
                modules[module.index].scope[name.text] = ScopeEntry(entity: entity, isImported: false, isExported: exported, range: name.range)
            }
            return
        }
        modules[module.index].scope[name.text] = ScopeEntry(entity: entity, isImported: false, isExported: exported, range: name.range)
    }

    func declare(_ d: Declaration, module: ModuleID) {
        switch d {
        case .function(let f):
            if !f.typeParams.isEmpty {
                let t = newTemplate(.function(f), name: f.name.text, module: module, params: f.typeParams, whereClauses: f.whereClauses,
                                    outerEnv: [:], outerContext: nil, isStatic: false, key: DeclKey(module: module, node: f.id), range: f.name.range)
                declareTopLevel(f.name, .genericFunction(t), exported: f.modifiers.isExported, module: module)
            } else {
                let env = BodyEnvironment(module: module, typeEnv: [:], typeContext: nil, isTemplateCheck: false, instantiationDepth: 0)
                let id = newFunction(
                    name: f.name.text, displayName: f.name.text, kind: .free,
                    signature: Signature(parameterNames: [], parameterTypes: [], result: .void, isVariadic: false),
                    module: module, range: f.range, declaringType: nil, parent: nil, scratch: false,
                    pending: .function(f, env), isCoroutine: containsYield(f.body))
                declareTopLevel(f.name, .function(id), exported: f.modifiers.isExported, module: module)
            }
        case .type(let td):
            if builtinTypeNames.contains(td.name.text) {
                report(.builtinTypeName(td.name.text), at: td.name.range)
                return
            }
            let key = DeclKey(module: module, node: td.id)
            if !td.typeParams.isEmpty {
                let kind: TemplateState.Kind = td.kind == .classType ? .classType(td) : .structType(td)
                let t = newTemplate(kind, name: td.name.text, module: module, params: td.typeParams, whereClauses: td.whereClauses,
                                    outerEnv: [:], outerContext: nil, isStatic: false, key: key, range: td.name.range)
                declareTopLevel(td.name, td.kind == .classType ? .genericClass(t) : .genericStruct(t),
                                exported: td.modifiers.isExported, module: module)
            } else {
                let state = TypeState(kind: td.kind, name: td.name.text, displayName: td.name.text, decl: td, module: module,
                                      template: nil, typeArguments: [], typeEnv: [:], isScratch: false, instantiationDepth: 0,
                                      declKey: key)
                if td.kind == .classType {
                    classes.append(state)
                    declareTopLevel(td.name, .classType(ClassID(classes.count - 1)), exported: td.modifiers.isExported, module: module)
                } else {
                    structs.append(state)
                    declareTopLevel(td.name, .structType(StructID(structs.count - 1)), exported: td.modifiers.isExported, module: module)
                }
            }
        case .enumeration(let ed):
            if builtinTypeNames.contains(ed.name.text) {
                report(.builtinTypeName(ed.name.text), at: ed.name.range)
                return
            }
            let state = EnumState(id: EnumID(enums.count), name: ed.name.text, decl: ed, module: module,
                                  declKey: DeclKey(module: module, node: ed.id))
            for c in ed.cases {
                if state.caseIndex[c.name.text] != nil {
                    report(.duplicateDeclaration(c.name.text), at: c.name.range)
                    continue
                }
                state.caseIndex[c.name.text] = state.caseNames.count
                state.caseNames.append(c.name.text)
            }
            enums.append(state)
            declareTopLevel(ed.name, .enumType(state.id), exported: ed.modifiers.isExported, module: module)
        case .trait(let td):
            if builtinTypeNames.contains(td.name.text) {
                report(.builtinTypeName(td.name.text), at: td.name.range)
                return
            }
            traits.append(TraitState(id: TraitID(traits.count), name: td.name.text, decl: td, module: module))
            declareTopLevel(td.name, .traitType(TraitID(traits.count - 1)), exported: td.modifiers.isExported, module: module)
        }
    }

    func declareGlobals(_ v: VarDecl, itemIndex: Int, module: ModuleID) {
        let names: [Name]
        switch v.pattern {
        case .name(let n): names = [n]
        case .tuple(let ns, _): names = ns.compactMap { $0 }
        }
        for n in names {
            let id = GlobalID(globals.count)
            let info = TypedGlobal(id: id, name: n.text, type: .error, module: module, isMutable: v.kind == .varBinding,
                                   constant: nil, isExported: v.modifiers.isExported, isReferencedFromFunctions: false,
                                   needsInitializationCheck: false, range: n.range)
            globals.append(GlobalState(info: info, decl: v, itemIndex: itemIndex, kind: v.kind))
            modules[module.index].itemGlobals[itemIndex].append(id)
            modules[module.index].globals.append(id)
            declareTopLevel(n, .global(id), exported: v.modifiers.isExported, module: module)
        }
    }

    // MARK: Imports

    func resolveImports() {
        for mi in modules.indices {
            for (decl, target) in modules[mi].importTargets {
                guard let target else {
                    switch decl.clause {
                    case .namespace(let ns): declareImported(ns, .unresolved, module: mi)
                    case .names(let names): for n in names { declareImported(n, .unresolved, module: mi) }
                    }
                    continue
                }
                switch decl.clause {
                case .namespace(let ns):
                    declareImported(ns, .namespace(target), module: mi)
                case .names(let names):
                    for n in names {
                        if let e = modules[target.index].scope[n.text], e.isExported, !e.isImported {
                            declareImported(n, e.entity, module: mi)
                        } else {
                            let exported = modules[target.index].scope.filter { $0.value.isExported && !$0.value.isImported }.map(\.key)
                            report(.notExported(name: n.text, path: decl.path), at: n.range, name: n.text, candidates: exported)
                            declareImported(n, .unresolved, module: mi)
                        }
                    }
                }
            }
        }
    }

    func declareImported(_ name: Name, _ entity: Entity, module mi: Int) {
        if let existing = modules[mi].scope[name.text] {
            if existing.entity == entity && existing.isImported { return }
            report(.duplicateDeclaration(name.text), at: existing.range.start > name.range.start ? existing.range : name.range)
            return
        }
        modules[mi].scope[name.text] = ScopeEntry(entity: entity, isImported: true, isExported: false, range: name.range)
    }

    // MARK: Phase 3: headers, members, layouts

    func resolveTypeDeclarations() {
        for t in traits.indices { ensureTraitMembers(TraitID(t)) }
        var i = 0
        while i < classes.count { ensureHeader(.classRef(ClassID(i))); i += 1 }
        i = 0
        while i < structs.count { ensureHeader(.structRef(StructID(i))); i += 1 }
        i = 0
        while i < classes.count { ensureMembers(.classRef(ClassID(i))); i += 1 }
        i = 0
        while i < structs.count { ensureMembers(.structRef(StructID(i))); i += 1 }
        for e in enums.indices { resolveEnumMembers(EnumID(e)) }
        for f in functions.indices {
            if case .function(let decl, let env)? = functions[f].pending, functions[f].typed.kind == .free {
                let sig = resolveSignature(decl, env: env.typeEnv, module: env.module)
                setSignature(FunctionID(f), sig)
            }
        }
        for t in templates.indices { ensureConstraints(TemplateID(t)) }
        declarationsComplete = true
        i = 0
        while i < classes.count { ensureLayout(ClassID(i)); i += 1 }
        i = 0
        while i < scratchClasses.count { ensureLayout(ClassID(Self.scratchBase + i)); i += 1 }
        i = 0
        while i < structs.count { checkStructRecursion(StructID(i)); i += 1 }
        pendingLayouts.removeAll()
    }

    func setSignature(_ id: FunctionID, _ sig: Signature) {
        modifyFunction(id) {
            $0.signature = sig
            $0.typed.parameterTypes = sig.parameterTypes
            $0.typed.resultType = sig.result
            $0.typed.isVariadic = sig.isVariadic
        }
    }

    /// Parameter and result types of a declared function (§8.1). A variadic parameter's type
    /// is `Array<T>`.
    func resolveSignature(_ f: FuncDecl, env: [String: WType], module: ModuleID, selfType: WType? = nil) -> Signature {
        var names: [String] = []
        var types: [WType] = []
        var variadic = false
        var seen: Set<String> = []
        for (i, p) in f.params.enumerated() {
            if !seen.insert(p.name.text).inserted { report(.duplicateDeclaration(p.name.text), at: p.name.range) }
            var t = resolveType(p.type, env: env, module: module)
            if p.isVariadic {
                if i == f.params.count - 1 { variadic = true }
                t = t.isError ? .error : .array(t)
            }
            names.append(p.name.text)
            types.append(t)
        }
        let result = f.returnType.map { resolveType($0, env: env, module: module, allowVoid: true) } ?? .void
        return Signature(parameterNames: names, parameterTypes: types, result: result, isVariadic: variadic)
    }

    func ensureTraitMembers(_ id: TraitID) {
        guard traits[id.index].membersState == .notStarted else { return }
        traits[id.index].membersState = .inProgress
        let decl = traits[id.index].decl
        let module = traits[id.index].module
        var methods: [TraitMethodState] = []
        var index: [String: Int] = [:]
        for f in decl.methods {
            if !f.typeParams.isEmpty { report(.genericInstanceMethod, at: f.name.range) }
            if index[f.name.text] != nil {
                report(.duplicateDeclaration(f.name.text), at: f.name.range)
                continue
            }
            let sig = resolveSignature(f, env: [:], module: module)
            var defaultFunction: FunctionID?
            if f.body != nil {
                let env = BodyEnvironment(module: module, typeEnv: [:], typeContext: .traitRef(id), isTemplateCheck: false,
                                          instantiationDepth: 0)
                defaultFunction = newFunction(
                    name: f.name.text, displayName: "\(decl.name.text).\(f.name.text)", kind: .traitDefault,
                    signature: sig, module: module, range: f.range, declaringType: .traitType(id), parent: nil,
                    scratch: false, pending: .function(f, env), isCoroutine: containsYield(f.body))
            }
            index[f.name.text] = methods.count
            methods.append(TraitMethodState(name: f.name.text, signature: sig, defaultFunction: defaultFunction,
                                            isCoroutine: containsYield(f.body), range: f.name.range))
        }
        traits[id.index].methods = methods
        traits[id.index].methodIndex = index
        traits[id.index].membersState = .done
    }

    /// Superclass and traits of a class; `extends`/`with` misuse on structs.
    func ensureHeader(_ ref: TypeContextRef) {
        guard let state = nominal(ref), state.headerState == .notStarted else { return }
        modifyNominal(ref) { $0.headerState = .inProgress }
        let decl = state.decl
        var superclass: ClassID?
        var declared: [TraitID] = []
        if decl.kind == .structType {
            if let s = decl.superclass { report(.structExtends, at: s.range) }
            if let t = decl.traits.first { report(.structWith, at: t.range) }
        } else {
            if let s = decl.superclass {
                let t = resolveType(s, env: state.typeEnv, module: state.module, depthOffset: state.instantiationDepth)
                switch t {
                case .classType(let parent):
                    ensureHeader(.classRef(parent))
                    // A class whose parent is still being resolved is part of a cycle that
                    // the class that started the resolution reports.
                    if parent == classID(ref) || (cls(parent).headerState == .done && ancestors(of: parent).contains(classID(ref)!)) {
                        report(.inheritanceCycle(state.name), at: s.range)
                    } else {
                        superclass = parent
                    }
                case .error: modifyNominal(ref) { $0.isIncomplete = true }
                default:
                    report(.notAClass(typeName(t)), at: s.range)
                    modifyNominal(ref) { $0.isIncomplete = true }
                }
            }
            for te in decl.traits {
                if let tr = resolveTrait(te, env: state.typeEnv, module: state.module) {
                    if !declared.contains(tr) { declared.append(tr) }
                } else {
                    modifyNominal(ref) { $0.isIncomplete = true }
                }
            }
        }
        var all: [TraitID] = []
        if let superclass {
            all = cls(superclass).allTraits
            if cls(superclass).isIncomplete { modifyNominal(ref) { $0.isIncomplete = true } }
        }
        for t in declared where !all.contains(t) { all.append(t) }
        modifyNominal(ref) {
            $0.superclass = superclass
            $0.declaredTraits = declared
            $0.allTraits = all
            $0.headerState = .done
        }
    }

    func classID(_ ref: TypeContextRef) -> ClassID? {
        if case .classRef(let id) = ref { return id }
        return nil
    }

    /// Strict ancestors, nearest first (stops at a cycle).
    func ancestors(of id: ClassID) -> [ClassID] {
        var result: [ClassID] = []
        var current = cls(id).superclass
        while let c = current, !result.contains(c), c != id {
            result.append(c)
            current = cls(c).superclass
        }
        return result
    }

    /// Resolves a `with T` / `where T : X` trait name.
    func resolveTrait(_ te: TypeExpr, env: [String: WType], module: ModuleID) -> TraitID? {
        switch te.kind {
        case .named(let name, let args) where args.isEmpty:
            if env[name.text] == nil, let e = lookupModuleEntity(name.text, module: module), case .traitType(let id) = e.entity {
                return id
            }
            report(.unknownTrait(name.text), at: name.range, name: name.text, candidates: traitNamesVisible(module))
            return nil
        case .qualified(let ns, let name, let args) where args.isEmpty:
            if let e = lookupModuleEntity(ns.text, module: module), case .namespace(let target) = e.entity,
               let x = modules[target.index].scope[name.text], x.isExported, !x.isImported, case .traitType(let id) = x.entity {
                return id
            }
            report(.unknownTrait(name.text), at: name.range)
            return nil
        default:
            report(.unknownTrait(describeTypeExpr(te)), at: te.range)
            return nil
        }
    }

    func traitNamesVisible(_ module: ModuleID) -> [String] {
        modules[module.index].scope.compactMap { if case .traitType = $0.value.entity { $0.key } else { nil } }
    }

    func describeTypeExpr(_ te: TypeExpr) -> String {
        switch te.kind {
        case .named(let n, _): n.text
        case .qualified(let ns, let n, _): "\(ns.text)::\(n.text)"
        case .tuple: "tuple"
        case .function: "function"
        }
    }

    /// Fields (with ancestors' first) and method signatures of a class or struct.
    func ensureMembers(_ ref: TypeContextRef) {
        guard let state = nominal(ref), state.membersState == .notStarted else { return }
        ensureHeader(ref)
        modifyNominal(ref) { $0.membersState = .inProgress }
        var fields: [FieldState] = []
        var fieldIndex: [String: Int] = [:]
        if let parent = state.superclass {
            ensureMembers(.classRef(parent))
            fields = cls(parent).fields
            fieldIndex = cls(parent).fieldIndex
        }
        var methods: [String: MemberFunction] = [:]
        var statics: [String: MemberFunction] = [:]
        let decl = state.decl
        let env = state.typeEnv
        let module = state.module
        let scratch = state.isScratch
        let selfT = selfType(of: ref)
        for member in decl.members {
            switch member {
            case .field(let f):
                if fieldIndex[f.name.text] != nil || methods[f.name.text] != nil || statics[f.name.text] != nil {
                    report(.duplicateDeclaration(f.name.text), at: f.name.range)
                    continue
                }
                let type = resolveType(f.type, env: env, module: module, depthOffset: state.instantiationDepth)
                if f.isWeak {
                    var ok = type.isError
                    if case .optional(let inner) = type {
                        switch inner {
                        case .classType, .traitType, .error: ok = true
                        default: break
                        }
                    }
                    if !ok { report(.weakFieldType, at: f.type.range) }
                }
                var setter: FunctionID?
                if let s = f.setter {
                    let benv = BodyEnvironment(module: module, typeEnv: env, typeContext: ref, isTemplateCheck: scratch,
                                               instantiationDepth: state.instantiationDepth)
                    let result: WType = decl.kind == .classType ? .void : type
                    setter = newFunction(
                        name: f.name.text, displayName: "\(state.name).\(f.name.text)", kind: .setter,
                        signature: Signature(parameterNames: ["self", s.param.text], parameterTypes: [selfT, type],
                                             result: result, isVariadic: false),
                        module: module, range: s.range, declaringType: declaringType(ref), parent: nil, scratch: scratch,
                        pending: .setter(f, s, fieldIndex: fields.count, benv))
                }
                fieldIndex[f.name.text] = fields.count
                fields.append(FieldState(
                    name: f.name.text, type: type, isPublic: f.modifiers.visibility == .public, isWeak: f.isWeak,
                    defaultValue: f.defaultValue, setter: setter, declaringClass: classID(ref), owner: ref,
                    ownerName: state.name, range: f.name.range, decl: f))
            case .method(let f):
                if fieldIndex[f.name.text] != nil || methods[f.name.text] != nil || statics[f.name.text] != nil {
                    report(.duplicateDeclaration(f.name.text), at: f.name.range)
                    continue
                }
                let member = declareMethod(f, owner: ref, ownerName: state.name, env: env, module: module, scratch: scratch,
                                           depth: state.instantiationDepth, isClass: decl.kind == .classType)
                if f.modifiers.isStatic { statics[f.name.text] = member } else { methods[f.name.text] = member }
            }
        }
        modifyNominal(ref) {
            $0.fields = fields
            $0.fieldIndex = fieldIndex
            $0.methods = methods
            $0.staticMethods = statics
            $0.membersState = .done
        }
        if decl.kind == .structType, case .structRef(let sid) = ref {
            let t = strct(sid)
            t.toString = methods["toString"].flatMap { isToStringSignature($0.signature) ? $0.function : nil }
            modifyStruct(sid) { $0.toString = t.toString }
        }
    }

    func isToStringSignature(_ s: Signature) -> Bool { s.parameterTypes.isEmpty && s.result == .string }

    /// A method or static method of a class, struct or enum (a generic one becomes a template).
    func declareMethod(_ f: FuncDecl, owner: TypeContextRef, ownerName: String, env: [String: WType], module: ModuleID,
                       scratch: Bool, depth: Int, isClass: Bool) -> MemberFunction {
        let isStatic = f.modifiers.isStatic
        let isPublic = f.modifiers.visibility == .public || (f.modifiers.visibility == .unspecified && { if case .enumRef = owner { true } else { false } }())
        if !f.typeParams.isEmpty {
            if !isStatic && isClass {
                report(.genericInstanceMethod, at: f.name.range)
            }
            let t = newTemplate(.function(f), name: f.name.text, module: module, params: f.typeParams, whereClauses: f.whereClauses,
                                outerEnv: env, outerContext: owner, isStatic: isStatic, key: DeclKey(module: module, node: f.id),
                                range: f.name.range)
            templates[t.index].ownerName = ownerName
            // The signature is resolved when the method is first called (`templateSignature`):
            // resolving it here could instantiate the enclosing generic type again, forever.
            let sig = Signature(parameterNames: [], parameterTypes: [], result: .error, isVariadic: false)
            return MemberFunction(name: f.name.text, function: nil, template: t, signature: sig, isPublic: isPublic,
                                  isStatic: isStatic, isCoroutine: containsYield(f.body), owner: owner, ownerName: ownerName,
                                  range: f.name.range)
        }
        let sig = resolveSignature(f, env: env, module: module)
        let benv = BodyEnvironment(module: module, typeEnv: env, typeContext: owner, isTemplateCheck: scratch, instantiationDepth: depth)
        let id = newFunction(
            name: f.name.text, displayName: "\(ownerName).\(f.name.text)", kind: isStatic ? .staticMethod : .method,
            signature: sig, module: module, range: f.range, declaringType: declaringType(owner), parent: nil, scratch: scratch,
            pending: .function(f, benv), isCoroutine: containsYield(f.body))
        return MemberFunction(name: f.name.text, function: id, template: nil, signature: sig, isPublic: isPublic,
                              isStatic: isStatic, isCoroutine: containsYield(f.body), owner: owner, ownerName: ownerName,
                              range: f.name.range)
    }

    /// The vtable and trait tables of a class (§10.7, §11.2).
    func ensureLayout(_ id: ClassID) {
        guard cls(id).layoutState == .notStarted else { return }
        ensureMembers(.classRef(id))
        modifyClass(id) { $0.layoutState = .inProgress }
        let state = cls(id)
        var vtable: [SlotState] = []
        var slotIndex: [String: Int] = [:]
        if let parent = state.superclass {
            ensureLayout(parent)
            vtable = cls(parent).vtable
            slotIndex = cls(parent).slotIndex
        }
        let report = !state.isScratch || state.template == nil || isCanonicalScratch(state)
        for member in state.decl.members {
            guard case .method(let f) = member, !f.modifiers.isStatic, let m = state.methods[f.name.text], let fid = m.function else { continue }
            let slot = SlotState(name: m.name, function: fid, signature: m.signature, isPublic: m.isPublic, isCoroutine: m.isCoroutine,
                                 owner: .classRef(id), ownerName: state.name)
            if let existing = slotIndex[m.name] {
                if !vtable[existing].signature.sameTypes(as: m.signature) {
                    if report { self.report(.overrideSignature(m.name), at: m.range) }
                }
                vtable[existing] = slot
            } else {
                slotIndex[m.name] = vtable.count
                vtable.append(slot)
            }
        }
        // Trait methods: required ones must exist; defaults fill the gaps.
        var defaultsAdded: [String: TraitID] = [:]
        for tr in state.allTraits {
            ensureTraitMembers(tr)
            let trait = traits[tr.index]
            let declaredHere = state.declaredTraits.contains(tr)
            for tm in trait.methods {
                if let existing = slotIndex[tm.name] {
                    if let from = defaultsAdded[tm.name], from != tr {
                        if tm.defaultFunction != nil, report {
                            self.report(.ambiguousDefault(tm.name), at: state.decl.name.range)
                        }
                        continue
                    }
                    if defaultsAdded[tm.name] == tr { continue }
                    if !vtable[existing].signature.sameTypes(as: tm.signature) {
                        if report && declaredHere {
                            if tm.defaultFunction == nil {
                                self.report(.missingTraitMethod(className: state.name, method: tm.name, trait: trait.name),
                                            at: state.decl.name.range)
                            } else {
                                self.report(.overrideSignature(tm.name), at: memberRange(state, tm.name) ?? state.decl.name.range)
                            }
                        }
                        continue
                    }
                    if case .classRef(let owner) = vtable[existing].owner, owner == id, let m = state.methods[tm.name],
                       let decl = methodDecl(state, tm.name), decl.modifiers.visibility == .private {
                        if report { self.report(.traitMethodPrivate(m.name), at: decl.modifiers.visibilityRange ?? m.range) }
                    }
                    vtable[existing].isPublic = true
                } else if let d = tm.defaultFunction {
                    slotIndex[tm.name] = vtable.count
                    vtable.append(SlotState(name: tm.name, function: d, signature: tm.signature, isPublic: true,
                                            isCoroutine: tm.isCoroutine, owner: .traitRef(tr), ownerName: trait.name))
                    defaultsAdded[tm.name] = tr
                } else if report {
                    self.report(.missingTraitMethod(className: state.name, method: tm.name, trait: trait.name),
                                at: state.decl.name.range)
                }
            }
        }
        var tables: [TraitID: [FunctionID]] = [:]
        for tr in state.allTraits {
            tables[tr] = traits[tr.index].methods.map { tm in
                slotIndex[tm.name].map { vtable[$0].function } ?? tm.defaultFunction ?? FunctionID(-1)
            }
        }
        var toString: FunctionID?
        if let s = slotIndex["toString"], isToStringSignature(vtable[s].signature) { toString = vtable[s].function }
        modifyClass(id) {
            $0.vtable = vtable
            $0.slotIndex = slotIndex
            $0.traitTables = tables
            $0.toString = toString
            $0.layoutState = .done
        }
    }

    func isCanonicalScratch(_ state: TypeState) -> Bool {
        guard let t = state.template else { return false }
        return state.typeArguments == templates[t.index].typeParameters.map { .typeParameter($0) }
    }

    func methodDecl(_ state: TypeState, _ name: String) -> FuncDecl? {
        for m in state.decl.members {
            if case .method(let f) = m, f.name.text == name, !f.modifiers.isStatic { return f }
        }
        return nil
    }

    func memberRange(_ state: TypeState, _ name: String) -> SourceRange? {
        methodDecl(state, name)?.name.range
    }

    /// A struct may not contain itself by value (directly or through Optional, Result,
    /// tuples or other structs): it would have no finite flattened layout.
    func checkStructRecursion(_ id: StructID) {
        func mayContainStruct(_ t: WType) -> Bool {
            switch t {
            case .structType: true
            case .optional(let e), .result(let e): mayContainStruct(e)
            case .tuple(let es): es.contains { mayContainStruct($0) }
            default: false
            }
        }
        guard strct(id).fields.contains(where: { mayContainStruct($0.type) }) else { return }
        var visiting: Set<StructID> = []
        var done: Set<StructID> = []
        func visitType(_ t: WType) -> Bool {
            switch t {
            case .structType(let s): return visit(s)
            case .optional(let e), .result(let e): return visitType(e)
            case .tuple(let es): return es.contains { visitType($0) }
            default: return false
            }
        }
        func visit(_ s: StructID) -> Bool {
            if done.contains(s) { return false }
            if visiting.contains(s) { return s == id }
            visiting.insert(s)
            defer { visiting.remove(s); done.insert(s) }
            for f in strct(s).fields where visitType(f.type) { return true }
            return false
        }
        let state = strct(id)
        visiting.insert(id)
        for f in state.fields where visitType(f.type) {
            report(.recursiveStruct(state.name), at: state.decl.name.range)
            // Break the cycle so later phases terminate.
            modifyStruct(id) { s in
                for i in s.fields.indices { s.fields[i].type = .error }
            }
            return
        }
    }

    // MARK: Enums

    func resolveEnumMembers(_ id: EnumID) {
        let state = enums[id.index]
        let decl = state.decl
        var fields: [FieldState] = []
        var fieldIndex: [String: Int] = [:]
        var methods: [String: MemberFunction] = [:]
        var statics: [String: MemberFunction] = [:]
        for member in decl.members {
            switch member {
            case .field(let f):
                if fieldIndex[f.name.text] != nil || state.caseIndex[f.name.text] != nil {
                    report(.duplicateDeclaration(f.name.text), at: f.name.range)
                    continue
                }
                let type = resolveType(f.type, env: [:], module: state.module)
                fieldIndex[f.name.text] = fields.count
                fields.append(FieldState(
                    name: f.name.text, type: type, isPublic: f.modifiers.visibility != .private, isWeak: false,
                    defaultValue: f.defaultValue, setter: nil, declaringClass: nil, owner: .enumRef(id), ownerName: state.name,
                    range: f.name.range, decl: f))
            case .method(let f):
                if fieldIndex[f.name.text] != nil || methods[f.name.text] != nil || statics[f.name.text] != nil
                    || state.caseIndex[f.name.text] != nil {
                    report(.duplicateDeclaration(f.name.text), at: f.name.range)
                    continue
                }
                let m = declareMethod(f, owner: .enumRef(id), ownerName: state.name, env: [:], module: state.module,
                                      scratch: false, depth: 0, isClass: false)
                if f.modifiers.isStatic { statics[f.name.text] = m } else { methods[f.name.text] = m }
            }
        }
        enums[id.index].fields = fields
        enums[id.index].fieldIndex = fieldIndex
        enums[id.index].methods = methods
        enums[id.index].staticMethods = statics
        enums[id.index].toString = methods["toString"].flatMap { isToStringSignature($0.signature) ? $0.function : nil }
    }
}
