/// Checks the invariants the typed AST promises lowering (the header comments of
/// `TypedExpr.swift`, `TypedStmt.swift`, `TypedDecl.swift`): every type concrete, no error
/// nodes, every ID and local in range, layouts consistent. Returns the problems found
/// (empty for a valid program). Tests run it on every program that checks.
package struct TypedASTValidator {
    let program: TypedProgram
    private var problems: [String] = []
    private var function: TypedFunction?

    package static func validate(_ program: TypedProgram) -> [String] {
        var v = TypedASTValidator(program: program)
        v.run()
        return v.problems
    }

    init(program: TypedProgram) { self.program = program }

    private mutating func problem(_ text: String) {
        if problems.count < 50 { problems.append((function.map { "\($0.displayName): " } ?? "") + text) }
    }

    private mutating func run() {
        for (i, c) in program.classes.enumerated() {
            if c.id.index != i { problem("class \(c.name) has id \(c.id.index) at \(i)") }
            if let s = c.superclass {
                checkID(s.index, program.classes.count, "superclass")
                if s.index < program.classes.count {
                    let parent = program.classes[s.index]
                    if c.fields.count < parent.fields.count || zip(parent.fields, c.fields).contains(where: { $0.name != $1.name }) {
                        problem("class \(c.displayName): fields do not extend \(parent.displayName)'s")
                    }
                    if c.vtable.count < parent.vtable.count || zip(parent.vtable, c.vtable).contains(where: { $0.name != $1.name }) {
                        problem("class \(c.displayName): vtable does not extend \(parent.displayName)'s")
                    }
                }
            }
            for slot in c.vtable { checkID(slot.function.index, program.functions.count, "vtable \(c.displayName).\(slot.name)") }
            for (t, fs) in c.traitTables {
                checkID(t.index, program.traits.count, "trait")
                if t.index < program.traits.count, fs.count != program.traits[t.index].methods.count {
                    problem("class \(c.displayName): table for \(program.traits[t.index].name) has \(fs.count) entries")
                }
                for f in fs { checkID(f.index, program.functions.count, "trait table of \(c.displayName)") }
            }
            for f in c.fields { checkType(f.type, "field \(c.displayName).\(f.name)") }
        }
        for s in program.structs { for f in s.fields { checkType(f.type, "field \(s.displayName).\(f.name)") } }
        for e in program.enums {
            for c in e.cases where c.values.count != e.fields.count { problem("enum \(e.name).\(c.name): \(c.values.count) values") }
        }
        for g in program.globals { checkType(g.type, "global \(g.name)") }
        for m in program.modules {
            checkID(m.main.index, program.functions.count, "main of \(m.path)")
            for g in m.globals { checkID(g.index, program.globals.count, "global of \(m.path)") }
        }
        for (i, f) in program.functions.enumerated() {
            function = f
            if f.id.index != i { problem("id \(f.id.index) at \(i)") }
            for l in f.locals { checkType(l.type, "local \(l.name)") }
            for p in f.parameters { checkLocal(p) }
            if let parent = f.parent { checkID(parent.index, program.functions.count, "parent") }
            for c in f.captures {
                guard let parent = f.parent, parent.index < program.functions.count else {
                    problem("captures without a parent")
                    continue
                }
                let pf = program.functions[parent.index]
                switch c.source {
                case .local(let l): if l.index >= pf.locals.count { problem("capture \(c.name) of missing local") }
                case .capture(let k): if k >= pf.captures.count { problem("capture \(c.name) of missing capture") }
                case .parentClosure: break
                }
            }
            checkType(f.resultType, "result")
            for s in f.body { stmt(s) }
            function = nil
        }
    }

    private mutating func checkID(_ index: Int, _ count: Int, _ what: String) {
        if index < 0 || index >= count { problem("\(what): id \(index) out of range") }
    }

    private mutating func checkLocal(_ l: LocalID) {
        if let f = function, l.index < 0 || l.index >= f.locals.count { problem("local %\(l.index) out of range") }
    }

    private mutating func checkType(_ t: WType, _ what: String) {
        if !t.isConcrete { problem("\(what) has non-concrete type \(program.typeName(t))") }
        switch t {
        case .classType(let c): checkID(c.index, program.classes.count, what)
        case .structType(let s): checkID(s.index, program.structs.count, what)
        case .enumType(let e): checkID(e.index, program.enums.count, what)
        case .traitType(let tr): checkID(tr.index, program.traits.count, what)
        default: break
        }
    }

    private mutating func stmts(_ ss: [TypedStmt]) { for s in ss { stmt(s) } }

    private mutating func stmt(_ s: TypedStmt) {
        switch s.kind {
        case .varDecl(let d):
            expr(d.value)
            switch d.binding {
            case .single(let t): target(t)
            case .tuple(let ts): for t in ts.compactMap({ $0 }) { target(t) }
            }
        case .nestedFunction(let f, let l):
            checkID(f.index, program.functions.count, "nested function")
            checkLocal(l)
        case .assign(let a):
            switch a.target.root {
            case .local(let l): checkLocal(l)
            case .capture(let c): if let f = function, c >= f.captures.count { problem("assignment to missing capture") }
            case .global(let g): checkID(g.index, program.globals.count, "global")
            case .classField(let o, let c, let i, _):
                expr(o)
                if c.index < program.classes.count, i >= program.classes[c.index].fields.count { problem("field \(i) out of range") }
            case .arrayElement(let a, let i), .dictionaryEntry(let a, let i):
                expr(a)
                expr(i)
            case .hostGlobal: break
            }
            checkType(a.target.type, "assignment target")
            expr(a.value)
        case .expr(let e): expr(e)
        case .ifStmt(let i):
            switch i.condition {
            case .expr(let e): expr(e)
            case .binding(let subject, let l, let p):
                expr(subject)
                checkLocal(l)
                pattern(p)
            }
            stmts(i.thenBody)
            if let e = i.elseBody { stmts(e) }
        case .whileLoop(let c, let b):
            expr(c)
            stmts(b)
        case .forLoop(let f):
            switch f.iteration {
            case .range(let lo, let hi, _):
                expr(lo)
                expr(hi)
            case .array(let e), .dictionaryKeys(let e), .dictionaryEntries(let e), .stringScalars(let e): expr(e)
            }
            switch f.binding {
            case .single(let l): if let l { checkLocal(l) }
            case .tuple(let ls): for l in ls.compactMap({ $0 }) { checkLocal(l) }
            }
            stmts(f.body)
        case .when(let w): when(w)
        case .returnStmt(let e): if let e { expr(e) }
        case .breakStmt, .continueStmt: break
        case .start(let c): call(c)
        case .block(let b): stmts(b)
        }
    }

    private mutating func target(_ t: DeclTarget) {
        switch t {
        case .local(let l): checkLocal(l)
        case .global(let g): checkID(g.index, program.globals.count, "global")
        }
    }

    private mutating func when(_ w: TypedWhen) {
        if let s = w.subject { expr(s) }
        if let l = w.subjectLocal { checkLocal(l) }
        for arm in w.arms {
            pattern(arm.pattern)
            switch arm.body {
            case .statements(let ss): stmts(ss)
            case .expr(let e): expr(e)
            }
        }
    }

    private mutating func pattern(_ p: TypedPattern) {
        switch p.test {
        case .anyOf(let items):
            for item in items {
                switch item {
                case .value(let t): expr(t)
                case .range(let lo, let hi, _, let s, _):
                    expr(lo)
                    expr(hi)
                    expr(s)
                }
            }
        case .condition(let c): expr(c)
        default: break
        }
        for b in p.bindings {
            checkLocal(b.local)
            expr(b.value)
        }
        if let g = p.guardCondition { expr(g) }
    }

    private mutating func call(_ c: TypedCall) {
        switch c.target {
        case .function(let f), .directMethod(let f), .superMethod(let f):
            checkID(f.index, program.functions.count, "call target")
        case .nestedFunction(let f, let closure):
            checkID(f.index, program.functions.count, "nested call target")
            expr(closure)
        case .closure(let e): expr(e)
        case .virtualMethod(let cl, let slot, let f):
            checkID(cl.index, program.classes.count, "virtual call class")
            checkID(f.index, program.functions.count, "virtual call target")
            if cl.index < program.classes.count, slot >= program.classes[cl.index].vtable.count { problem("vtable slot out of range") }
        case .traitMethod(let t, let m):
            checkID(t.index, program.traits.count, "trait call")
            if t.index < program.traits.count, m >= program.traits[t.index].methods.count { problem("trait method out of range") }
        case .constructClass(let cl): checkID(cl.index, program.classes.count, "constructor")
        case .constructStruct(let s): checkID(s.index, program.structs.count, "constructor")
        case .builtin, .host: break
        }
        if let r = c.receiver { expr(r) }
        for a in c.arguments { expr(a.value) }
        for d in c.fieldDefaults { expr(d.value) }
    }

    private mutating func expr(_ e: TypedExpr) {
        checkType(e.type, "expression")
        switch e.kind {
        case .error: problem("error node")
        case .intLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .null, .currentClosure, .hostGlobal, .spreadElement: break
        case .local(let l): checkLocal(l)
        case .capture(let c): if let f = function, c >= f.captures.count { problem("capture \(c) out of range") }
        case .global(let g): checkID(g.index, program.globals.count, "global")
        case .enumCase(let en, let c):
            checkID(en.index, program.enums.count, "enum")
            if en.index < program.enums.count, c >= program.enums[en.index].cases.count { problem("enum case out of range") }
        case .functionValue(let f), .closure(let f): checkID(f.index, program.functions.count, "function value")
        case .tuple(let es): for x in es { expr(x) }
        case .array(let els):
            for el in els {
                switch el {
                case .element(let x): expr(x)
                case .spread(let x, let c):
                    expr(x)
                    if let c { expr(c) }
                }
            }
        case .dictionary(let els):
            for el in els {
                switch el {
                case .pair(let k, let v):
                    expr(k)
                    expr(v)
                case .spread(let x): expr(x)
                }
            }
        case .interpolation(let parts): for case .value(let x) in parts { expr(x) }
        case .intArithmetic(_, let a, let b), .floatArithmetic(_, let a, let b), .stringAdd(let a, let b), .concat(let a, let b),
             .compare(_, _, let a, let b), .equal(_, _, let a, let b), .and(let a, let b), .or(let a, let b), .coalesce(let a, let b),
             .arrayIndex(let a, let b), .dictionaryIndex(let a, let b):
            expr(a)
            expr(b)
        case .intNegate(let a), .floatNegate(let a), .not(let a), .isTest(let a, _), .intToFloat(let a), .floatToInt(let a),
             .wrapOptional(let a), .upcast(let a, _), .toTrait(let a, _), .downcast(let a, _), .unwrapNarrowed(let a),
             .narrowedDowncast(let a, _), .field(let a, _), .tupleElement(let a, _), .propagate(let a):
            expr(a)
        case .ternary(let c, let a, let b):
            expr(c)
            expr(a)
            expr(b)
        case .call(let c): call(c)
        case .optionalChain(let c):
            expr(c.base)
            checkLocal(c.valueLocal)
            expr(c.member)
        case .when(let w): when(w)
        case .yield(let y):
            switch y {
            case .nextFrame: break
            case .waitForFrames(let x), .waitForSeconds(let x), .waitUntil(let x): expr(x)
            case .call(let c): call(c)
            }
        }
    }
}
