import WritSyntax
import WritTypes

extension FunctionLowering {
    mutating func lowerStatements(_ statements: [TypedStmt]) throws(Lowering.Failure) {
        for statement in statements { try lowerStatement(statement) }
    }

    mutating func lowerStatement(_ statement: TypedStmt) throws(Lowering.Failure) {
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
        case .nestedFunction:
            throw fail("nested functions are not supported yet", statement.range)
        case .start:
            throw fail("coroutines are not supported yet", statement.range)
        }
    }

    // MARK: Declarations and assignment

    mutating func lowerVarDecl(_ declaration: TypedVarDecl, range: SourceRange) throws(Lowering.Failure) {
        switch declaration.binding {
        case .single(let target):
            let value = try lowerExpr(declaration.value)
            bind(target, to: value, type: declaration.value.type)
        case .tuple:
            throw fail("tuple destructuring is not supported yet", range)
        }
    }

    /// Stores a declaration's value into its target.
    mutating func bind(_ target: DeclTarget, to value: Value, type: WType) {
        switch target {
        case .local(let local):
            let info = function.locals[local.index]
            locals[local.index] = .registers(declare(type, value: value, name: info.name))
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
        guard assignment.target.path.isEmpty else { throw fail("struct field assignment is not supported yet", range) }
        let type = assignment.target.type
        switch assignment.target.root {
        case .local(let local):
            guard case .registers(let regs)? = locals[local.index] else {
                throw fail("assignment to an unknown local", range)
            }
            let value = try assignedValue(assignment, current: Value(regs: regs, isTemporary: false), type: type)
            store(value, into: regs, replacing: true)
        case .global(let global):
            if let slots = context.globalSlots[global.index] {
                let current = try readGlobal(global, slots: slots)
                let value = try assignedValue(assignment, current: current, type: type)
                if assignment.compound == nil { dispose(current) }
                let owned = ownedCopy(value)
                for (slot, reg) in zip(slots, owned.regs) { b.emit(.setGlobal(slot, reg)) }
            } else if let regs = mainGlobals[global] {
                let value = try assignedValue(assignment, current: Value(regs: regs, isTemporary: false), type: type)
                store(value, into: regs, replacing: true)
            } else {
                throw fail("assignment to a global before its declaration", range)
            }
        default:
            throw fail("this assignment target is not supported yet", range)
        }
    }

    /// The value to store: the right-hand side, or for a compound assignment the current
    /// value combined with it.
    mutating func assignedValue(_ assignment: TypedAssignment, current: Value, type: WType) throws(Lowering.Failure) -> Value {
        guard let compound = assignment.compound else { return try lowerExpr(assignment.value) }
        let operand = try lowerExpr(assignment.value)
        switch compound {
        case .intArithmetic(let op):
            return Value(b.binary(intOp(op), current.reg, .reg(operand.reg)))
        case .floatArithmetic(let op):
            return Value(b.binary(floatOp(op), current.reg, .reg(operand.reg)))
        case .stringAdd:
            let result = b.newRegister(.owned(nullable: false))
            b.emit(.concat(result, [current.reg, operand.reg]))
            dispose(current)
            dispose(operand)
            return Value(result)
        case .operatorMethod:
            throw fail("operator methods are not supported yet", assignment.value.range)
        }
    }

    // MARK: Control flow

    mutating func lowerIf(_ statement: TypedIf) throws(Lowering.Failure) {
        let thenBlock = b.newBlock()
        let elseBlock = b.newBlock()
        let join = statement.elseBody == nil ? elseBlock : b.newBlock()
        switch statement.condition {
        case .expr(let condition):
            try lowerCondition(condition, then: thenBlock, else: elseBlock)
        case .binding:
            throw fail("binding conditions are not supported yet", statement.thenBody.first?.range ?? function.range)
        }
        b.switchTo(thenBlock)
        try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in try l.lowerStatements(statement.thenBody) }
        b.terminate(.jump(join))
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
            throw fail("this kind of for loop is not supported yet", range)
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
