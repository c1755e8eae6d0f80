import WritSyntax
import WritTypes

extension FunctionLowering {
    func intOp(_ op: ArithmeticOp) -> BinaryOp {
        switch op {
        case .add: .addI
        case .subtract: .subI
        case .multiply: .mulI
        case .divide: .divI
        case .modulo: .remI
        }
    }

    func floatOp(_ op: ArithmeticOp) -> BinaryOp {
        switch op {
        case .add: .addF
        case .subtract: .subF
        case .multiply: .mulF
        case .divide: .divF
        case .modulo: .remF
        }
    }

    func comparisonOp(_ op: ComparisonOp, _ kind: ComparisonKind) -> BinaryOp {
        switch (kind, op) {
        case (.int, .less): .ltI
        case (.int, .lessEqual): .leI
        case (.int, .greater): .gtI
        case (.int, .greaterEqual): .geI
        case (.float, .less): .ltF
        case (.float, .lessEqual): .leF
        case (.float, .greater): .gtF
        case (.float, .greaterEqual): .geF
        case (.string, .less): .ltS
        case (.string, .lessEqual): .leS
        case (.string, .greater): .gtS
        case (.string, .greaterEqual): .geS
        }
    }

    mutating func lowerExpr(_ e: TypedExpr) throws(Lowering.Failure) -> Value {
        switch e.kind {
        case .intLiteral(let v):
            return Value(b.constInt(v))
        case .floatLiteral(let v):
            return Value(b.constFloat(v))
        case .boolLiteral(let v):
            return Value(b.constInt(v ? 1 : 0))
        case .stringLiteral(let text):
            let r = b.newRegister(.borrowed(nullable: false))
            b.emit(.constString(r, text))
            return Value(r)
        case .null:
            return nullValue(e.type)
        case .local(let local):
            switch locals[local.index] {
            case .registers(let regs)?:
                return Value(regs: regs, isTemporary: false)
            case .box(let box, let type)?:
                return loadBox(box, type: type)
            case nil:
                throw fail("use of local '\(function.locals[local.index].name)' before it is stored", e.range)
            }
        case .capture(let index):
            return try readCapture(index)
        case .currentClosure:
            guard let closure = closureRegister else { throw fail("no enclosing closure", e.range) }
            return Value(closure, isTemporary: false)
        case .enumCase(_, let index):
            return Value(b.constInt(Int64(index)))
        case .functionValue(let id):
            return functionValue(id)
        case .closure(let id):
            return try makeClosure(id)
        case .spreadElement:
            guard let element = spreadElement else { throw fail("spread element outside a spread", e.range) }
            return Value(regs: element.regs, isTemporary: false)
        case .tuple(let elements):
            var regs: [Reg] = []
            for element in elements { regs += ownedCopy(try lowerExpr(element)).regs }
            return Value(regs: regs)
        case .array(let elements):
            return try lowerArrayLiteral(elements, type: e.type)
        case .dictionary(let entries):
            return try lowerDictionaryLiteral(entries, type: e.type)
        case .isTest(let operand, let test):
            let value = try lowerExpr(operand)
            let result = typeTest(value, operandType: operand.type, test: test)
            dispose(value)
            return Value(result)
        case .upcast(let operand, _), .toTrait(let operand, _):
            return try lowerExpr(operand)
        case .downcast(let operand, let target):
            return downcast(try lowerExpr(operand), to: target)
        case .narrowedDowncast(let operand, _):
            return try lowerExpr(operand)
        case .field(let object, let field):
            return try lowerFieldRead(object, field, type: e.type)
        case .tupleElement(let tuple, let index):
            guard case .tuple(let elements) = tuple.type else { throw fail("not a tuple", e.range) }
            return try part(of: try lowerExpr(tuple), types: elements, index: index)
        case .arrayIndex(let array, let index):
            let arrayValue = try lowerExpr(array)
            let indexValue = try lowerExpr(index)
            atStatement()
            let element = loadElement(arrayValue.reg, index: indexValue.reg, element: elementType(array.type))
            dispose(arrayValue)
            return element
        case .dictionaryIndex(let dictionary, let key):
            guard case .dictionary(_, let valueType) = dictionary.type else { throw fail("not a dictionary", e.range) }
            let dictionaryValue = try lowerExpr(dictionary)
            let keyValue = try lowerExpr(key)
            let result = dictionaryGet(dictionaryValue.reg, key: keyValue, value: valueType)
            dispose(keyValue)
            dispose(dictionaryValue)
            return result
        case .optionalChain(let chain):
            return try lowerOptionalChain(chain, type: e.type)
        case .propagate(let result):
            return try lowerPropagate(result, range: e.range)
        case .global(let global):
            if let slots = context.globalSlots[global.index] {
                return try readGlobal(global, slots: slots)
            }
            guard let regs = mainGlobals[global] else {
                throw fail("top-level variable '\(program[global].name)' is read before its declaration", e.range)
            }
            return Value(regs: regs, isTemporary: false)
        case .intArithmetic(let op, let lhs, let rhs):
            let a = try lowerExpr(lhs)
            let c = try lowerExpr(rhs)
            atStatement()
            return Value(b.binary(intOp(op), a.reg, .reg(c.reg)))
        case .floatArithmetic(let op, let lhs, let rhs):
            let a = try lowerExpr(lhs)
            let c = try lowerExpr(rhs)
            atStatement()
            return Value(b.binary(floatOp(op), a.reg, .reg(c.reg)))
        case .intNegate(let operand):
            let a = try lowerExpr(operand)
            atStatement()
            return Value(unary(.negI, a.reg, .int))
        case .floatNegate(let operand):
            let a = try lowerExpr(operand)
            return Value(unary(.negF, a.reg, .float))
        case .not(let operand):
            let a = try lowerExpr(operand)
            return Value(unary(.not, a.reg, .int))
        case .intToFloat(let operand):
            let a = try lowerExpr(operand)
            return Value(unary(.intToFloat, a.reg, .float))
        case .floatToInt(let operand):
            let a = try lowerExpr(operand)
            atStatement()
            return Value(unary(.floatToInt, a.reg, .int))
        case .stringAdd(let lhs, let rhs):
            let a = try lowerExpr(lhs)
            let c = try lowerExpr(rhs)
            return concatenate([a, c])
        case .concat, .interpolation:
            // A chain `a .. b .. c` and an interpolation are each one concatenation.
            var parts: [Value] = []
            try collectConcatParts(e, into: &parts)
            return concatenate(parts)
        case .compare(let op, let kind, let lhs, let rhs):
            let a = try lowerExpr(lhs)
            let c = try lowerExpr(rhs)
            let result = b.binary(comparisonOp(op, kind), a.reg, .reg(c.reg))
            dispose(a)
            dispose(c)
            return Value(result)
        case .equal(let negated, let operandType, let lhs, let rhs):
            let a = try lowerExpr(lhs)
            let c = try lowerExpr(rhs)
            let result = try equality(a, c, type: operandType, negated: negated)
            dispose(a)
            dispose(c)
            return Value(result)
        case .and, .or:
            return try materializeCondition(e)
        case .ternary(let condition, let thenValue, let elseValue):
            return try lowerBranches(type: e.type, condition: condition, thenValue, elseValue)
        case .coalesce(let optional, let fallback):
            return try lowerCoalesce(optional, fallback, type: e.type)
        case .wrapOptional(let operand):
            let value = try lowerExpr(operand)
            if operand.type.isReference { return value }
            return Value(regs: [b.constInt(1)] + value.regs, isTemporary: value.isTemporary)
        case .unwrapNarrowed(let operand):
            let value = try lowerExpr(operand)
            if Layouts.isReferenceOptional(operand.type) { return value }
            return Value(regs: Array(value.regs.dropFirst()), isTemporary: value.isTemporary)
        case .call(let call):
            return try lowerCall(call, type: e.type, range: e.range)
        case .when(let when):
            return try lowerWhenExpression(when, type: e.type)
        case .error:
            throw fail("erroneous expression reached lowering", e.range)
        case .hostGlobal:
            throw fail("host globals are not supported yet", e.range)
        case .yield(let form):
            return try lowerYield(form, type: e.type, range: e.range)
        }
    }

    /// Part `index` of a flattened value whose parts have `types` (a tuple's elements, a
    /// struct's fields); the other parts of a temporary are released.
    mutating func part(of value: Value, types: [WType], index: Int) throws(Lowering.Failure) -> Value {
        var offset = 0
        var selected: [Reg] = []
        for (position, type) in types.enumerated() {
            let count = context.layouts.layout(type).count
            let regs = Array(value.regs[offset..<(offset + count)])
            if position == index {
                selected = regs
            } else if value.isTemporary {
                for reg in regs where kind(reg).isOwned { b.emit(.release(reg)) }
            }
            offset += count
        }
        return Value(regs: selected, isTemporary: value.isTemporary)
    }

    mutating func lowerFieldRead(_ object: TypedExpr, _ field: FieldRef, type: WType) throws(Lowering.Failure) -> Value {
        switch field {
        case .classField(let id, let index):
            let objectValue = try lowerExpr(object)
            let value = loadField(objectValue.reg, id, index)
            dispose(objectValue)
            return value
        case .structField(let id, let index):
            return try structFieldValue(try lowerExpr(object), id, index: index)
        case .enumField(let id, let index):
            let caseValue = try lowerExpr(object)
            let info = program[id]
            let constants = info.cases.map { $0.values[index] }
            return lowerEnumField(caseValue.reg, constants: constants, type: type)
        }
    }

    /// A per-case constant, chosen by the case index.
    mutating func lowerEnumField(_ caseIndex: Reg, constants: [ConstantValue], type: WType) -> Value {
        let result = newRegisters(for: type, owned: true)
        let join = b.newBlock()
        for (index, constant) in constants.enumerated() {
            let matches = b.newBlock()
            let next = b.newBlock()
            if index == constants.count - 1 {
                b.terminate(.jump(matches))
            } else {
                b.terminate(.compareBranch(.eqI, caseIndex, .imm(Int64(index)), then: matches, else: next))
            }
            b.switchTo(matches)
            assign(constantValue(constant, type: type), to: result)
            b.terminate(.jump(join))
            b.switchTo(next)
        }
        b.terminate(.jump(join))
        b.switchTo(join)
        return Value(regs: result)
    }

    mutating func constantValue(_ constant: ConstantValue, type: WType) -> Value {
        switch constant {
        case .int(let v): return Value(b.constInt(v))
        case .float(let v): return Value(b.constFloat(v))
        case .bool(let v): return Value(b.constInt(v ? 1 : 0))
        case .string(let text):
            let value = self.constant(text)
            if type.isOptional && !type.optionalPayload!.isReference { return Value(regs: [b.constInt(1)] + value.regs) }
            return value
        case .null: return nullValue(type)
        }
    }

    /// `base?.member` (§15.2).
    mutating func lowerOptionalChain(_ chain: TypedOptionalChain, type: WType) throws(Lowering.Failure) -> Value {
        let base = try lowerExpr(chain.base)
        let result = type == .void ? [] : newRegisters(for: type, owned: true)
        let present = b.newBlock()
        let absent = b.newBlock()
        let join = b.newBlock()
        let payload: Value
        if Layouts.isReferenceOptional(chain.base.type) {
            let isNull = b.newRegister(.int)
            b.emit(.refIsNull(isNull, base.reg))
            b.terminate(.branch(isNull, then: absent, else: present))
            payload = Value(regs: base.regs, isTemporary: false)
        } else {
            b.terminate(.branch(base.reg, then: present, else: absent))
            payload = Value(regs: Array(base.regs.dropFirst()), isTemporary: false)
        }
        b.switchTo(present)
        locals[chain.valueLocal.index] = .registers(payload.regs)
        let member = try lowerExpr(chain.member)
        if result.isEmpty { dispose(member) } else { assign(member, to: result) }
        b.terminate(.jump(join))
        b.switchTo(absent)
        if !result.isEmpty { assign(nullValue(type), to: result) }
        b.terminate(.jump(join))
        b.switchTo(join)
        dispose(base)
        return Value(regs: result)
    }

    /// `r?` (§16.3): the success value, or return the error from the current function.
    mutating func lowerPropagate(_ result: TypedExpr, range: SourceRange) throws(Lowering.Failure) -> Value {
        guard case .result(let payload) = result.type, case .result(let returned) = function.resultType else {
            throw fail("'?' outside a Result function", range)
        }
        let value = try lowerExpr(result)
        let count = context.layouts.layout(payload).count
        let failure = b.newBlock()
        let success = b.newBlock()
        b.terminate(.branch(value.regs[0], then: success, else: failure))
        b.switchTo(failure)
        let message = Value(value.regs[1 + count], isTemporary: false)
        let error = makeResult(success: false, payload: nil, message: message, type: returned)
        dispose(value)
        closeScopes(downTo: 0)
        b.terminate(.ret(error.regs))
        b.switchTo(success)
        // Keep the payload; the (null) message needs no release.
        return Value(regs: Array(value.regs[1..<(1 + count)]), isTemporary: value.isTemporary)
    }

    /// A `Result<T>` value: `Success(payload)` or `Error(message)` (owned references).
    mutating func makeResult(success: Bool, payload: Value?, message: Value?, type: WType) -> Value {
        var regs = [b.constInt(success ? 1 : 0)]
        if let payload {
            regs += ownedCopy(payload).regs
        } else {
            // Zeros and nulls in every slot of the payload's layout.
            regs += ownedCopy(nullValue(type)).regs
        }
        if let message {
            regs += ownedCopy(message).regs
        } else {
            let null = b.newRegister(.borrowed(nullable: true))
            b.emit(.constNull(null))
            regs += ownedCopy(Value(null)).regs
        }
        return Value(regs: regs)
    }

    mutating func unary(_ op: UnaryOp, _ a: Reg, _ kind: RegKind) -> Reg {
        let r = b.newRegister(kind)
        b.emit(.unary(op, r, a))
        return r
    }

    /// Reads a top-level variable stored in VM globals (checking it was initialised where
    /// the checker could not prove it).
    mutating func readGlobal(_ global: GlobalID, slots: [Int]) throws(Lowering.Failure) -> Value {
        let info = program[global]
        if info.needsInitializationCheck && function.kind != .main { b.emit(.checkGlobal(slots[0])) }
        var regs: [Reg] = []
        for (slot, layout) in zip(slots, context.layouts.layout(info.type)) {
            let r: Reg
            switch layout {
            case .int: r = b.newRegister(.int)
            case .float: r = b.newRegister(.float)
            case .ref(let nullable): r = b.newRegister(.owned(nullable: nullable))
            }
            b.emit(.getGlobal(r, slot))
            regs.append(r)
        }
        return Value(regs: regs)
    }

    // MARK: Strings

    mutating func collectConcatParts(_ e: TypedExpr, into parts: inout [Value]) throws(Lowering.Failure) {
        switch e.kind {
        case .concat(let lhs, let rhs):
            try collectConcatParts(lhs, into: &parts)
            try collectConcatParts(rhs, into: &parts)
        case .interpolation(let pieces):
            for piece in pieces {
                switch piece {
                case .text(let text):
                    guard !text.isEmpty else { continue }
                    let r = b.newRegister(.borrowed(nullable: false))
                    b.emit(.constString(r, text))
                    parts.append(Value(r))
                case .value(let value):
                    parts.append(try printForm(value))
                }
            }
        default:
            parts.append(try printForm(e))
        }
    }

    /// Joins string values into one owned string (disposing the parts).
    mutating func concatenate(_ parts: [Value]) -> Value {
        switch parts.count {
        case 0:
            let r = b.newRegister(.borrowed(nullable: false))
            b.emit(.constString(r, ""))
            return Value(r)
        case 1:
            return parts[0]
        default:
            let result = b.newRegister(.owned(nullable: false))
            b.emit(.concat(result, parts.map(\.reg)))
            for part in parts { dispose(part) }
            return Value(result)
        }
    }

    // MARK: Conditions

    /// Branches to `thenBlock` when the bool expression holds, else to `elseBlock`, with
    /// `&&`, `||` and `!` short-circuiting into branches (no bool is materialised).
    mutating func lowerCondition(_ e: TypedExpr, then thenBlock: BlockID, else elseBlock: BlockID) throws(Lowering.Failure) {
        switch e.kind {
        case .and(let lhs, let rhs):
            let middle = b.newBlock()
            try lowerCondition(lhs, then: middle, else: elseBlock)
            b.switchTo(middle)
            try lowerCondition(rhs, then: thenBlock, else: elseBlock)
        case .or(let lhs, let rhs):
            let middle = b.newBlock()
            try lowerCondition(lhs, then: thenBlock, else: middle)
            b.switchTo(middle)
            try lowerCondition(rhs, then: thenBlock, else: elseBlock)
        case .not(let operand):
            try lowerCondition(operand, then: elseBlock, else: thenBlock)
        case .boolLiteral(let value):
            b.terminate(.jump(value ? thenBlock : elseBlock))
        default:
            let value = try lowerExpr(e)
            b.terminate(.branch(value.reg, then: thenBlock, else: elseBlock))
        }
    }

    /// A bool register holding the value of a condition.
    mutating func materializeCondition(_ e: TypedExpr) throws(Lowering.Failure) -> Value {
        let result = b.newRegister(.int)
        let yes = b.newBlock()
        let no = b.newBlock()
        let join = b.newBlock()
        try lowerCondition(e, then: yes, else: no)
        b.switchTo(yes)
        b.emit(.constInt(result, 1))
        b.terminate(.jump(join))
        b.switchTo(no)
        b.emit(.constInt(result, 0))
        b.terminate(.jump(join))
        b.switchTo(join)
        return Value(result)
    }

    /// `c ? a : b`: each branch computes into the same registers (references owned).
    mutating func lowerBranches(type: WType, condition: TypedExpr, _ thenValue: TypedExpr, _ elseValue: TypedExpr)
        throws(Lowering.Failure) -> Value
    {
        let result = newRegisters(for: type, owned: true)
        let yes = b.newBlock()
        let no = b.newBlock()
        let join = b.newBlock()
        try lowerCondition(condition, then: yes, else: no)
        b.switchTo(yes)
        assign(try lowerExpr(thenValue), to: result)
        b.terminate(.jump(join))
        b.switchTo(no)
        assign(try lowerExpr(elseValue), to: result)
        b.terminate(.jump(join))
        b.switchTo(join)
        return Value(regs: result)
    }

    /// Moves a value into fresh result registers (owned for references).
    mutating func assign(_ value: Value, to result: [Reg]) {
        let owned = ownedCopy(value)
        for (target, source) in zip(result, owned.regs) {
            b.emit(kind(target).isOwned ? .moveOwned(target, source) : .move(target, source))
        }
    }

    /// `o ?? fallback`.
    mutating func lowerCoalesce(_ optional: TypedExpr, _ fallback: TypedExpr, type: WType) throws(Lowering.Failure) -> Value {
        let value = try lowerExpr(optional)
        let result = newRegisters(for: type, owned: true)
        let present = b.newBlock()
        let absent = b.newBlock()
        let join = b.newBlock()
        let isReference = Layouts.isReferenceOptional(optional.type)
        if isReference {
            let isNull = b.newRegister(.int)
            b.emit(.refIsNull(isNull, value.reg))
            b.terminate(.branch(isNull, then: absent, else: present))
        } else {
            b.terminate(.branch(value.reg, then: present, else: absent))
        }
        b.switchTo(present)
        // The result is either the payload (type T) or the optional itself (Optional<T>).
        let payload = isReference ? value : Value(regs: Array(value.regs.dropFirst()), isTemporary: value.isTemporary)
        let taken = type == optional.type ? value : payload
        assign(Value(regs: taken.regs, isTemporary: false), to: result)
        b.terminate(.jump(join))
        b.switchTo(absent)
        assign(try lowerExpr(fallback), to: result)
        b.terminate(.jump(join))
        b.switchTo(join)
        dispose(value)
        return Value(regs: result)
    }

}
