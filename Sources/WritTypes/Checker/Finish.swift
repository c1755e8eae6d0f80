import WritSyntax

/// Phase 7: capture boxing, global flags, output tables.
extension Checker {
    func finish() -> TypedProgram? {
        for i in functions.indices {
            for (k, root) in functions[i].captureRoots.enumerated() {
                guard let root, root.function.index < functions.count, k < functions[i].typed.captures.count else { continue }
                let locals = functions[root.function.index].typed.locals
                if root.local.index < locals.count {
                    functions[i].typed.captures[k].isBoxed = locals[root.local.index].capture == .byBox
                }
            }
        }
        computeInitializationChecks()
        let outClasses = classes.enumerated().map { i, c in
            TypedClass(id: ClassID(i), name: c.name, displayName: c.displayName, module: c.module, range: c.decl.name.range,
                       superclass: c.superclass, fields: c.fields.map(typedField),
                       vtable: c.vtable.map { VTableSlot(name: $0.name, function: $0.function) },
                       staticMethods: c.staticMethods.compactMapValues(\.function), traitTables: c.traitTables,
                       toString: c.toString, isGenericInstance: c.template != nil, typeArguments: c.typeArguments)
        }
        let outStructs = structs.enumerated().map { i, s in
            TypedStruct(id: StructID(i), name: s.name, displayName: s.displayName, module: s.module, range: s.decl.name.range,
                        fields: s.fields.map(typedField), methods: s.methods.compactMapValues(\.function),
                        staticMethods: s.staticMethods.compactMapValues(\.function), toString: s.toString,
                        isGenericInstance: s.template != nil, typeArguments: s.typeArguments)
        }
        let outEnums = enums.map { e in
            TypedEnum(id: e.id, name: e.name, module: e.module, range: e.decl.name.range,
                      cases: zip(e.caseNames, e.caseValues + Array(repeating: [], count: max(0, e.caseNames.count - e.caseValues.count)))
                        .map { TypedEnumCase(name: $0.0, values: $0.1) },
                      fields: e.fields.map(typedField), methods: e.methods.compactMapValues(\.function),
                      staticMethods: e.staticMethods.compactMapValues(\.function), toString: e.toString)
        }
        let outTraits = traits.map { t in
            TypedTrait(id: t.id, name: t.name, module: t.module, range: t.decl.name.range,
                       methods: t.methods.map {
                           TypedTraitMethod(name: $0.name, parameterTypes: $0.signature.parameterTypes, resultType: $0.signature.result,
                                            defaultImplementation: $0.defaultFunction)
                       },
                       toString: t.methods.first { $0.name == "toString" && isToStringSignature($0.signature) }?.defaultFunction)
        }
        let outModules = modules.map { m in
            TypedModule(id: m.id, path: m.path, file: m.file.id, main: m.main, globals: m.globals, imports: m.imports)
        }
        return TypedProgram(modules: outModules, functions: functions.map(\.typed), classes: outClasses, structs: outStructs,
                            enums: outEnums, traits: outTraits, globals: globals.map(\.info), files: files, host: host)
    }

    func typedField(_ f: FieldState) -> TypedField {
        TypedField(name: f.name, type: f.type, isPublic: f.isPublic, isWeak: f.isWeak,
                   hasDefault: f.defaultValue != nil || f.type.isOptional, setter: f.setter, declaringClass: f.declaringClass,
                   range: f.range)
    }

    /// A global read from a function needs the run-time initialisation check unless nothing
    /// before its declaration in the module's top-level code can run a function or end
    /// the top-level code early (§3.2).
    func computeInitializationChecks() {
        for m in modules {
            var unsafe = false
            for s in functions[m.main.index].typed.body {
                if case .varDecl(let d) = s.kind {
                    var targets: [DeclTarget] = []
                    switch d.binding {
                    case .single(let t): targets = [t]
                    case .tuple(let ts): targets = ts.compactMap { $0 }
                    }
                    for case .global(let g) in targets {
                        globals[g.index].info.needsInitializationCheck = unsafe && globals[g.index].info.isReferencedFromFunctions
                            && globals[g.index].info.constant == nil
                    }
                }
                if !unsafe && !isInert(s) { unsafe = true }
            }
        }
    }

    /// Runs no user code and cannot end top-level code early.
    func isInert(_ s: TypedStmt) -> Bool {
        switch s.kind {
        case .varDecl(let d): return isInert(d.value)
        case .expr(let e): return isInert(e)
        case .assign(let a):
            if case .classField(_, _, _, let setter) = a.target.root, setter != nil { return false }
            if a.compound != nil, case .operatorMethod = a.compound! { return false }
            return isInert(a.value)
        case .ifStmt(let i):
            if case .expr(let c) = i.condition, !isInert(c) { return false }
            if case .binding = i.condition { return false }
            return i.thenBody.allSatisfy(isInert) && (i.elseBody ?? []).allSatisfy(isInert)
        case .whileLoop(let c, let b): return isInert(c) && b.allSatisfy(isInert)
        case .block(let b): return b.allSatisfy(isInert)
        case .breakStmt, .continueStmt: return true
        default: return false
        }
    }

    func isInert(_ e: TypedExpr) -> Bool {
        switch e.kind {
        case .intLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .null, .local, .capture, .global, .hostGlobal, .enumCase,
             .functionValue, .closure, .currentClosure, .spreadElement:
            return true
        case .tuple(let es): return es.allSatisfy(isInert)
        case .array(let els):
            return els.allSatisfy {
                switch $0 {
                case .element(let x): isInert(x)
                case .spread(let x, let c): isInert(x) && (c.map(isInert) ?? true)
                }
            }
        case .dictionary(let els):
            return els.allSatisfy {
                switch $0 {
                case .pair(let k, let v): isInert(k) && isInert(v)
                case .spread(let x): isInert(x)
                }
            }
        case .intArithmetic(_, let a, let b), .floatArithmetic(_, let a, let b), .stringAdd(let a, let b), .compare(_, _, let a, let b),
             .and(let a, let b), .or(let a, let b), .coalesce(let a, let b), .arrayIndex(let a, let b), .dictionaryIndex(let a, let b):
            return isInert(a) && isInert(b)
        case .equal(_, let t, let a, let b):
            return isPrimitive(t) && isInert(a) && isInert(b)
        case .intNegate(let a), .floatNegate(let a), .not(let a), .intToFloat(let a), .floatToInt(let a), .wrapOptional(let a),
             .upcast(let a, _), .toTrait(let a, _), .unwrapNarrowed(let a), .narrowedDowncast(let a, _), .field(let a, _),
             .tupleElement(let a, _), .isTest(let a, _), .downcast(let a, _):
            return isInert(a)
        case .ternary(let c, let a, let b): return isInert(c) && isInert(a) && isInert(b)
        case .concat(let a, let b): return isPrimitive(a.type) && isPrimitive(b.type) && isInert(a) && isInert(b)
        case .interpolation(let parts):
            return parts.allSatisfy {
                switch $0 {
                case .text: true
                case .value(let x): isPrimitive(x.type) && isInert(x)
                }
            }
        default:
            return false
        }
    }

    func isPrimitive(_ t: WType) -> Bool {
        switch t {
        case .int, .float, .bool, .string: true
        case .optional(let x): isPrimitive(x)
        default: false
        }
    }
}
