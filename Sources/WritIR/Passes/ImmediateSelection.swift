/// Immediate operands (the superinstructions `add.ik`, `lt.ik`, `jlt.ik`, `rem.ik`, …): an
/// int operation whose right operand is a register defined once by a small constant takes
/// the constant instead. A constant on the left of a commutative operation or a comparison
/// moves to the right (`3 < x` becomes `x > 3`). Dead code removal then drops the constant.
package enum ImmediateSelection {
    /// The range of immediates the instruction encoding can hold (signed 16 bits).
    package static let range: ClosedRange<Int64> = -0x8000...0x7FFF

    package static func run(_ function: inout IRFunction) {
        let defUse = DefUse(function)
        func smallConstant(_ r: Reg) -> Int64? {
            guard let v = defUse.intConstant(r, in: function), range.contains(v) else { return nil }
            return v
        }
        for b in function.blocks.indices {
            for i in function.blocks[b].instructions.indices {
                guard case .binary(let op, let d, let x, .reg(let y)) = function.blocks[b].instructions[i].op,
                      !op.operandsAreFloat, !op.operandsAreReferences
                else { continue }
                if let value = smallConstant(y), accepts(op, value) {
                    function.blocks[b].instructions[i].op = .binary(op, d, x, .imm(value))
                } else if let value = smallConstant(x), let swapped = op.swapped, accepts(swapped, value) {
                    function.blocks[b].instructions[i].op = .binary(swapped, d, y, .imm(value))
                }
            }
            if case .compareBranch(let op, let x, .reg(let y), let t, let e) = function.blocks[b].terminator,
               !op.operandsAreFloat, !op.operandsAreReferences
            {
                if let value = smallConstant(y) {
                    function.blocks[b].terminator = .compareBranch(op, x, .imm(value), then: t, else: e)
                } else if let value = smallConstant(x), let swapped = op.swapped {
                    function.blocks[b].terminator = .compareBranch(swapped, y, .imm(value), then: t, else: e)
                }
            }
        }
    }

    /// Whether the bytecode has an immediate form for `op` with this constant.
    static func accepts(_ op: BinaryOp, _ value: Int64) -> Bool {
        switch op {
        case .addI, .subI, .mulI, .eqI, .neI, .ltI, .leI, .gtI, .geI: true
        // Division by a constant uses a reciprocal, defined for divisors ≥ 2.
        case .divI, .remI: value >= 2
        default: false
        }
    }
}

extension BinaryOp {
    /// The operation with its operands exchanged (`a < b` is `b > a`), if it has one.
    package var swapped: BinaryOp? {
        switch self {
        case .addI, .mulI, .eqI, .neI, .addF, .mulF, .eqF, .neF, .eqS, .neS, .eqR, .neR: self
        case .ltI: .gtI
        case .leI: .geI
        case .gtI: .ltI
        case .geI: .leI
        case .ltF: .gtF
        case .leF: .geF
        case .gtF: .ltF
        case .geF: .leF
        case .ltS: .gtS
        case .leS: .geS
        case .gtS: .ltS
        case .geS: .leS
        default: nil
        }
    }
}
