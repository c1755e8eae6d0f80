import WritSyntax
import WritTypes

extension FunctionLowering {
    mutating func lowerStatements(_ statements: [TypedStmt]) throws(Lowering.Failure) {
        for statement in statements { try lowerStatement(statement) }
    }

    mutating func lowerStatement(_ statement: TypedStmt) throws(Lowering.Failure) {
        let enclosingLine = statementLine
        statementLine = line(statement.range)
        defer { statementLine = enclosingLine }
        at(statement.range)
        switch statement.kind {
        case .varDecl(let declaration):
            try lowerVarDecl(declaration, range: statement.range)
        case .expr(let expression):
            let value = try lowerExpr(expression)
            dispose(value)
        case .assign(let assignment):
            try lowerAssignment(assignment, range: statement.range)
        case .block(let statements):
            try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in try l.lowerStatements(statements) }
        case .ifStmt(let ifStatement):
            try lowerIf(ifStatement)
        case .whileLoop(let condition, let body):
            try lowerWhile(condition, body)
        case .forLoop(let loop):
            try lowerFor(loop, range: statement.range)
        case .returnStmt(let value):
            try lowerReturn(value)
        case .breakStmt:
            guard let loop = loops.last else { throw fail("'break' outside of a loop", statement.range) }
            closeScopes(downTo: loop.scopeDepth)
            b.terminate(.jump(loop.breakTarget))
        case .continueStmt:
            guard let loop = loops.last else { throw fail("'continue' outside of a loop", statement.range) }
            closeScopes(downTo: loop.scopeDepth)
            b.terminate(.jump(loop.continueTarget))
        case .when(let when):
            try lowerWhenStatement(when)
        case .nestedFunction(let id, let local):
            let closure = try makeClosure(id)
            declareLocal(local, type: function.locals[local.index].type, value: closure)
        case .start(let call):
            try lowerStart(call, range: statement.range)
        }
    }

    // MARK: Declarations and assignment

    mutating func lowerVarDecl(_ declaration: TypedVarDecl, range: SourceRange) throws(Lowering.Failure) {
        switch declaration.binding {
        case .single(let target):
            let value = try lowerExpr(declaration.value)
            bind(target, to: value, type: declaration.value.type)
        case .tuple(let targets):
            guard case .tuple(let elements) = declaration.value.type else { throw fail("not a tuple", range) }
            let value = ownedCopy(try lowerExpr(declaration.value))
            var offset = 0
            for (target, type) in zip(targets, elements) {
                let count = context.layouts.layout(type).count
                let element = Value(regs: Array(value.regs[offset..<(offset + count)]))
                offset += count
                if let target { bind(target, to: element, type: type) } else { dispose(element) }
            }
        }
    }

    /// Stores a declaration's value into its target.
    mutating func bind(_ target: DeclTarget, to value: Value, type: WType) {
        switch target {
        case .local(let local):
            declareLocal(local, type: type, value: value)
        case .global(let global):
            if let slots = context.globalSlots[global.index] {
                let owned = ownedCopy(value)
                for (slot, reg) in zip(slots, owned.regs) { b.emit(.setGlobal(slot, reg)) }
                if program[global].needsInitializationCheck { b.emit(.initGlobal(slots[0])) }
            } else {
                mainGlobals[global] = declare(type, value: value, name: program[global].name)
            }
        }
    }

    mutating func lowerAssignment(_ assignment: TypedAssignment, range: SourceRange) throws(Lowering.Failure) {
        let target = assignment.target
        switch target.root {
        case .local(let local):
            switch locals[local.index] {
            case .registers(let regs)?:
                let rootType = function.locals[local.index].type
                let (slots, fieldType) = pathSlots(target.path, rootType: rootType)
                let place = Array(regs[slots])
                if try lowerAppend(assignment, into: place) { return }
                let value = try assignedValue(assignment, current: Value(regs: place, isTemporary: false), type: fieldType,
                                              container: setterContainer(assignment, whole: regs, rootType: rootType))
                store(value, into: place, replacing: true)
            case .box(let box, let type)?:
                try assignThroughBox(assignment, box: box, type: type)
            case nil:
                throw fail("assignment to an undeclared local", range)
            }
        case .hostGlobal:
            throw fail("host globals are not supported yet", range)
        case .capture(let index):
            guard function.captures[index].isBoxed else { throw fail("assignment to a captured value", range) }
            let box = try readCapture(index, boxItself: true)
            try assignThroughBox(assignment, box: box.reg, type: function.captures[index].type)
        case .global(let global):
            if let slots = context.globalSlots[global.index] {
                let (range, fieldType) = pathSlots(target.path, rootType: program[global].type)
                let current = try readGlobal(global, slots: slots)
                let place = Value(regs: Array(current.regs[range]), isTemporary: false)
                let value = try assignedValue(assignment, current: place, type: fieldType,
                                              container: setterContainer(assignment, whole: current.regs,
                                                                         rootType: program[global].type))
                let owned = ownedCopy(value)
                dispose(current)
                for (slot, reg) in zip(slots[range], owned.regs) { b.emit(.setGlobal(slot, reg)) }
            } else if let regs = mainGlobals[global] {
                let (slots, fieldType) = pathSlots(target.path, rootType: program[global].type)
                let place = Array(regs[slots])
                if try lowerAppend(assignment, into: place) { return }
                let value = try assignedValue(assignment, current: Value(regs: place, isTemporary: false), type: fieldType,
                                              container: setterContainer(assignment, whole: regs,
                                                                         rootType: program[global].type))
                store(value, into: place, replacing: true)
            } else {
                throw fail("assignment to a global before its declaration", range)
            }
        case .classField(let object, let id, let fieldIndex, let setter):
            let objectValue = try lowerExpr(object)
            let field = program[id].fields[fieldIndex]
            if let setter, target.path.isEmpty {
                // `obj.f = v` runs the setter; `obj.f op= v` reads the stored value first.
                let current = assignment.compound == nil ? nil : loadField(objectValue.reg, id, fieldIndex)
                let value = try assignedValue(assignment, current: current ?? .void, type: field.type)
                if let current { dispose(current) }
                let result = emitCall(setter.index, [Value(regs: objectValue.regs, isTemporary: false), value],
                                      type: .void, range: range)
                dispose(result)
                dispose(objectValue)
                return
            }
            if let setter {
                // `obj.s.x = v` with a setter on `s`: update a copy of the struct, then pass
                // the whole struct to the setter.
                let loaded = loadField(objectValue.reg, id, fieldIndex)
                let (slots, fieldType) = pathSlots(target.path, rootType: field.type)
                let value = ownedCopy(try assignedValue(
                    assignment, current: Value(regs: Array(loaded.regs[slots]), isTemporary: false), type: fieldType,
                    container: setterContainer(assignment, whole: loaded.regs, rootType: field.type)))
                var regs = loaded.regs
                for (k, reg) in zip(slots, value.regs) {
                    if kind(regs[k]).isOwned { b.emit(.release(regs[k])) }
                    regs[k] = reg
                }
                let result = emitCall(setter.index, [Value(regs: objectValue.regs, isTemporary: false), Value(regs: regs)],
                                      type: .void, range: range)
                dispose(result)
                dispose(objectValue)
                return
            }
            let base = fieldSlot(id, fieldIndex)
            let (slots, fieldType) = pathSlots(target.path, rootType: field.type)
            if field.isWeak {
                let value = try lowerExpr(assignment.value)
                storeField(objectValue.reg, id, fieldIndex, value: value, weak: true)
                dispose(objectValue)
                return
            }
            // A compound update or a struct setter reads the stored value first.
            var current = Value.void
            var container: Value?
            var whole: Value?
            if assignment.compound != nil || target.path.last?.setter != nil {
                let loaded = loadField(objectValue.reg, id, fieldIndex)
                current = Value(regs: Array(loaded.regs[slots]), isTemporary: false)
                container = setterContainer(assignment, whole: loaded.regs, rootType: field.type)
                whole = loaded
            }
            let value = ownedCopy(try assignedValue(assignment, current: current, type: fieldType, container: container))
            if let whole { dispose(whole) }
            for (offset, reg) in zip(slots, value.regs) {
                b.emit(.object(.setField(slot: base + offset, weak: false), defs: [], uses: [objectValue.reg, reg]))
            }
            dispose(objectValue)
        case .arrayElement(let array, let index):
            let arrayValue = try lowerExpr(array)
            let indexValue = try lowerExpr(index)
            let element = elementType(array.type)
            let (slots, fieldType) = pathSlots(target.path, rootType: element)
            var current = Value.void
            var container: Value?
            var whole: Value?
            if assignment.compound != nil || target.path.last?.setter != nil {
                let loaded = loadElement(arrayValue.reg, index: indexValue.reg, element: element)
                current = Value(regs: Array(loaded.regs[slots]), isTemporary: false)
                container = setterContainer(assignment, whole: loaded.regs, rootType: element)
                whole = loaded
            }
            let value = try assignedValue(assignment, current: current, type: fieldType, container: container)
            if let whole { dispose(whole) }
            if element == .bool {
                b.emit(.object(.arraySet(slot: 0, byte: true), defs: [], uses: [arrayValue.reg, indexValue.reg, value.reg]))
            } else {
                let owned = ownedCopy(value)
                for (k, reg) in zip(slots, owned.regs) {
                    b.emit(.object(.arraySet(slot: k, byte: false), defs: [], uses: [arrayValue.reg, indexValue.reg, reg]))
                }
            }
            dispose(arrayValue)
        case .dictionaryEntry(let dictionary, let key):
            guard case .dictionary(_, let valueType) = dictionary.type else { throw fail("not a dictionary", range) }
            let dictionaryValue = try lowerExpr(dictionary)
            let keyValue = try lowerExpr(key)
            var value: Value
            if target.path.isEmpty && assignment.compound == nil {
                value = try lowerExpr(assignment.value)
            } else {
                // Read the entry (it exists: the checker allows compound updates of
                // entries only through a value known to be present), update, write back.
                let found = dictionaryGet(dictionaryValue.reg, key: keyValue, value: valueType)
                let whole = Layouts.isReferenceOptional(.optional(of: valueType))
                    ? found : Value(regs: Array(found.regs.dropFirst()))
                let (slots, fieldType) = pathSlots(target.path, rootType: valueType)
                let updated = try assignedValue(assignment, current: Value(regs: Array(whole.regs[slots]), isTemporary: false),
                                                type: fieldType,
                                                container: setterContainer(assignment, whole: whole.regs, rootType: valueType))
                var regs = ownedCopy(whole).regs
                let owned = ownedCopy(updated)
                for (k, reg) in zip(slots, owned.regs) {
                    if kind(regs[k]).isOwned { b.emit(.release(regs[k])) }
                    regs[k] = reg
                }
                value = Value(regs: regs)
            }
            b.emit(.object(.dictSet, defs: [], uses: [dictionaryValue.reg, keyValue.reg] + value.regs))
            dispose(value)
            dispose(keyValue)
            dispose(dictionaryValue)
        }
    }

    /// The slots a struct field path selects within a value of `rootType`, and the type there.
    mutating func pathSlots(_ path: [StructFieldStep], rootType: WType) -> (Range<Int>, WType) {
        var start = 0
        var type = rootType
        for step in path {
            let fields = program[step.structID].fields
            for field in fields.prefix(step.fieldIndex) { start += context.layouts.layout(field.type).count }
            type = fields[step.fieldIndex].type
        }
        return (start..<(start + context.layouts.layout(type).count), type)
    }

    /// An assignment to a variable that lives in a box.
    mutating func assignThroughBox(_ assignment: TypedAssignment, box: Reg, type: WType) throws(Lowering.Failure) {
        let (slots, fieldType) = pathSlots(assignment.target.path, rootType: type)
        let whole = loadBox(box, type: type)
        let value = try assignedValue(assignment, current: Value(regs: Array(whole.regs[slots]), isTemporary: false),
                                      type: fieldType,
                                      container: setterContainer(assignment, whole: whole.regs, rootType: type))
        var regs = whole.regs
        let owned = ownedCopy(value)
        for (k, reg) in zip(slots, owned.regs) {
            if kind(regs[k]).isOwned { b.emit(.release(regs[k])) }
            regs[k] = reg
        }
        storeBox(box, value: Value(regs: regs))
    }

    /// `s = s .. a .. b` and `s += a` on a string variable: append in place (linear string
    /// building, §19). Returns false if the assignment has another shape.
    mutating func lowerAppend(_ assignment: TypedAssignment, into place: [Reg]) throws(Lowering.Failure) -> Bool {
        guard place.count == 1, kind(place[0]).isOwned, !kind(place[0]).isNullable,
              assignment.target.type == .string, assignment.target.path.last?.setter == nil
        else { return false }
        var parts: [Value] = []
        switch assignment.compound {
        case .stringAdd?:
            parts = [try lowerExpr(assignment.value)]
        case nil:
            // The right-hand side must be a concatenation chain whose first part reads the
            // variable itself.
            guard case .concat = assignment.value.kind, case .local(let local) = leftmostPart(assignment.value),
                  case .registers(let regs)? = locals[local.index], regs == place
            else { return false }
            var all: [Value] = []
            try collectConcatParts(assignment.value, into: &all)
            parts = Array(all.dropFirst())
        default:
            return false
        }
        appendParts(place[0], parts)
        return true
    }

    func leftmostPart(_ e: TypedExpr) -> TypedExprKind {
        if case .concat(let lhs, _) = e.kind { return leftmostPart(lhs) }
        return e.kind
    }

    /// The value to store: the right-hand side, or for a compound assignment the current
    /// value combined with it (the current value is used up: disposed if temporary).
    /// The struct value holding the assigned field, when that field has a setter (§10.6).
    mutating func setterContainer(_ assignment: TypedAssignment, whole: [Reg], rootType: WType) -> Value? {
        let path = assignment.target.path
        guard path.last?.setter != nil else { return nil }
        let (slots, _) = pathSlots(Array(path.dropLast()), rootType: rootType)
        return Value(regs: Array(whole[slots]), isTemporary: false)
    }

    /// The value to store: the right-hand side (combined with `current` for a compound
    /// assignment), passed through the struct field's setter when it has one: a struct
    /// setter gets the struct (`container`) and the value, and returns the field's new value.
    mutating func assignedValue(_ assignment: TypedAssignment, current: Value, type: WType, container: Value? = nil)
        throws(Lowering.Failure) -> Value
    {
        let value = try combinedValue(assignment, current: current, type: type)
        if let last = assignment.target.path.last, program[last.structID].fields[last.fieldIndex].isWeak {
            return makeWeakBox(value)
        }
        guard let setter = assignment.target.path.last?.setter else { return value }
        guard let container else { throw fail("a struct setter without its struct", assignment.value.range) }
        let result = emitCall(setter.index, [container, value], type: type, range: assignment.value.range)
        atStatement()
        return result
    }

    mutating func combinedValue(_ assignment: TypedAssignment, current: Value, type: WType) throws(Lowering.Failure) -> Value {
        guard let compound = assignment.compound else { return try lowerExpr(assignment.value) }
        let operand = try lowerExpr(assignment.value)
        switch compound {
        case .intArithmetic(let op):
            atStatement()
            return Value(b.binary(intOp(op), current.reg, .reg(operand.reg)))
        case .floatArithmetic(let op):
            return Value(b.binary(floatOp(op), current.reg, .reg(operand.reg)))
        case .stringAdd:
            let result = b.newRegister(.owned(nullable: false))
            b.emit(.concat(result, [current.reg, operand.reg]))
            dispose(current)
            dispose(operand)
            return Value(result)
        case .operatorMethod(let target):
            let call = TypedCall(target: target, receiver: nil, arguments: [])
            return try lowerOperatorCall(call, receiver: current, argument: operand, type: assignment.target.type,
                                         range: assignment.value.range)
        }
    }

    // MARK: Control flow

    mutating func lowerIf(_ statement: TypedIf) throws(Lowering.Failure) {
        let thenBlock = b.newBlock()
        let elseBlock = b.newBlock()
        let isBinding = if case .binding = statement.condition { true } else { false }
        let join = statement.elseBody == nil && !isBinding ? elseBlock : b.newBlock()
        switch statement.condition {
        case .expr(let condition):
            try lowerCondition(condition, then: thenBlock, else: elseBlock)
            b.switchTo(thenBlock)
            try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in try l.lowerStatements(statement.thenBody) }
            b.terminate(.jump(join))
        case .binding(let subject, let subjectLocal, let pattern):
            // The subject lives in a scope around both branches (released on each path);
            // the bindings only in `then`.
            let value = try lowerExpr(subject)
            scopes.append([])
            declareLocal(subjectLocal, type: subject.type, value: value)
            try lowerPatternTest(pattern, subjectType: subject.type, subject: subjectLocal, then: thenBlock, else: elseBlock)
            b.switchTo(thenBlock)
            try withScope { (inner: inout FunctionLowering) throws(Lowering.Failure) in
                try inner.bindPattern(pattern)
                try inner.lowerStatements(statement.thenBody)
            }
            closeScopes(downTo: scopes.count - 1)
            b.terminate(.jump(join))
            b.switchTo(elseBlock)
            closeScopes(downTo: scopes.count - 1)
            scopes.removeLast()
            if let elseBody = statement.elseBody {
                try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in try l.lowerStatements(elseBody) }
            }
            b.terminate(.jump(join))
            b.switchTo(join)
            return
        }
        if let elseBody = statement.elseBody {
            b.switchTo(elseBlock)
            try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in try l.lowerStatements(elseBody) }
            b.terminate(.jump(join))
        }
        b.switchTo(join)
    }

    /// `while c { body }` as a rotated loop: test once before, then at the bottom, so each
    /// iteration runs one conditional branch.
    mutating func lowerWhile(_ condition: TypedExpr, _ body: [TypedStmt]) throws(Lowering.Failure) {
        let bodyBlock = b.newBlock()
        let latch = b.newBlock()
        let exit = b.newBlock()
        try lowerCondition(condition, then: bodyBlock, else: exit)
        b.switchTo(bodyBlock)
        loops.append((exit, latch, scopes.count))
        try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in try l.lowerStatements(body) }
        loops.removeLast()
        b.terminate(.jump(latch))
        b.switchTo(latch)
        at(condition.range)
        b.emit(.interruptCheck)
        try lowerCondition(condition, then: bodyBlock, else: exit)
        b.switchTo(exit)
    }

    mutating func lowerFor(_ loop: TypedFor, range: SourceRange) throws(Lowering.Failure) {
        guard case .range(let low, let high, let inclusive) = loop.iteration else {
            try lowerCollectionFor(loop, range: range)
            return
        }
        // Bounds once, before the loop (§7.4). The loop variable is the counter itself: it
        // is immutable, so closures capture its value.
        let start = try lowerExpr(low)
        let end = try lowerExpr(high)
        let counter = b.newRegister(.int, name: "for")
        b.emit(.move(counter, start.reg))
        let last = b.newRegister(.int, name: "last")
        let bodyBlock = b.newBlock()
        let latch = b.newBlock()
        let exit = b.newBlock()
        let enter = b.newBlock()
        if inclusive {
            b.emit(.move(last, end.reg))
            b.terminate(.compareBranch(.leI, counter, .reg(last), then: bodyBlock, else: exit))
        } else {
            // last = end - 1 cannot overflow once start < end holds.
            b.terminate(.compareBranch(.ltI, counter, .reg(end.reg), then: enter, else: exit))
            b.switchTo(enter)
            let one = b.constInt(1)
            b.emit(.binary(.subI, last, end.reg, .reg(one)))
            b.terminate(.jump(bodyBlock))
        }
        b.switchTo(bodyBlock)
        switch loop.binding {
        case .single(let local):
            if let local { locals[local.index] = .registers([counter]) }
        case .tuple:
            throw fail("a tuple pattern cannot bind a range element", range)
        }
        loops.append((exit, latch, scopes.count))
        try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in try l.lowerStatements(loop.body) }
        loops.removeLast()
        b.terminate(.jump(latch))
        b.switchTo(latch)
        at(range)
        b.emit(.interruptCheck)
        b.terminate(.forLoop(counter: counter, last: last, body: bodyBlock, exit: exit))
        b.switchTo(exit)
    }

    mutating func lowerReturn(_ expression: TypedExpr?) throws(Lowering.Failure) {
        var results: [Reg] = []
        if let expression {
            let value = try lowerExpr(expression)
            results = ownedCopy(value).regs
        } else if function.kind == .main, case .optional = function.resultType {
            results = ownedCopy(nullValue(function.resultType)).regs
        }
        closeScopes(downTo: 0)
        b.terminate(.ret(results))
    }
}

extension FunctionLowering {
    /// `for x in collection` (§7.4): arrays by index up to their current length; dictionary
    /// keys or entries and string scalars over a snapshot taken when the loop starts.
    mutating func lowerCollectionFor(_ loop: TypedFor, range: SourceRange) throws(Lowering.Failure) {
        let collection: TypedExpr
        switch loop.iteration {
        case .array(let e), .dictionaryKeys(let e), .dictionaryEntries(let e), .stringScalars(let e): collection = e
        case .range: return
        }
        try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in
            let source = l.ownedCopy(try l.lowerExpr(collection))
            var array = source.reg
            var element: WType
            var values: Reg?
            var valueType: WType = .void
            switch loop.iteration {
            case .array(let e):
                element = l.elementType(e.type)
            case .dictionaryKeys(let e), .dictionaryEntries(let e):
                guard case .dictionary(let key, let value) = e.type else { throw l.fail("not a dictionary", range) }
                element = key
                array = l.dictionaryKeys(source.reg, key: key)
                if case .dictionaryEntries = loop.iteration {
                    values = l.dictionaryValues(source.reg, value: value)
                    valueType = value
                }
                l.b.emit(.release(source.reg))
            case .stringScalars:
                element = .string
                let chars = l.native(.stringChars, [source, Value(l.b.constInt(Int64(l.arrayType(.string))))],
                                     type: .array(.string))
                array = chars.reg
            case .range:
                return
            }
            l.scopes[l.scopes.count - 1] += [array] + (values.map { [$0] } ?? [])
            // Rotated: test once, then at the bottom.
            let index = l.b.newRegister(.int, name: "index")
            l.b.emit(.constInt(index, 0))
            let bodyBlock = l.b.newBlock()
            let latch = l.b.newBlock()
            let exit = l.b.newBlock()
            let count = l.arrayLength(array)
            l.b.terminate(.compareBranch(.ltI, index, .reg(count), then: bodyBlock, else: exit))
            l.b.switchTo(bodyBlock)
            l.loops.append((exit, latch, l.scopes.count))
            try l.withScope { (inner: inout FunctionLowering) throws(Lowering.Failure) in
                var item = inner.loadElement(array, index: index, element: element)
                if let values {
                    let value = inner.loadElement(values, index: index, element: valueType)
                    item = Value(regs: item.regs + value.regs)
                    element = .tuple([element, valueType])
                }
                switch loop.binding {
                case .single(let local):
                    if let local { inner.declareLocal(local, type: element, value: item) } else { inner.dispose(item) }
                case .tuple(let targets):
                    guard case .tuple(let types) = element else { throw inner.fail("not a tuple", range) }
                    var offset = 0
                    for (target, type) in zip(targets, types) {
                        let count = inner.context.layouts.layout(type).count
                        let part = Value(regs: Array(item.regs[offset..<(offset + count)]))
                        offset += count
                        if let target { inner.declareLocal(target, type: type, value: part) } else { inner.dispose(part) }
                    }
                }
                try inner.lowerStatements(loop.body)
            }
            l.loops.removeLast()
            l.b.terminate(.jump(latch))
            l.b.switchTo(latch)
            l.at(range)
            l.b.emit(.binary(.addI, index, index, .imm(1)))
            l.b.emit(.interruptCheck)
            let again = l.arrayLength(array)
            l.b.terminate(.compareBranch(.ltI, index, .reg(again), then: bodyBlock, else: exit))
            l.b.switchTo(exit)
        }
    }
}
