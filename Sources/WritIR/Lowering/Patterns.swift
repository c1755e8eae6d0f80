import WritSyntax
import WritTypes

extension FunctionLowering {
    mutating func lowerWhenStatement(_ when: TypedWhen) throws(Lowering.Failure) {
        _ = try lowerWhen(when, resultType: nil)
    }

    mutating func lowerWhenExpression(_ when: TypedWhen, type: WType) throws(Lowering.Failure) -> Value {
        try lowerWhen(when, resultType: type)
    }

    /// Both forms of `when` (§14): the subject is evaluated once into its local; arms are
    /// tried in order; the first whose test (and guard) holds runs, then the `when` ends.
    mutating func lowerWhen(_ when: TypedWhen, resultType: WType?) throws(Lowering.Failure) -> Value {
        let result = resultType.map { newRegisters(for: $0, owned: true) } ?? []
        try withScope { (l: inout FunctionLowering) throws(Lowering.Failure) in
            if let subject = when.subject, let local = when.subjectLocal {
                let value = try l.lowerExpr(subject)
                l.locals[local.index] = .registers(l.declare(subject.type, value: value, name: "when"))
            }
            let end = l.b.newBlock()
            for arm in when.arms {
                l.at(arm.range)
                let body = l.b.newBlock()
                let next = l.b.newBlock()
                try l.lowerPatternTest(arm.pattern, subjectType: when.subject?.type, subject: when.subjectLocal,
                                       then: body, else: next)
                l.b.switchTo(body)
                try l.withScope { (inner: inout FunctionLowering) throws(Lowering.Failure) in
                    try inner.bindPattern(arm.pattern)
                    if let condition = arm.pattern.guardCondition {
                        let pass = inner.b.newBlock()
                        let fail = inner.b.newBlock()
                        try inner.lowerCondition(condition, then: pass, else: fail)
                        inner.b.switchTo(fail)
                        inner.closeScopes(downTo: inner.scopes.count - 1)
                        inner.b.terminate(.jump(next))
                        inner.b.switchTo(pass)
                    }
                    switch arm.body {
                    case .statements(let statements):
                        try inner.lowerStatements(statements)
                    case .expr(let expression):
                        inner.assign(try inner.lowerExpr(expression), to: result)
                    }
                }
                l.b.terminate(.jump(end))
                l.b.switchTo(next)
            }
            // No arm matched: nothing happens (statement form); an expression `when` is
            // exhaustive, so this point is not reached.
            if resultType != nil && when.isExhaustive {
                l.b.terminate(.unreachable)
            } else {
                l.b.terminate(.jump(end))
            }
            l.b.switchTo(end)
        }
        return Value(regs: result)
    }

    /// Branches to `then` if the pattern's test holds for the subject (bindings and guard
    /// come after).
    mutating func lowerPatternTest(_ pattern: TypedPattern, subjectType: WType?, subject: LocalID?,
                                   then thenBlock: BlockID, else elseBlock: BlockID) throws(Lowering.Failure)
    {
        switch pattern.test {
        case .always:
            b.terminate(.jump(thenBlock))
        case .condition(let condition):
            try lowerCondition(condition, then: thenBlock, else: elseBlock)
        case .anyOf(let items):
            for (index, item) in items.enumerated() {
                let next = index == items.count - 1 ? elseBlock : b.newBlock()
                switch item {
                case .value(let test):
                    try lowerCondition(test, then: thenBlock, else: next)
                case .range(let low, let high, let inclusive, let subject, let isFloat):
                    let value = try lowerExpr(subject)
                    let lowValue = try lowerExpr(low)
                    let highValue = try lowerExpr(high)
                    let aboveLow = b.newBlock()
                    b.terminate(.compareBranch(isFloat ? .geF : .geI, value.reg, .reg(lowValue.reg), then: aboveLow, else: next))
                    b.switchTo(aboveLow)
                    let op: BinaryOp = isFloat ? (inclusive ? .leF : .ltF) : (inclusive ? .leI : .ltI)
                    b.terminate(.compareBranch(op, value.reg, .reg(highValue.reg), then: thenBlock, else: next))
                }
                if index < items.count - 1 { b.switchTo(next) }
            }
        case .type(let test):
            guard let subject, let subjectType else { throw fail("a type pattern needs a subject", pattern.range) }
            let value = try lowerExpr(TypedExpr(.local(subject), subjectType, pattern.range))
            let result = typeTest(value, operandType: subjectType, test: test)
            b.terminate(.branch(result, then: thenBlock, else: elseBlock))
        case .success, .error:
            guard let subject, let subjectType else { throw fail("a Result pattern needs a subject", pattern.range) }
            let value = try lowerExpr(TypedExpr(.local(subject), subjectType, pattern.range))
            if case .success = pattern.test {
                b.terminate(.branch(value.regs[0], then: thenBlock, else: elseBlock))
            } else {
                b.terminate(.branch(value.regs[0], then: elseBlock, else: thenBlock))
            }
        }
    }

    /// Stores a matched pattern's bindings into their locals (in the innermost scope).
    mutating func bindPattern(_ pattern: TypedPattern) throws(Lowering.Failure) {
        for binding in pattern.bindings {
            let value = try lowerExpr(binding.value)
            let info = function.locals[binding.local.index]
            locals[binding.local.index] = .registers(declare(binding.value.type, value: value, name: info.name))
        }
    }
}
