import WritSyntax

/// Driving body checks: contexts, scopes, bindings and captures.
extension Checker {
    var ctx: FunctionContext { contexts[contexts.count - 1] }

    // MARK: Phases 4–6

    func checkTopLevelCode() {
        for mi in modules.indices { checkMain(ModuleID(mi)) }
    }

    func checkBodies() {
        // Non-generic bodies were queued when their functions were created.
        drainWorklist()
        for t in templates.indices where isCheckableTemplate(TemplateID(t)) { ensureTemplateChecked(TemplateID(t)) }
        for c in classes.indices where classes[c].template == nil { checkFieldDefaults(.classRef(ClassID(c))) }
        for s in structs.indices where structs[s].template == nil { checkFieldDefaults(.structRef(StructID(s))) }
        for e in enums.indices { evaluateEnumCases(EnumID(e)) }
    }

    func drainWorklist() {
        var i = 0
        while i < worklist.count {
            checkPendingBody(worklist[i])
            i += 1
        }
        worklist.removeAll()
    }

    func checkPendingBody(_ id: FunctionID) {
        let state = fn(id)
        guard let pending = state.pending else { return }
        modifyFunction(id) { $0.pending = nil }
        if !isScratch(id), let t = state.template {
            ensureTemplateChecked(t)
            if templates[t.index].hadErrors { return }
        }
        let savedContexts = contexts
        let savedNames = scopeNames
        let savedStack = scopeStack
        let savedNarrowed = narrowed
        let savedDepth = instantiationDepth
        contexts = []
        scopeNames = [:]
        scopeStack = []
        narrowed = [:]
        switch pending {
        case .function(let decl, let env):
            instantiationDepth = env.instantiationDepth
            checkFunctionBody(id, decl, env)
        case .setter(let field, let setter, let fieldIndex, let env):
            instantiationDepth = env.instantiationDepth
            checkSetterBody(id, field, setter, fieldIndex: fieldIndex, env)
        }
        contexts = savedContexts
        scopeNames = savedNames
        scopeStack = savedStack
        narrowed = savedNarrowed
        instantiationDepth = savedDepth
    }

    // MARK: Contexts

    func pushContext(_ c: FunctionContext) {
        c.depthIndex = contexts.count
        contexts.append(c)
        pushScope()
    }

    /// Pops the current context and stores its function.
    func popContext(parameters: [LocalID], body: [TypedStmt]) {
        popScope()
        let c = contexts.removeLast()
        var locals = c.locals
        for i in locals.indices where c.localCaptured[i] {
            locals[i].capture = c.localAssigned[i] ? .byBox : .byValue
        }
        let captures = c.captures
        let roots = c.captureRoots
        let coroutine = c.isCoroutine
        modifyFunction(c.functionID) {
            $0.typed.parameters = parameters
            $0.typed.locals = locals
            $0.typed.body = body
            $0.typed.captures = captures
            $0.typed.isCoroutine = coroutine
            $0.captureRoots = roots
        }
    }

    func selfTypeForContext(_ env: BodyEnvironment) -> WType? {
        env.typeContext.map(selfType(of:))
    }

    func checkFunctionBody(_ id: FunctionID, _ decl: FuncDecl, _ env: BodyEnvironment) {
        let state = fn(id)
        let sig = state.signature
        let c = FunctionContext(functionID: id, kind: state.typed.kind, env: env, resultType: sig.result,
                                isCoroutine: state.typed.isCoroutine, isLambda: false)
        pushContext(c)
        var params: [LocalID] = []
        switch state.typed.kind {
        case .method, .traitDefault, .setter:
            if let st = selfTypeForContext(env) {
                let (b, l) = declareLocal("self", type: st, mutable: false, kind: .selfParameter, localKind: .selfParameter,
                                          range: decl.name.range, checkDuplicate: false)
                c.selfBinding = b
                c.selfType = st
                params.append(l)
            }
        default: break
        }
        for (i, p) in decl.params.enumerated() where i < sig.parameterTypes.count {
            let (_, l) = declareLocal(p.name.text, type: sig.parameterTypes[i], mutable: false, kind: .parameter,
                                      localKind: .parameter, range: p.name.range, checkDuplicate: false)
            params.append(l)
        }
        var body: [TypedStmt] = []
        if let block = decl.body {
            c.closureScanSource = .statements(block.statements)
            pushScope()
            body = checkStatements(block.statements)
            popScope()
            if sig.result != .void && !sig.result.isError && !statementsReturn(body) {
                report(.missingReturn(decl.name.text), at: decl.name.range)
            }
        }
        popContext(parameters: params, body: body)
    }

    /// A setter body (§10.6). In a struct setter `field` is a local holding the new field value,
    /// returned at the end.
    func checkSetterBody(_ id: FunctionID, _ field: FieldDecl, _ setter: Setter, fieldIndex: Int, _ env: BodyEnvironment) {
        let state = fn(id)
        let sig = state.signature
        let isStruct: Bool = if case .structRef = env.typeContext { true } else { false }
        let c = FunctionContext(functionID: id, kind: .setter, env: env, resultType: sig.result, isCoroutine: false, isLambda: false)
        pushContext(c)
        var params: [LocalID] = []
        let selfT = sig.parameterTypes[0]
        let (sb, sl) = declareLocal("self", type: selfT, mutable: false, kind: .selfParameter, localKind: .selfParameter,
                                    range: setter.range, checkDuplicate: false)
        c.selfBinding = sb
        c.selfType = selfT
        params.append(sl)
        let (_, pl) = declareLocal(setter.param.text, type: sig.parameterTypes[1], mutable: false, kind: .parameter,
                                   localKind: .parameter, range: setter.param.range, checkDuplicate: false)
        params.append(pl)
        var body: [TypedStmt] = []
        if isStruct, case .structType(let sid) = selfT {
            let fl = c.addLocal("field", sig.parameterTypes[1], mutable: true, kind: .setterField, range: setter.range)
            c.setterField = (fieldIndex, fl)
            let read = TypedExpr(.field(TypedExpr(.local(sl), selfT, setter.range), .structField(sid, fieldIndex)),
                                 sig.parameterTypes[1], setter.range)
            body.append(TypedStmt(.varDecl(TypedVarDecl(binding: .single(.local(fl)), value: read, constant: nil)), setter.range))
        } else {
            c.setterField = (fieldIndex, nil)
        }
        c.closureScanSource = .statements(setter.body.statements)
        pushScope()
        body += checkStatements(setter.body.statements)
        popScope()
        if isStruct, let fl = c.setterField?.local {
            body.append(TypedStmt(.returnStmt(TypedExpr(.local(fl), sig.parameterTypes[1], setter.range)), setter.range))
        }
        popContext(parameters: params, body: body)
    }

    // MARK: Top-level code

    func checkMain(_ module: ModuleID) {
        let mainID = modules[module.index].main
        let env = BodyEnvironment(module: module, typeEnv: [:], typeContext: nil, isTemplateCheck: false, instantiationDepth: 0)
        let c = FunctionContext(functionID: mainID, kind: .main, env: env, resultType: nil, isCoroutine: false, isLambda: false)
        contexts = []
        scopeNames = [:]
        scopeStack = []
        narrowed = [:]
        pushContext(c)
        let items = modules[module.index].syntax.items
        var statements: [Stmt] = []
        var itemIndices: [Int] = []
        for (i, item) in items.enumerated() {
            if case .statement(let s) = item {
                statements.append(s)
                itemIndices.append(i)
            }
        }
        c.closureScanSource = .statements(statements)
        var body: [TypedStmt] = []
        topLevelItemIndices = itemIndices
        for (k, s) in statements.enumerated() {
            currentTopLevelItem = itemIndices[k]
            currentTopLevelStatements = statements
            currentTopLevelPosition = k
            if !onDemandDecls.isEmpty, let cached = onDemandDecls[DeclSite(module: module, item: itemIndices[k])] {
                body.append(cached)
                continue
            }
            body.append(checkStatement(s))
        }
        currentTopLevelItem = Int.max
        // Every global gets a type even if its declaration was never reached.
        for g in modules[module.index].globals where globals[g.index].typeState != .done {
            globals[g.index].typeState = .done
        }
        // The result type of <main>: Optional of the common type of top-level return values.
        var result: WType = .void
        if !c.inferredReturns.isEmpty {
            let t = c.inferredReturns[0].type
            result = t == .void ? .void : .optional(of: t)
        }
        if result != .void {
            body = wrapMainReturns(body, result)
            if !statementsReturn(body) {
                body.append(TypedStmt(.returnStmt(TypedExpr(.null, result, modules[module.index].syntax.range)),
                                      modules[module.index].syntax.range))
            }
        }
        modifyFunction(mainID) { $0.signature.result = result; $0.typed.resultType = result }
        popContext(parameters: [], body: body)
    }

    /// Wraps `return v` values of `<main>` into the Optional result (bare returns give null).
    func wrapMainReturns(_ stmts: [TypedStmt], _ result: WType) -> [TypedStmt] {
        stmts.map { s in
            var s = s
            switch s.kind {
            case .returnStmt(let e):
                if let e {
                    s.kind = .returnStmt(e.type == result ? e : TypedExpr(.wrapOptional(e), result, e.range))
                } else {
                    s.kind = .returnStmt(TypedExpr(.null, result, s.range))
                }
            case .ifStmt(var i):
                i.thenBody = wrapMainReturns(i.thenBody, result)
                i.elseBody = i.elseBody.map { wrapMainReturns($0, result) }
                s.kind = .ifStmt(i)
            case .whileLoop(let c, let b): s.kind = .whileLoop(condition: c, body: wrapMainReturns(b, result))
            case .forLoop(var f):
                f.body = wrapMainReturns(f.body, result)
                s.kind = .forLoop(f)
            case .block(let b): s.kind = .block(wrapMainReturns(b, result))
            case .when(var w):
                for i in w.arms.indices {
                    if case .statements(let b) = w.arms[i].body { w.arms[i].body = .statements(wrapMainReturns(b, result)) }
                }
                s.kind = .when(w)
            default: break
            }
            return s
        }
    }

    // MARK: Scopes and bindings

    func pushScope() { scopeStack.append([]) }

    func popScope() {
        for index in scopeStack.removeLast().reversed() {
            let name = bindings[index].name
            if let previous = bindings[index].shadowed { scopeNames[name] = previous } else { scopeNames[name] = nil }
        }
    }

    /// Declares a local in the innermost scope of the current function.
    @discardableResult
    func declareLocal(_ name: String, type: WType, mutable: Bool, kind: BindingKind, localKind: LocalKind, range: SourceRange,
                      checkDuplicate: Bool = true) -> (Int, LocalID) {
        let top = scopeNames[name]
        if checkDuplicate, let top, bindings[top].scopeDepth == scopeStack.count, bindings[top].owner === ctx {
            report(.duplicateDeclaration(name), at: range)
        }
        let local = ctx.addLocal(name, type, mutable: mutable, kind: localKind, range: range)
        bindings.append(Binding(name: name, owner: ctx, local: local, type: type, isMutable: mutable, kind: kind,
                                scopeDepth: scopeStack.count, range: range, shadowed: top))
        let index = bindings.count - 1
        scopeNames[name] = index
        scopeStack[scopeStack.count - 1].append(index)
        return (index, local)
    }

    /// A temporary local of the current function (not nameable).
    func temporary(_ name: String, _ type: WType, _ range: SourceRange) -> LocalID {
        ctx.addLocal(name, type, mutable: false, kind: .temporary, range: range)
    }

    /// The innermost binding named `name`.
    func lookupBinding(_ name: String) -> Int? { scopeNames.isEmpty ? nil : scopeNames[name] }

    /// A read of binding `index` from the current function: a local, a capture, or the
    /// current closure (for a nested function naming itself).
    func readBinding(_ index: Int, range: SourceRange) -> TypedExpr {
        if bindings[index].owner === ctx {
            if case .constant(let c) = bindings[index].kind { return literal(c, bindings[index].type, range) }
            return TypedExpr(.local(bindings[index].local), bindings[index].type, range)
        }
        let b = bindings[index]
        if case .constant(let c) = b.kind { return literal(c, b.type, range) }
        if case .nestedFunction(let fid) = b.kind, ctx.functionID == fid {
            return TypedExpr(.currentClosure, b.type, range)
        }
        let i = captureIndex(of: index)
        return TypedExpr(.capture(i), b.type, range)
    }

    /// Makes every function between the binding's owner and the current one capture it;
    /// returns the current function's capture index.
    func captureIndex(of index: Int) -> Int {
        let b = bindings[index]
        var start = b.owner.depthIndex
        var source: CaptureSource = .local(b.local)
        var firstKey: CaptureKey = .binding(index)
        var root: CaptureRoot? = CaptureRoot(function: b.owner.functionID, local: b.local)
        if case .nestedFunction(let fid) = b.kind,
           let k = contexts.indices.last(where: { $0 > start && contexts[$0].functionID == fid }) {
            start = k
            source = .parentClosure
            firstKey = .parentClosure
            root = nil
        } else {
            b.owner.localCaptured[b.local.index] = true
        }
        let isSelf: Bool = if case .selfParameter = b.kind { true } else { false }
        var result = 0
        for level in (start + 1)..<contexts.count {
            let c = contexts[level]
            let key: CaptureKey = level == start + 1 ? firstKey : .binding(index)
            if let existing = c.captureIndex[key] {
                result = existing
            } else {
                c.captures.append(CaptureInfo(name: b.name, type: b.type, source: source, isBoxed: false, isSelf: isSelf))
                c.captureRoots.append(root)
                result = c.captures.count - 1
                c.captureIndex[key] = result
            }
            source = .capture(result)
        }
        return result
    }

    func literal(_ c: ConstantValue, _ type: WType, _ range: SourceRange) -> TypedExpr {
        switch c {
        case .int(let v): TypedExpr(.intLiteral(v), .int, range)
        case .float(let v): TypedExpr(.floatLiteral(v), .float, range)
        case .bool(let v): TypedExpr(.boolLiteral(v), .bool, range)
        case .string(let v): TypedExpr(.stringLiteral(v), .string, range)
        case .null: TypedExpr(.null, type, range)
        }
    }

    /// The binding of `self` visible from the current function (methods and closures in them).
    func selfBindingIndex() -> Int? {
        if fieldDefaultDepth > 0 { return nil }
        for c in contexts.reversed() {
            if let b = c.selfBinding { return b }
            if !c.isLambda && c.kind != .nested { return nil }
        }
        return nil
    }

    /// The type whose body encloses the current code.
    var currentTypeContext: TypeContextRef? { contexts.last?.env.typeContext }

    /// True inside a function, lambda, method or field default (not directly in top-level code).
    var inFunctionCode: Bool { ctx.kind != .main || fieldDefaultDepth > 0 }
}
