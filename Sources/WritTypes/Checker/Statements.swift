import WritSyntax

/// Statements (§5, §7, §8.3): declarations, assignment, control flow.
extension Checker {
    /// A statement list in the current scope, with the early-exit narrowing of §15.3 (after
    /// `if c { return }`, the false set of `c` holds for the rest of the list).
    func checkStatements(_ stmts: [Stmt]) -> [TypedStmt] {
        let saved = narrowed
        var out: [TypedStmt] = []
        out.reserveCapacity(stmts.count)
        for i in stmts.indices {
            out.append(checkStatementInSequence(stmts, i))
        }
        narrowed = saved
        return out
    }

    func checkStatementInSequence(_ stmts: [Stmt], _ i: Int) -> TypedStmt {
        let s = stmts[i]
        if case .ifStmt(let ifs) = s.kind, ifs.elseBranch == nil {
            let (typed, facts) = checkIf(ifs, s.range)
            if case .ifStmt(let t) = typed.kind, statementsLeave(t.thenBody), let facts, !facts.isEmpty {
                apply(facts, region: stmts[(i + 1)...])
            }
            return typed
        }
        return checkStatement(s)
    }

    func checkStatement(_ s: Stmt) -> TypedStmt {
        depth += 1
        defer { depth -= 1 }
        if depth > CheckerLimits.maxNestingDepth {
            if !reportedNestingLimit {
                reportedNestingLimit = true
                report(.nestingTooDeep(CheckerLimits.maxNestingDepth), at: s.range)
            }
            return TypedStmt(.block([]), s.range)
        }
        let r = s.range
        switch s.kind {
        case .varDecl(let v): return checkVarDecl(v, r)
        case .funcDecl(let f): return checkNestedFunction(f, r)
        case .assign(let target, let op, let value, let opRange):
            return checkAssign(target, op, value, opRange: opRange, r)
        case .expr(let e):
            let v = checkExpr(e)
            return TypedStmt(.expr(v), r)
        case .ifStmt(let i): return checkIf(i, r).0
        case .whileStmt(let c, let body):
            let cond = checkCondition(c)
            let saved = narrowed
            apply(cond.trueSet, region: body.statements + [Stmt(.expr(c), c.range)])
            ctx.loopDepth += 1
            pushScope()
            let b = checkStatements(body.statements)
            popScope()
            ctx.loopDepth -= 1
            narrowed = saved
            return TypedStmt(.whileLoop(condition: cond.expr, body: b), r)
        case .forStmt(let pattern, let iterable, let body): return checkFor(pattern, iterable, body, r)
        case .when(let w):
            let (tw, _) = checkWhen(w, expected: nil)
            return TypedStmt(.when(tw), r)
        case .returnStmt(let e): return checkReturn(e, r)
        case .breakStmt:
            if ctx.loopDepth == 0 { report(.breakOutsideLoop, at: r) }
            return TypedStmt(.breakStmt, r)
        case .continueStmt:
            if ctx.loopDepth == 0 { report(.continueOutsideLoop, at: r) }
            return TypedStmt(.continueStmt, r)
        case .start(let e): return checkStart(e, r)
        case .block(let b):
            pushScope()
            let out = checkStatements(b.statements)
            popScope()
            return TypedStmt(.block(out), r)
        }
    }

    // MARK: Declarations (§5.1, §17.2)

    /// True for a declaration directly in a module's top-level code (a global).
    var declaresGlobals: Bool { ctx.kind == .main && scopeStack.count == 1 && fieldDefaultDepth == 0 }

    func globalDeclared(_ name: String) -> GlobalID? {
        for g in globalsOfItem(ctx.env.module, currentTopLevelItem) where globals[g.index].info.name == name {
            return g
        }
        return nil
    }

    func checkVarDecl(_ v: VarDecl, _ r: SourceRange) -> TypedStmt {
        let isGlobal = declaresGlobals
        if isGlobal {
            if case .name(let n) = v.pattern, let g = globalDeclared(n.text), globals[g.index].typeState == .done,
               !onDemandDecls.isEmpty, let cached = onDemandDecls[DeclSite(module: ctx.env.module, item: currentTopLevelItem)] {
                return cached
            }
            for g in globalsOfItem(ctx.env.module, currentTopLevelItem) {
                globals[g.index].typeState = .inProgress
            }
        }
        let declared = v.type.map { resolveType($0, env: ctx.env.typeEnv, module: ctx.env.module) }
        var value = checkExpr(v.initializer, expected: declared)
        if let declared {
            value = value.type == .void ? voidValue(value, declared) : coerce(value, to: declared)
        } else if reportUninferable(value) {
            value = .error(value.range)
        } else if value.type == .void {
            report(.voidValue, at: value.range)
            value = .error(value.range)
        }
        var constant: ConstantValue?
        if v.kind == .constBinding {
            constant = foldConstant(value)
            if constant == nil { value = TypedExpr(.error, value.type, value.range) }
        }
        let type = value.type
        switch v.pattern {
        case .name(let n):
            let target: DeclTarget
            if isGlobal, let g = globalDeclared(n.text) {
                globals[g.index].info.type = type
                globals[g.index].info.constant = constant
                globals[g.index].typeState = .done
                target = .global(g)
            } else {
                let kind: BindingKind = constant.map { .constant($0) } ?? .variable
                let (_, l) = declareLocal(n.text, type: type, mutable: v.kind == .varBinding, kind: kind, localKind: .variable,
                                          range: n.range)
                target = .local(l)
            }
            return TypedStmt(.varDecl(TypedVarDecl(binding: .single(target), value: value, constant: constant)), r)
        case .tuple(let names, let pr):
            var elementTypes: [WType] = []
            switch type {
            case .tuple(let ts):
                if ts.count != names.count {
                    report(.destructureCount(elements: ts.count, names: names.count), at: pr)
                    elementTypes = names.map { _ in .error }
                } else {
                    elementTypes = ts
                }
            case .error: elementTypes = names.map { _ in .error }
            default:
                report(.destructureNonTuple(typeName(type)), at: v.initializer.range)
                elementTypes = names.map { _ in .error }
            }
            var targets: [DeclTarget?] = []
            for (i, n) in names.enumerated() {
                guard let n else { targets.append(nil); continue }
                if isGlobal, let g = globalDeclared(n.text) {
                    globals[g.index].info.type = elementTypes[i]
                    globals[g.index].typeState = .done
                    targets.append(.global(g))
                } else {
                    let (_, l) = declareLocal(n.text, type: elementTypes[i], mutable: v.kind == .varBinding, kind: .variable,
                                              localKind: .variable, range: n.range)
                    targets.append(.local(l))
                }
            }
            return TypedStmt(.varDecl(TypedVarDecl(binding: .tuple(targets), value: value, constant: nil)), r)
        }
    }

    func voidValue(_ value: TypedExpr, _ declared: WType) -> TypedExpr {
        report(.typeMismatch(expected: typeName(declared), found: "void"), at: value.range)
        return TypedExpr(.error, declared, value.range)
    }

    /// The type of a global, inferring its initializer on demand when a closure reads it
    /// before top-level code reached its declaration.
    func ensureGlobalType(_ g: GlobalID, at r: SourceRange) {
        switch globals[g.index].typeState {
        case .done: return
        case .inProgress:
            report(.cannotInferVariable(globals[g.index].info.name), at: r)
            return
        case .notStarted: break
        }
        let module = globals[g.index].info.module
        let decl = globals[g.index].decl
        guard let main = contexts.first, main.functionID == modules[module.index].main, main.kind == .main else {
            globals[g.index].typeState = .done
            return
        }
        let savedContexts = contexts
        let savedNames = scopeNames
        let savedStack = scopeStack
        let savedNarrowed = narrowed
        let savedItem = currentTopLevelItem
        contexts = [main]
        scopeNames = [:]
        scopeStack = [[]]
        narrowed = [:]
        currentTopLevelItem = globals[g.index].itemIndex
        let typed = checkVarDecl(decl, decl.range)
        onDemandDecls[DeclSite(module: module, item: currentTopLevelItem)] = typed
        contexts = savedContexts
        scopeNames = savedNames
        scopeStack = savedStack
        narrowed = savedNarrowed
        currentTopLevelItem = savedItem
    }

    func checkNestedFunction(_ f: FuncDecl, _ r: SourceRange) -> TypedStmt {
        if let first = f.typeParams.first { report(.genericNestedFunction, at: first.range) }
        let env = ctx.env
        let sig = resolveSignature(f, env: env.typeEnv, module: env.module)
        let fid = newFunction(name: f.name.text, displayName: f.name.text, kind: .nested, signature: sig, module: env.module,
                              range: f.range, declaringType: nil, parent: ctx.functionID, scratch: ctx.isScratch, pending: nil,
                              isCoroutine: containsYield(f.body))
        let (_, local) = declareLocal(f.name.text, type: sig.functionType, mutable: false, kind: .nestedFunction(fid),
                                      localKind: .nestedFunction, range: f.name.range)
        let savedNarrowed = narrowed
        narrowed = narrowed.filter { key, _ in
            if case .binding(let b) = key { return !bindings[b].isMutable }
            return true
        }
        checkFunctionBody(fid, f, env)
        narrowed = savedNarrowed
        return TypedStmt(.nestedFunction(fid, local), r)
    }

    // MARK: Assignment (§7.2, §12.3)

    func checkAssign(_ target: Expr, _ op: AssignOp, _ value: Expr, opRange: SourceRange, _ r: SourceRange) -> TypedStmt {
        guard let t = assignTarget(target) else {
            _ = checkExpr(value)
            return TypedStmt(.expr(.error(r)), r)
        }
        if ctx.kind == .setter, let field = ctx.setterField?.local {
            // A struct setter may only assign `field` (§10.6) and its own locals.
            var ok = false
            if case .local(let l) = t.root { ok = l == field || ctx.locals[l.index].kind != .setterField }
            if !ok {
                report(.setterOnlyField, at: target.range)
                _ = checkExpr(value)
                return TypedStmt(.expr(.error(r)), r)
            }
        }
        guard let bop = op.binaryOp else {
            let v = checkValue(value, as: t.type)
            return TypedStmt(.assign(TypedAssignment(target: t, value: v, compound: nil)), r)
        }
        let rhs = checkExpr(value, expected: t.type == .float ? .float : nil)
        if t.type.isError || rhs.type.isError { return TypedStmt(.expr(.error(r)), r) }
        let aop = bop.arithmetic!
        var compound: CompoundOperation?
        var v = rhs
        switch (t.type, rhs.type) {
        case (.int, .int): compound = .intArithmetic(aop)
        case (.float, .int), (.float, .float):
            compound = .floatArithmetic(aop)
            v = toFloat(rhs)
        case (.int, .float):
            report(.typeMismatch(expected: "int", found: "float"), at: rhs.range)
        case (.string, .string) where bop == .add:
            compound = .stringAdd
        case (.classType, _), (.structType, _):
            let probe = TypedExpr(.error, t.type, target.range)
            if let (callTarget, sig, _) = resolveOperatorMethod(probe, bop.methodName!, at: opRange), sig.parameterTypes.count == 1 {
                v = coerce(rhs, to: sig.parameterTypes[0])
                if !isAssignable(sig.result, to: t.type) {
                    report(.typeMismatch(expected: typeName(t.type), found: typeName(sig.result)), at: rhs.range)
                } else {
                    compound = .operatorMethod(callTarget)
                }
            } else {
                report(.operatorNotApplicable(op: bop.spelling, left: typeName(t.type), right: operandName(rhs)), at: opRange)
            }
        default:
            report(.operatorNotApplicable(op: bop.spelling, left: typeName(t.type), right: operandName(rhs)), at: opRange)
        }
        guard let compound else { return TypedStmt(.expr(.error(r)), r) }
        return TypedStmt(.assign(TypedAssignment(target: t, value: v, compound: compound)), r)
    }

    /// Resolves an assignment target, reporting immutability errors.
    func assignTarget(_ e: Expr) -> AssignTarget? {
        switch e.kind {
        case .name(let n):
            if let b = lookupBinding(n.text) {
                let binding = bindings[b]
                if case .constant = binding.kind { report(.assignToConst(n.text), at: n.range); return nil }
                guard binding.isMutable else { report(.assignToLet(n.text), at: n.range); return nil }
                binding.owner.localAssigned[binding.local.index] = true
                if binding.owner === ctx { return AssignTarget(root: .local(binding.local), path: [], type: binding.type) }
                return AssignTarget(root: .capture(captureIndex(of: b)), path: [], type: binding.type)
            }
            if n.text == "field", let sc = contexts.last(where: { $0.setterField != nil }), let (index, local) = sc.setterField,
               let sb = selfBindingIndex() {
                if let local, sc === ctx {
                    return AssignTarget(root: .local(local), path: [], type: sc.locals[local.index].type)
                }
                if local == nil, case .classType(let c)? = sc.selfType {
                    let selfRead = readBinding(sb, range: n.range)
                    return AssignTarget(root: .classField(object: selfRead, c, fieldIndex: index, setter: nil), path: [],
                                        type: cls(c).fields[index].type)
                }
            }
            if implicitSelfMemberExists(n.text), let sb = selfBindingIndex() {
                return memberTarget(baseExpr: nil, selfBinding: sb, n, e.range)
            }
            if let entry = lookupModuleEntity(n.text, module: ctx.env.module), visibleFromHere(entry) {
                guard case .global(let g) = entry.entity else { report(.notAssignable, at: e.range); return nil }
                ensureGlobalType(g, at: n.range)
                let info = globals[g.index].info
                if entry.isImported { report(.assignToImport(n.text), at: n.range); return nil }
                if info.constant != nil || globals[g.index].kind == .constBinding { report(.assignToConst(n.text), at: n.range); return nil }
                guard info.isMutable else { report(.assignToLet(n.text), at: n.range); return nil }
                if inFunctionCode { globals[g.index].info.isReferencedFromFunctions = true }
                return AssignTarget(root: .global(g), path: [], type: info.type)
            }
            if let h = host.globals.firstIndex(where: { $0.name == n.text }) {
                guard host.globals[h].isMutable else { report(.assignToLet(n.text), at: n.range); return nil }
                return AssignTarget(root: .hostGlobal(HostGlobalID(h)), path: [], type: host.globals[h].type)
            }
            report(.undefinedVariable(n.text), at: n.range, name: n.text, candidates: visibleValueNames())
            return nil
        case .selfExpr:
            report(.assignToLet("self"), at: e.range)
            return nil
        case .member(let base, let n):
            if typeNameReference(base) != nil { report(.notAssignable, at: e.range); return nil }
            return memberTarget(baseExpr: base, selfBinding: nil, n, e.range)
        case .index(let base, let i):
            let b = checkExpr(base)
            switch b.type {
            case .array(let et):
                let idx = checkExpr(i, as: .int)
                return AssignTarget(root: .arrayElement(array: b, index: idx), path: [], type: et)
            case .dictionary(let kt, let vt):
                let k = checkExpr(i, as: kt)
                return AssignTarget(root: .dictionaryEntry(dictionary: b, key: k), path: [], type: vt)
            case .tuple:
                report(.tupleImmutable, at: e.range)
                return nil
            case .error:
                _ = checkExpr(i)
                return nil
            default:
                _ = checkExpr(i)
                report(.operatorNotApplicable(op: "[]", left: typeName(b.type), right: "index"), at: e.range)
                return nil
            }
        default:
            _ = checkExpr(e)
            report(.notAssignable, at: e.range)
            return nil
        }
    }

    /// A place holding a struct value (§12.3), or a plain value.
    enum PlaceOrValue {
        /// `rootMutable`: the root may be modified (a `var`, or a reference: field, element).
        case place(AssignTarget, rootName: String, rootMutable: Bool, isStructSelf: Bool, isImport: Bool)
        case value(TypedExpr)
    }

    /// `base.n = …` (or an implicit `n = …` on `self` when `baseExpr` is nil).
    func memberTarget(baseExpr: Expr?, selfBinding: Int?, _ n: Name, _ range: SourceRange) -> AssignTarget? {
        let base: PlaceOrValue
        if let baseExpr {
            base = placeOrValue(baseExpr)
        } else {
            let v = readBinding(selfBinding!, range: n.range)
            if case .structType = v.type {
                base = .place(AssignTarget(root: .local(bindings[selfBinding!].local), path: [], type: v.type), rootName: "self",
                              rootMutable: false, isStructSelf: true, isImport: false)
            } else {
                base = .value(v)
            }
        }
        switch base {
        case .place(let p, let rootName, let rootMutable, let isStructSelf, let isImport):
            guard case .structType(let s) = p.type else { return nil }
            guard let target = structFieldTarget(p, s, n) else { return nil }
            if !rootMutable {
                if isStructSelf { report(.structMethodMutation(n.text), at: n.range) } else if isImport {
                    report(.assignToImport(rootName), at: range)
                } else {
                    report(.immutableStruct(rootName), at: range)
                }
                return nil
            }
            markRootAssigned(target.root)
            return target
        case .value(let v):
            switch v.type {
            case .classType(let c):
                let state = cls(c)
                guard let i = state.fieldIndex[n.text] else {
                    if state.slotIndex[n.text] != nil { report(.notAssignable, at: range); return nil }
                    report(.noMember(type: state.displayName, member: n.text), at: n.range, name: n.text,
                           candidates: Array(state.fieldIndex.keys))
                    return nil
                }
                let f = state.fields[i]
                checkAccess(isPublic: f.isPublic, owner: f.owner, ownerName: f.ownerName, member: n.text, at: n.range)
                return AssignTarget(root: .classField(object: v, c, fieldIndex: i, setter: f.setter), path: [], type: f.type)
            case .enumType(let e):
                if enums[e.index].fieldIndex[n.text] != nil { report(.notAssignable, at: range); return nil }
                report(.noMember(type: enums[e.index].name, member: n.text), at: n.range)
                return nil
            case .error:
                return nil
            case .tuple:
                report(.tupleImmutable, at: range)
                return nil
            default:
                if case .missing = lookupMember(v, n.text) {
                    report(.noMember(type: typeName(v.type), member: n.text), at: n.range, name: n.text,
                           candidates: memberNames(of: v.type))
                } else {
                    report(.notAssignable, at: range)
                }
                return nil
            }
        }
    }

    /// A struct mutation modifies its root variable (which then needs a box if captured).
    func markRootAssigned(_ root: AssignRoot) {
        guard case .local(let l) = root else { return }
        ctx.localAssigned[l.index] = true
    }

    func structFieldTarget(_ place: AssignTarget, _ s: StructID, _ n: Name) -> AssignTarget? {
        let state = strct(s)
        guard let i = state.fieldIndex[n.text] else {
            report(.noMember(type: state.displayName, member: n.text), at: n.range, name: n.text, candidates: Array(state.fieldIndex.keys))
            return nil
        }
        let f = state.fields[i]
        checkAccess(isPublic: f.isPublic, owner: f.owner, ownerName: f.ownerName, member: n.text, at: n.range)
        var t = place
        t.path.append(StructFieldStep(structID: s, fieldIndex: i, setter: f.setter))
        t.type = f.type
        return t
    }

    func isStruct(_ t: WType) -> Bool { if case .structType = t { true } else { false } }

    /// Resolves the base of an assignment: struct-typed places stay places (so the field
    /// store can reach the variable, field or element holding the struct).
    func placeOrValue(_ e: Expr) -> PlaceOrValue {
        switch e.kind {
        case .name(let n):
            if let b = lookupBinding(n.text) {
                let binding = bindings[b]
                guard isStruct(binding.type) else {
                    return .value(applyNarrowing(readBinding(b, range: n.range), key: .binding(b)))
                }
                let isSelf: Bool = if case .selfParameter = binding.kind { true } else { false }
                let root: AssignRoot
                if binding.owner === ctx {
                    root = .local(binding.local)
                } else {
                    root = .capture(captureIndex(of: b))
                    if binding.isMutable { binding.owner.localAssigned[binding.local.index] = true }
                }
                return .place(AssignTarget(root: root, path: [], type: binding.type), rootName: n.text, rootMutable: binding.isMutable,
                              isStructSelf: isSelf, isImport: false)
            }
            if n.text == "field", let sc = contexts.last(where: { $0.setterField != nil }), let (index, local) = sc.setterField,
               let sb = selfBindingIndex() {
                if let local, sc === ctx {
                    let t = sc.locals[local.index].type
                    if isStruct(t) {
                        return .place(AssignTarget(root: .local(local), path: [], type: t), rootName: "field", rootMutable: true,
                                      isStructSelf: false, isImport: false)
                    }
                    return .value(TypedExpr(.local(local), t, n.range))
                }
                if local == nil, case .classType(let c)? = sc.selfType {
                    let selfRead = readBinding(sb, range: n.range)
                    let t = cls(c).fields[index].type
                    if isStruct(t) {
                        return .place(AssignTarget(root: .classField(object: selfRead, c, fieldIndex: index, setter: nil), path: [], type: t),
                                      rootName: "field", rootMutable: true, isStructSelf: false, isImport: false)
                    }
                    return .value(TypedExpr(.field(selfRead, .classField(c, index)), t, n.range))
                }
            }
            if implicitSelfMemberExists(n.text), let sb = selfBindingIndex() {
                let selfRead = readBinding(sb, range: n.range)
                switch selfRead.type {
                case .classType(let c):
                    if let i = cls(c).fieldIndex[n.text], isStruct(cls(c).fields[i].type) {
                        let f = cls(c).fields[i]
                        return .place(AssignTarget(root: .classField(object: selfRead, c, fieldIndex: i, setter: f.setter), path: [],
                                                   type: f.type),
                                      rootName: n.text, rootMutable: true, isStructSelf: false, isImport: false)
                    }
                case .structType(let s):
                    if let i = strct(s).fieldIndex[n.text] {
                        let f = strct(s).fields[i]
                        let place = AssignTarget(root: .local(bindings[sb].local),
                                                 path: [StructFieldStep(structID: s, fieldIndex: i, setter: f.setter)], type: f.type)
                        if isStruct(f.type) {
                            return .place(place, rootName: "self", rootMutable: false, isStructSelf: true, isImport: false)
                        }
                    }
                default: break
                }
            }
            if lookupBinding(n.text) == nil, let entry = lookupModuleEntity(n.text, module: ctx.env.module), visibleFromHere(entry),
               case .global(let g) = entry.entity {
                ensureGlobalType(g, at: n.range)
                let info = globals[g.index].info
                if isStruct(info.type) {
                    if inFunctionCode || info.module != ctx.env.module { globals[g.index].info.isReferencedFromFunctions = true }
                    return .place(AssignTarget(root: .global(g), path: [], type: info.type), rootName: n.text,
                                  rootMutable: info.isMutable && !entry.isImported, isStructSelf: false, isImport: entry.isImported)
                }
            }
            return .value(checkExpr(e))
        case .selfExpr:
            if let sb = selfBindingIndex(), isStruct(bindings[sb].type) {
                _ = readBinding(sb, range: e.range)
                return .place(AssignTarget(root: .local(bindings[sb].local), path: [], type: bindings[sb].type), rootName: "self",
                              rootMutable: false, isStructSelf: true, isImport: false)
            }
            return .value(checkExpr(e))
        case .member(let base, let m):
            if typeNameReference(base) != nil { return .value(checkExpr(e)) }
            switch placeOrValue(base) {
            case .place(let p, let rootName, let rootMutable, let isStructSelf, let isImport):
                guard case .structType(let s) = p.type, let i = strct(s).fieldIndex[m.text] else {
                    return .value(memberAccess(placeRead(p, e.range), m, e.range))
                }
                let f = strct(s).fields[i]
                checkAccess(isPublic: f.isPublic, owner: f.owner, ownerName: f.ownerName, member: m.text, at: m.range)
                if isStruct(f.type) {
                    var q = p
                    q.path.append(StructFieldStep(structID: s, fieldIndex: i, setter: f.setter))
                    q.type = f.type
                    return .place(q, rootName: rootName, rootMutable: rootMutable, isStructSelf: isStructSelf, isImport: isImport)
                }
                return .value(TypedExpr(.field(placeRead(p, base.range), .structField(s, i)), f.type, e.range))
            case .value(let v):
                if case .classType(let c) = v.type, let i = cls(c).fieldIndex[m.text], isStruct(cls(c).fields[i].type) {
                    let f = cls(c).fields[i]
                    checkAccess(isPublic: f.isPublic, owner: f.owner, ownerName: f.ownerName, member: m.text, at: m.range)
                    return .place(AssignTarget(root: .classField(object: v, c, fieldIndex: i, setter: f.setter), path: [], type: f.type),
                                  rootName: m.text, rootMutable: true, isStructSelf: false, isImport: false)
                }
                return .value(memberAccess(v, m, e.range))
            }
        case .index(let base, let i):
            let b = checkExpr(base)
            if case .array(let et) = b.type, isStruct(et) {
                let idx = checkExpr(i, as: .int)
                return .place(AssignTarget(root: .arrayElement(array: b, index: idx), path: [], type: et), rootName: "element",
                              rootMutable: true, isStructSelf: false, isImport: false)
            }
            return .value(indexValue(b, i, e.range))
        default:
            return .value(checkExpr(e))
        }
    }

    /// The value stored at a place (for a place used as a value).
    func placeRead(_ p: AssignTarget, _ r: SourceRange) -> TypedExpr {
        var type: WType = .error
        var read: TypedExpr
        switch p.root {
        case .local(let l):
            type = ctx.locals[l.index].type
            read = TypedExpr(.local(l), type, r)
        case .capture(let c):
            type = ctx.captures[c].type
            read = TypedExpr(.capture(c), type, r)
        case .global(let g):
            type = globals[g.index].info.type
            read = TypedExpr(.global(g), type, r)
        case .classField(let o, let c, let i, _):
            type = cls(c).fields[i].type
            read = TypedExpr(.field(o, .classField(c, i)), type, r)
        case .arrayElement(let a, let i):
            if case .array(let et) = a.type { type = et }
            read = TypedExpr(.arrayIndex(a, i), type, r)
        case .dictionaryEntry(let d, let k):
            if case .dictionary(_, let vt) = d.type { type = .optional(of: vt) }
            read = TypedExpr(.dictionaryIndex(d, k), type, r)
        case .hostGlobal(let h):
            type = host.globals[h.index].type
            read = TypedExpr(.hostGlobal(h), type, r)
        }
        for step in p.path {
            let t = strct(step.structID).fields[step.fieldIndex].type
            read = TypedExpr(.field(read, .structField(step.structID, step.fieldIndex)), t, r)
        }
        return read
    }

    // MARK: if / for / return / start

    func checkIf(_ s: IfStmt, _ r: SourceRange) -> (TypedStmt, [NarrowKey: WType]?) {
        if case .isTest(let x, let p) = s.condition.kind, let binding = p.binding {
            let subject = checkExpr(x)
            let subjectLocal = temporary("<subject>", subject.type, subject.range)
            pushScope()
            let pattern = isPattern(subject.type, subjectLocal, p.type, binding: binding, range: p.range, subjectRange: subject.range)
            let thenBody = checkStatements(s.thenBlock.statements)
            popScope()
            let elseBody = checkElse(s.elseBranch)
            let typed = TypedIf(condition: .binding(subject: subject, subjectLocal: subjectLocal, pattern: pattern.pattern),
                                thenBody: thenBody, elseBody: elseBody)
            return (TypedStmt(.ifStmt(typed), r), nil)
        }
        let cond = checkCondition(s.condition)
        let saved = narrowed
        apply(cond.trueSet, region: s.thenBlock.statements)
        pushScope()
        let thenBody = checkStatements(s.thenBlock.statements)
        popScope()
        narrowed = saved
        var elseBody: [TypedStmt]?
        if let e = s.elseBranch {
            let region: [Stmt] = switch e {
            case .block(let b): b.statements
            case .elseIf(let i): [Stmt(.ifStmt(i), i.range)]
            }
            apply(cond.falseSet, region: region)
            elseBody = checkElse(e)
            narrowed = saved
        }
        return (TypedStmt(.ifStmt(TypedIf(condition: .expr(cond.expr), thenBody: thenBody, elseBody: elseBody)), r), cond.falseSet)
    }

    func checkElse(_ e: ElseBranch?) -> [TypedStmt]? {
        switch e {
        case nil: return nil
        case .block(let b)?:
            pushScope()
            let out = checkStatements(b.statements)
            popScope()
            return out
        case .elseIf(let i)?:
            return [checkIf(i, i.range).0]
        }
    }

    func checkFor(_ pattern: BindingPattern, _ iterable: Expr, _ body: Block, _ r: SourceRange) -> TypedStmt {
        var iteration: ForIteration
        var elementType: WType
        var isDictionary = false
        if case .binary(let op, let a, let b, let opRange) = iterable.kind, op == .dotDot || op == .dotDotEqual {
            let ta = checkExpr(a)
            let tb = checkExpr(b)
            if ta.type == .int && tb.type == .int {
                iteration = .range(low: ta, high: tb, inclusive: op == .dotDotEqual)
                elementType = .int
            } else if op == .dotDot, ta.type == .string || tb.type == .string {
                let s = binaryOperation(op, ta, tb, opRange: opRange, iterable.range)
                iteration = .stringScalars(s)
                elementType = .string
            } else {
                if !ta.type.isError && !tb.type.isError {
                    let bad = ta.type == .int ? tb : ta
                    report(.typeMismatch(expected: "int", found: typeName(bad.type)), at: bad.range)
                }
                iteration = .range(low: ta, high: tb, inclusive: op == .dotDotEqual)
                elementType = .int
            }
        } else {
            let it = checkExpr(iterable)
            switch it.type {
            case .array(let et):
                iteration = .array(it)
                elementType = et
            case .dictionary(let k, let v):
                isDictionary = true
                if case .tuple = pattern {
                    iteration = .dictionaryEntries(it)
                    elementType = .tuple([k, v])
                } else {
                    iteration = .dictionaryKeys(it)
                    elementType = k
                }
            case .string:
                iteration = .stringScalars(it)
                elementType = .string
            case .error:
                iteration = .array(it)
                elementType = .error
            default:
                report(.cannotIterate(typeName(it.type)), at: it.range)
                iteration = .array(.error(it.range))
                elementType = .error
            }
        }
        _ = isDictionary
        ctx.loopDepth += 1
        pushScope()
        let binding: ForBinding
        switch pattern {
        case .name(let n):
            let (_, l) = declareLocal(n.text, type: elementType, mutable: false, kind: .loopVariable, localKind: .loopVariable,
                                      range: n.range)
            binding = .single(l)
        case .tuple(let names, let pr):
            var types: [WType] = names.map { _ in .error }
            switch elementType {
            case .tuple(let ts):
                if ts.count == names.count { types = ts } else {
                    report(.destructureCount(elements: ts.count, names: names.count), at: pr)
                }
            case .error: break
            default: report(.destructureNonTuple(typeName(elementType)), at: pr)
            }
            var locals: [LocalID?] = []
            for (i, n) in names.enumerated() {
                guard let n else { locals.append(nil); continue }
                let (_, l) = declareLocal(n.text, type: types[i], mutable: false, kind: .loopVariable, localKind: .loopVariable,
                                          range: n.range)
                locals.append(l)
            }
            binding = .tuple(locals)
        }
        pushScope()
        let b = checkStatements(body.statements)
        popScope()
        popScope()
        ctx.loopDepth -= 1
        return TypedStmt(.forLoop(TypedFor(iteration: iteration, binding: binding, body: b)), r)
    }

    func checkReturn(_ e: Expr?, _ r: SourceRange) -> TypedStmt {
        let c = ctx
        if c.kind == .main {
            guard let e else { return TypedStmt(.returnStmt(nil), r) }
            var v = checkExpr(e, expected: c.inferredReturns.first?.type)
            if let first = c.inferredReturns.first?.type {
                v = coerce(v, to: first)
            } else {
                if reportUninferable(v) { v = .error(v.range) }
                c.inferredReturns.append(v)
            }
            return TypedStmt(.returnStmt(v), r)
        }
        if case .setter = c.kind, let local = c.setterField?.local {
            if let e { report(.returnValueFromVoid, at: e.range); _ = checkExpr(e) }
            let t = c.locals[local.index].type
            return TypedStmt(.returnStmt(TypedExpr(.local(local), t, r)), r)
        }
        guard let result = c.resultType else {
            // A lambda inferring its result type.
            guard let e else {
                c.inferredReturns.append(TypedExpr(.error, .void, r))
                return TypedStmt(.returnStmt(nil), r)
            }
            var v = checkExpr(e)
            if reportUninferable(v) { v = .error(v.range) }
            c.inferredReturns.append(v)
            return TypedStmt(.returnStmt(v.type == .void ? nil : v), r)
        }
        if result == .void {
            if let e {
                let v = checkExpr(e)
                if !v.type.isError { report(.returnValueFromVoid, at: e.range) }
            }
            return TypedStmt(.returnStmt(nil), r)
        }
        guard let e else {
            if !result.isError { report(.missingReturnValue, at: r) }
            return TypedStmt(.returnStmt(nil), r)
        }
        return TypedStmt(.returnStmt(checkValue(e, as: result)), r)
    }

    func checkStart(_ e: Expr, _ r: SourceRange) -> TypedStmt {
        guard case .call(let callee, let typeArgs, let args) = e.kind else {
            _ = checkExpr(e)
            report(.startNeedsCall, at: e.range)
            return TypedStmt(.expr(.error(r)), r)
        }
        let call = checkCall(callee, typeArgs, args, expected: nil, e.range, allowCoroutine: true)
        guard case .call(let c) = call.kind else { return TypedStmt(.expr(.error(r)), r) }
        switch c.target {
        case .builtin, .host, .constructClass, .constructStruct:
            report(.startNeedsCall, at: e.range)
            return TypedStmt(.expr(.error(r)), r)
        default:
            return TypedStmt(.start(c), r)
        }
    }

    // MARK: Flow facts (§8.3, §15.3)

    /// Does the list return on every path (§8.3)?
    func statementsReturn(_ stmts: [TypedStmt]) -> Bool {
        stmts.contains { stmtReturns($0, allowJumps: false) }
    }

    /// Does the list leave on every path by `return`, `break` or `continue` (§15.3)?
    func statementsLeave(_ stmts: [TypedStmt]) -> Bool {
        stmts.contains { stmtReturns($0, allowJumps: true) }
    }

    private func stmtReturns(_ s: TypedStmt, allowJumps: Bool) -> Bool {
        switch s.kind {
        case .returnStmt: return true
        case .breakStmt, .continueStmt: return allowJumps
        case .ifStmt(let i):
            guard let e = i.elseBody else { return false }
            return i.thenBody.contains { stmtReturns($0, allowJumps: allowJumps) } && e.contains { stmtReturns($0, allowJumps: allowJumps) }
        case .block(let b): return b.contains { stmtReturns($0, allowJumps: allowJumps) }
        case .when(let w):
            guard w.isExhaustive else { return false }
            return w.arms.allSatisfy { arm in
                if case .statements(let b) = arm.body { return b.contains { stmtReturns($0, allowJumps: allowJumps) } }
                return false
            }
        case .whileLoop(let c, let body):
            if case .boolLiteral(true) = c.kind { return !containsBreak(body) }
            return false
        case .expr(let e):
            if case .error = e.kind { return false }
            return false
        default: return false
        }
    }

    /// A `break` that leaves the loop whose body this is (not one of a nested loop).
    func containsBreak(_ stmts: [TypedStmt]) -> Bool {
        stmts.contains { s in
            switch s.kind {
            case .breakStmt: return true
            case .ifStmt(let i): return containsBreak(i.thenBody) || containsBreak(i.elseBody ?? [])
            case .block(let b): return containsBreak(b)
            case .when(let w):
                return w.arms.contains { arm in
                    if case .statements(let b) = arm.body { return containsBreak(b) }
                    return false
                }
            default: return false
            }
        }
    }
}
