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
            guard case .registers(let regs)? = locals[local.index] else {
                throw fail("use of local '\(function.locals[local.index].name)' before it is stored", e.range)
            }
            return Value(regs: regs, isTemporary: false)
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
            at(e.range)
            return Value(b.binary(intOp(op), a.reg, .reg(c.reg)))
        case .floatArithmetic(let op, let lhs, let rhs):
            let a = try lowerExpr(lhs)
            let c = try lowerExpr(rhs)
            at(e.range)
            return Value(b.binary(floatOp(op), a.reg, .reg(c.reg)))
        case .intNegate(let operand):
            let a = try lowerExpr(operand)
            at(e.range)
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
            at(e.range)
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
            let result = try equality(a, c, type: operandType, negated: negated, range: e.range)
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
        default:
            throw fail("this expression is not supported yet", e.range)
        }
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

    // MARK: Equality

    /// A bool register: whether two values of `type` are equal (§6.4).
    mutating func equality(_ a: Value, _ c: Value, type: WType, negated: Bool, range: SourceRange)
        throws(Lowering.Failure) -> Reg
    {
        let op: BinaryOp
        switch type {
        case .int, .bool, .enumType: op = negated ? .neI : .eqI
        case .float: op = negated ? .neF : .eqF
        case .string: op = negated ? .neS : .eqS
        default:
            throw fail("equality of \(program.typeName(type)) is not supported yet", range)
        }
        return b.binary(op, a.reg, .reg(c.reg))
    }
}
