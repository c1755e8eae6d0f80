/// A textual dump of a typed program, for tests and debugging (`writ check --dump-typed`
/// style). One line per node, indented by two spaces per level; every expression shows
/// its type after a colon. The format is for people; tests compare fragments of it.
package struct TypedASTPrinter {
    package let program: TypedProgram
    private var out = ""
    private var function: TypedFunction?

    package init(program: TypedProgram) { self.program = program }

    /// The whole program: types, globals, then every function.
    package static func dump(_ program: TypedProgram) -> String {
        var p = TypedASTPrinter(program: program)
        p.printProgram()
        return p.out
    }

    /// One function.
    package static func dump(_ program: TypedProgram, function id: FunctionID) -> String {
        var p = TypedASTPrinter(program: program)
        p.printFunction(program[id])
        return p.out
    }

    private func t(_ type: WType) -> String { program.typeName(type) }

    private mutating func line(_ indent: Int, _ text: String) {
        out += String(repeating: "  ", count: indent) + text + "\n"
    }

    private func fname(_ id: FunctionID) -> String { "f\(id.index)<\(program[id].displayName)>" }

    package mutating func printProgram() {
        for m in program.modules {
            line(0, "module m\(m.id.index) \"\(m.path)\" main=\(fname(m.main)) imports=\(m.imports.map { "m\($0.index)" })")
            for g in m.globals {
                let gl = program[g]
                var flags: [String] = []
                if gl.isMutable { flags.append("var") }
                if gl.isExported { flags.append("export") }
                if gl.isReferencedFromFunctions { flags.append("fromFunctions") }
                if gl.needsInitializationCheck { flags.append("initCheck") }
                if let c = gl.constant { flags.append("const=\(constant(c))") }
                line(1, "global g\(g.index) \(gl.name): \(t(gl.type)) \(flags.joined(separator: " "))")
            }
        }
        for c in program.classes {
            var head = "class c\(c.id.index) \(c.displayName)"
            if let s = c.superclass { head += " extends c\(s.index)" }
            if let ts = c.toString { head += " toString=\(fname(ts))" }
            line(0, head)
            for (i, f) in c.fields.enumerated() { line(1, "field \(i) " + field(f)) }
            for (i, s) in c.vtable.enumerated() { line(1, "slot \(i) \(s.name) -> \(fname(s.function))") }
            for (name, f) in c.staticMethods.sorted(by: { $0.key < $1.key }) { line(1, "static \(name) -> \(fname(f))") }
            for (trait, fs) in c.traitTables.sorted(by: { $0.key < $1.key }) {
                line(1, "trait \(program[trait].name): \(fs.map(fname).joined(separator: ", "))")
            }
        }
        for s in program.structs {
            var head = "struct s\(s.id.index) \(s.displayName)"
            if let ts = s.toString { head += " toString=\(fname(ts))" }
            line(0, head)
            for (i, f) in s.fields.enumerated() { line(1, "field \(i) " + field(f)) }
            for (name, f) in s.methods.sorted(by: { $0.key < $1.key }) { line(1, "method \(name) -> \(fname(f))") }
            for (name, f) in s.staticMethods.sorted(by: { $0.key < $1.key }) { line(1, "static \(name) -> \(fname(f))") }
        }
        for e in program.enums {
            line(0, "enum e\(e.id.index) \(e.name)")
            for f in e.fields { line(1, "field " + field(f)) }
            for (i, c) in e.cases.enumerated() { line(1, "case \(i) \(c.name)(\(c.values.map(constant).joined(separator: ", ")))") }
            for (name, f) in e.methods.sorted(by: { $0.key < $1.key }) { line(1, "method \(name) -> \(fname(f))") }
        }
        for tr in program.traits {
            line(0, "trait t\(tr.id.index) \(tr.name)")
            for (i, m) in tr.methods.enumerated() {
                let d = m.defaultImplementation.map { " default=\(fname($0))" } ?? ""
                line(1, "method \(i) \(m.name)(\(m.parameterTypes.map(t).joined(separator: ", "))) -> \(t(m.resultType))\(d)")
            }
        }
        for f in program.functions { printFunction(f) }
    }

    private func field(_ f: TypedField) -> String {
        var s = "\(f.name): \(t(f.type))"
        if f.isPublic { s += " public" }
        if f.isWeak { s += " weak" }
        if f.hasDefault { s += " default" }
        if let st = f.setter { s += " setter=\(fname(st))" }
        return s
    }

    private func constant(_ c: ConstantValue) -> String {
        switch c {
        case .int(let v): "\(v)"
        case .float(let v): "\(v)"
        case .bool(let v): "\(v)"
        case .string(let v): "\"\(v)\""
        case .null: "null"
        }
    }

    package mutating func printFunction(_ f: TypedFunction) {
        let saved = function
        function = f
        defer { function = saved }
        var head = "func \(fname(f.id)) \(f.kind)"
        if let p = f.parent { head += " parent=f\(p.index)" }
        if f.isCoroutine { head += " coroutine" }
        if f.isVariadic { head += " variadic" }
        head += " (\(f.parameters.map { local($0) + ": " + t(f.locals[$0.index].type) }.joined(separator: ", "))) -> \(t(f.resultType))"
        line(0, head)
        for (i, l) in f.locals.enumerated() {
            var s = "local %\(i) \(l.name): \(t(l.type)) \(l.kind)"
            if l.isMutable { s += " var" }
            if l.capture != .notCaptured { s += " captured=\(l.capture)" }
            line(1, s)
        }
        for (i, c) in f.captures.enumerated() {
            var s = "capture \(i) \(c.name): \(t(c.type)) from "
            switch c.source {
            case .local(let l): s += "local %\(l.index)"
            case .capture(let k): s += "capture \(k)"
            case .parentClosure: s += "parent closure"
            }
            if c.isBoxed { s += " boxed" }
            if c.isSelf { s += " self" }
            line(1, s)
        }
        for st in f.body { stmt(st, 1) }
    }

    private func local(_ id: LocalID) -> String {
        let name = function.map { $0.locals.indices.contains(id.index) ? $0.locals[id.index].name : "?" } ?? "?"
        return "%\(id.index)(\(name))"
    }

    private func target(_ d: DeclTarget) -> String {
        switch d {
        case .local(let l): local(l)
        case .global(let g): "g\(g.index)(\(program[g].name))"
        }
    }

    private mutating func block(_ label: String, _ stmts: [TypedStmt], _ i: Int) {
        line(i, label)
        for s in stmts { stmt(s, i + 1) }
    }

    private mutating func stmt(_ s: TypedStmt, _ i: Int) {
        switch s.kind {
        case .varDecl(let d):
            switch d.binding {
            case .single(let tg): line(i, "let \(target(tg))")
            case .tuple(let tgs): line(i, "let (\(tgs.map { $0.map(target) ?? "_" }.joined(separator: ", ")))")
            }
            expr(d.value, i + 1)
        case .nestedFunction(let f, let l):
            line(i, "nested \(fname(f)) -> \(local(l))")
        case .assign(let a):
            var head = "assign"
            if let c = a.compound { head += " \(compound(c))" }
            line(i, head + " " + assignTarget(a.target))
            printRoot(a.target.root, i + 1)
            expr(a.value, i + 1)
        case .expr(let e):
            line(i, "expr")
            expr(e, i + 1)
        case .ifStmt(let s): ifStmt(s, i)
        case .whileLoop(let c, let body):
            line(i, "while")
            expr(c, i + 1)
            block("do", body, i)
        case .forLoop(let f):
            let b: String = switch f.binding {
            case .single(let l): l.map(local) ?? "_"
            case .tuple(let ls): "(" + ls.map { $0.map(local) ?? "_" }.joined(separator: ", ") + ")"
            }
            switch f.iteration {
            case .range(let lo, let hi, let inc):
                line(i, "for \(b) in range\(inc ? " inclusive" : "")")
                expr(lo, i + 1)
                expr(hi, i + 1)
            case .array(let e): line(i, "for \(b) in array"); expr(e, i + 1)
            case .dictionaryKeys(let e): line(i, "for \(b) in dictionary keys"); expr(e, i + 1)
            case .dictionaryEntries(let e): line(i, "for \(b) in dictionary entries"); expr(e, i + 1)
            case .stringScalars(let e): line(i, "for \(b) in string"); expr(e, i + 1)
            }
            block("do", f.body, i)
        case .when(let w): when(w, i)
        case .returnStmt(let e):
            line(i, "return")
            if let e { expr(e, i + 1) }
        case .breakStmt: line(i, "break")
        case .continueStmt: line(i, "continue")
        case .start(let c):
            line(i, "start")
            call(c, i + 1)
        case .block(let b): block("block", b, i)
        }
    }

    private func compound(_ c: CompoundOperation) -> String {
        switch c {
        case .intArithmetic(let op): "int.\(op)"
        case .floatArithmetic(let op): "float.\(op)"
        case .stringAdd: "string.add"
        case .operatorMethod(let target): "method \(callTarget(target))"
        }
    }

    private func assignTarget(_ a: AssignTarget) -> String {
        var s: String = switch a.root {
        case .local(let l): local(l)
        case .capture(let c): "capture \(c)"
        case .global(let g): "g\(g.index)(\(program[g].name))"
        case .classField(_, let c, let f, let setter):
            "field c\(c.index).\(f)" + (setter.map { " setter=\(fname($0))" } ?? "")
        case .arrayElement: "array element"
        case .dictionaryEntry: "dictionary entry"
        case .hostGlobal(let h): "hostGlobal \(program.host.globals[h.index].name)"
        }
        for step in a.path {
            s += " .s\(step.structID.index).\(step.fieldIndex)" + (step.setter.map { " setter=\(fname($0))" } ?? "")
        }
        return s + ": " + t(a.type)
    }

    private mutating func printRoot(_ r: AssignRoot, _ i: Int) {
        switch r {
        case .classField(let o, _, _, _): expr(o, i)
        case .arrayElement(let a, let x), .dictionaryEntry(let a, let x):
            expr(a, i)
            expr(x, i)
        default: break
        }
    }

    private mutating func ifStmt(_ s: TypedIf, _ i: Int) {
        switch s.condition {
        case .expr(let e):
            line(i, "if")
            expr(e, i + 1)
        case .binding(let subject, let l, let p):
            line(i, "if binding subject=\(local(l))")
            expr(subject, i + 1)
            pattern(p, i + 1)
        }
        block("then", s.thenBody, i)
        if let e = s.elseBody { block("else", e, i) }
    }

    private mutating func pattern(_ p: TypedPattern, _ i: Int) {
        switch p.test {
        case .always: line(i, "pattern always")
        case .anyOf(let items):
            line(i, "pattern anyOf")
            for item in items {
                switch item {
                case .value(let test): expr(test, i + 1)
                case .range(let lo, let hi, let inc, let subj, let isFloat):
                    line(i + 1, "range\(inc ? " inclusive" : "")\(isFloat ? " float" : "")")
                    expr(subj, i + 2)
                    expr(lo, i + 2)
                    expr(hi, i + 2)
                }
            }
        case .condition(let e):
            line(i, "pattern condition")
            expr(e, i + 1)
        case .type(let test): line(i, "pattern is \(typeTest(test))")
        case .success: line(i, "pattern Success")
        case .error: line(i, "pattern Error")
        }
        for b in p.bindings {
            line(i + 1, "bind \(local(b.local))")
            expr(b.value, i + 2)
        }
        if let g = p.guardCondition {
            line(i + 1, "guard")
            expr(g, i + 2)
        }
    }

    private mutating func when(_ w: TypedWhen, _ i: Int) {
        line(i, "when\(w.isStatement ? " statement" : "")\(w.isExhaustive ? " exhaustive" : "")" + (w.subjectLocal.map { " subject=\(local($0))" } ?? ""))
        if let s = w.subject { expr(s, i + 1) }
        for arm in w.arms {
            line(i + 1, "arm")
            pattern(arm.pattern, i + 2)
            switch arm.body {
            case .statements(let ss): block("do", ss, i + 2)
            case .expr(let e): expr(e, i + 2)
            }
        }
    }

    private func typeTest(_ test: TypeTest) -> String {
        switch test {
        case .classInstance(let c): "class c\(c.index)"
        case .traitConformance(let tr): "trait t\(tr.index)"
        case .always(let b): "always \(b)"
        }
    }

    private func castTarget(_ c: CastTarget) -> String {
        switch c {
        case .classType(let id): "class c\(id.index)"
        case .traitType(let id): "trait t\(id.index)"
        }
    }

    private func callTarget(_ c: CallTarget) -> String {
        switch c {
        case .function(let f): "function \(fname(f))"
        case .nestedFunction(let f, _): "nested \(fname(f))"
        case .closure: "closure"
        case .virtualMethod(let c, let slot, let f): "virtual c\(c.index) slot \(slot) (\(fname(f)))"
        case .traitMethod(let tr, let m): "trait t\(tr.index) method \(m)"
        case .directMethod(let f): "direct \(fname(f))"
        case .superMethod(let f): "super \(fname(f))"
        case .constructClass(let c): "construct class c\(c.index)"
        case .constructStruct(let s): "construct struct s\(s.index)"
        case .builtin(let b): "builtin \(b.rawValue)"
        case .host(let h): "host \(program.host.functions[h.index].name)"
        }
    }

    private mutating func call(_ c: TypedCall, _ i: Int) {
        line(i, "call \(callTarget(c.target))")
        switch c.target {
        case .closure(let callee), .nestedFunction(_, let callee):
            line(i + 1, "callee")
            expr(callee, i + 2)
        default: break
        }
        if let r = c.receiver {
            line(i + 1, "receiver")
            expr(r, i + 2)
        }
        for a in c.arguments {
            line(i + 1, "arg \(a.parameterIndex)")
            expr(a.value, i + 2)
        }
        for d in c.fieldDefaults {
            line(i + 1, "default \(d.fieldIndex)")
            expr(d.value, i + 2)
        }
    }

    private mutating func expr(_ e: TypedExpr, _ i: Int) {
        let ty = ": " + t(e.type)
        switch e.kind {
        case .intLiteral(let v): line(i, "int \(v)" + ty)
        case .floatLiteral(let v): line(i, "float \(v)" + ty)
        case .boolLiteral(let v): line(i, "bool \(v)" + ty)
        case .stringLiteral(let v): line(i, "string \(v.debugDescription)" + ty)
        case .null: line(i, "null" + ty)
        case .local(let l): line(i, "local \(local(l))" + ty)
        case .capture(let c): line(i, "capture \(c)" + (function.map { $0.captures.indices.contains(c) ? "(\($0.captures[c].name))" : "" } ?? "") + ty)
        case .currentClosure: line(i, "currentClosure" + ty)
        case .global(let g): line(i, "global g\(g.index)(\(program[g].name))" + ty)
        case .hostGlobal(let g): line(i, "hostGlobal \(program.host.globals[g.index].name)" + ty)
        case .enumCase(let en, let c): line(i, "enumCase \(program[en].name).\(program[en].cases[c].name)" + ty)
        case .functionValue(let f): line(i, "functionValue \(fname(f))" + ty)
        case .closure(let f):
            line(i, "closure \(fname(f))" + ty)
        case .spreadElement: line(i, "spreadElement" + ty)
        case .tuple(let es): line(i, "tuple" + ty); for x in es { expr(x, i + 1) }
        case .array(let els):
            line(i, "array" + ty)
            for el in els {
                switch el {
                case .element(let x): expr(x, i + 1)
                case .spread(let x, let conv):
                    line(i + 1, "spread")
                    expr(x, i + 2)
                    if let conv { line(i + 2, "convert"); expr(conv, i + 3) }
                }
            }
        case .dictionary(let els):
            line(i, "dictionary" + ty)
            for el in els {
                switch el {
                case .pair(let k, let v): line(i + 1, "pair"); expr(k, i + 2); expr(v, i + 2)
                case .spread(let x): line(i + 1, "spread"); expr(x, i + 2)
                }
            }
        case .interpolation(let parts):
            line(i, "interpolation" + ty)
            for p in parts {
                switch p {
                case .text(let s): line(i + 1, "text \(s.debugDescription)")
                case .value(let x): expr(x, i + 1)
                }
            }
        case .intArithmetic(let op, let a, let b): line(i, "int.\(op)" + ty); expr(a, i + 1); expr(b, i + 1)
        case .floatArithmetic(let op, let a, let b): line(i, "float.\(op)" + ty); expr(a, i + 1); expr(b, i + 1)
        case .intNegate(let a): line(i, "int.negate" + ty); expr(a, i + 1)
        case .floatNegate(let a): line(i, "float.negate" + ty); expr(a, i + 1)
        case .stringAdd(let a, let b): line(i, "string.add" + ty); expr(a, i + 1); expr(b, i + 1)
        case .concat(let a, let b): line(i, "concat" + ty); expr(a, i + 1); expr(b, i + 1)
        case .compare(let op, let k, let a, let b): line(i, "\(k).\(op)" + ty); expr(a, i + 1); expr(b, i + 1)
        case .equal(let neg, let ot, let a, let b):
            line(i, "\(neg ? "notEqual" : "equal") as \(t(ot))" + ty); expr(a, i + 1); expr(b, i + 1)
        case .and(let a, let b): line(i, "and" + ty); expr(a, i + 1); expr(b, i + 1)
        case .or(let a, let b): line(i, "or" + ty); expr(a, i + 1); expr(b, i + 1)
        case .not(let a): line(i, "not" + ty); expr(a, i + 1)
        case .coalesce(let a, let b): line(i, "coalesce" + ty); expr(a, i + 1); expr(b, i + 1)
        case .ternary(let c, let a, let b): line(i, "ternary" + ty); expr(c, i + 1); expr(a, i + 1); expr(b, i + 1)
        case .isTest(let a, let test): line(i, "is \(typeTest(test))" + ty); expr(a, i + 1)
        case .intToFloat(let a): line(i, "intToFloat" + ty); expr(a, i + 1)
        case .floatToInt(let a): line(i, "floatToInt" + ty); expr(a, i + 1)
        case .wrapOptional(let a): line(i, "wrapOptional" + ty); expr(a, i + 1)
        case .upcast(let a, let c): line(i, "upcast c\(c.index)" + ty); expr(a, i + 1)
        case .toTrait(let a, let tr): line(i, "toTrait t\(tr.index)" + ty); expr(a, i + 1)
        case .downcast(let a, let c): line(i, "downcast \(castTarget(c))" + ty); expr(a, i + 1)
        case .unwrapNarrowed(let a): line(i, "unwrapNarrowed" + ty); expr(a, i + 1)
        case .narrowedDowncast(let a, let c): line(i, "narrowedDowncast \(castTarget(c))" + ty); expr(a, i + 1)
        case .field(let o, let f):
            let fs: String = switch f {
            case .classField(let c, let x): "c\(c.index).\(x)(\(program[c].fields[x].name))"
            case .structField(let s, let x): "s\(s.index).\(x)(\(program[s].fields[x].name))"
            case .enumField(let en, let x): "e\(en.index).\(x)(\(program[en].fields[x].name))"
            }
            line(i, "field \(fs)" + ty)
            expr(o, i + 1)
        case .tupleElement(let a, let x): line(i, "tupleElement \(x)" + ty); expr(a, i + 1)
        case .arrayIndex(let a, let x): line(i, "arrayIndex" + ty); expr(a, i + 1); expr(x, i + 1)
        case .dictionaryIndex(let a, let x): line(i, "dictionaryIndex" + ty); expr(a, i + 1); expr(x, i + 1)
        case .call(let c):
            line(i, "call" + ty)
            call(c, i + 1)
        case .optionalChain(let c):
            line(i, "optionalChain value=\(local(c.valueLocal))" + ty)
            expr(c.base, i + 1)
            expr(c.member, i + 1)
        case .propagate(let a): line(i, "propagate" + ty); expr(a, i + 1)
        case .when(let w): line(i, "whenExpr" + ty); when(w, i + 1)
        case .yield(let y):
            switch y {
            case .nextFrame: line(i, "yield" + ty)
            case .waitForFrames(let x): line(i, "yield waitForFrames" + ty); expr(x, i + 1)
            case .waitForSeconds(let x): line(i, "yield waitForSeconds" + ty); expr(x, i + 1)
            case .waitUntil(let x): line(i, "yield waitUntil" + ty); expr(x, i + 1)
            case .call(let c): line(i, "yield call" + ty); call(c, i + 1)
            }
        case .error: line(i, "error" + ty)
        }
    }
}
