/// Definition and use counts of every register of a function, and the single defining
/// instruction where there is exactly one. The passes use it to find registers they can
/// reason about without dataflow: a register defined once is the same value at every use.
struct DefUse {
    /// Definitions per register (parameters count as one).
    var defCount: [Int]
    var useCount: [Int]
    /// For registers with exactly one definition by an instruction: where.
    var singleDef: [(block: Int, index: Int)?]

    init(_ function: IRFunction) {
        let count = function.registers.count
        defCount = Array(repeating: 0, count: count)
        useCount = Array(repeating: 0, count: count)
        singleDef = Array(repeating: nil, count: count)
        for parameter in function.parameters { defCount[parameter.index] += 1 }
        for (b, block) in function.blocks.enumerated() {
            for (i, instruction) in block.instructions.enumerated() {
                for def in instruction.op.defs {
                    defCount[def.index] += 1
                    singleDef[def.index] = (b, i)
                }
                for use in instruction.op.uses { useCount[use.index] += 1 }
            }
            for def in block.terminator.defs { defCount[def.index] += 1 }
            for use in block.terminator.uses { useCount[use.index] += 1 }
        }
        for r in 0..<count where defCount[r] != 1 { singleDef[r] = nil }
    }

    /// The defining operation of a register defined exactly once by an instruction.
    func definition(of reg: Reg, in function: IRFunction) -> IROp? {
        guard let (b, i) = singleDef[reg.index] else { return nil }
        return function.blocks[b].instructions[i].op
    }

    /// The constant an int register always holds, if it is defined once by `const.i`.
    func intConstant(_ reg: Reg, in function: IRFunction) -> Int64? {
        if case .constInt(_, let value) = definition(of: reg, in: function) { return value }
        return nil
    }

    func floatConstant(_ reg: Reg, in function: IRFunction) -> Double? {
        if case .constFloat(_, let value) = definition(of: reg, in: function) { return value }
        return nil
    }
}
