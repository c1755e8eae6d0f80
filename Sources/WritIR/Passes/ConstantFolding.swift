/// Constant folding: an operation whose operands are registers defined once by constants
/// becomes a constant, and a branch on a known condition becomes a jump. Operations that
/// would fail at run time (overflow, division by zero, an out-of-range conversion) are kept,
/// so that the program still reports the error when it reaches them.
package enum ConstantFolding {
    package static func run(_ function: inout IRFunction) {
        var changed = true
        while changed {
            changed = false
            let defUse = DefUse(function)
            func int(_ r: Reg) -> Int64? { defUse.intConstant(r, in: function) }
            func float(_ r: Reg) -> Double? { defUse.floatConstant(r, in: function) }
            func int(_ o: IROperand) -> Int64? {
                switch o {
                case .imm(let v): v
                case .reg(let r): int(r)
                }
            }
            for b in function.blocks.indices {
                for i in function.blocks[b].instructions.indices {
                    let op = function.blocks[b].instructions[i].op
                    var folded: IROp?
                    switch op {
                    case .binary(let bop, let d, let x, let y):
                        if bop.operandsAreFloat {
                            if let fx = float(x), case .reg(let ry) = y, let fy = float(ry) {
                                folded = foldFloat(bop, d, fx, fy)
                            }
                        } else if !bop.operandsAreReferences, let ix = int(x), let iy = int(y) {
                            folded = foldInt(bop, d, ix, iy)
                        }
                    case .unary(let uop, let d, let x):
                        switch uop {
                        case .negI: if let v = int(x), v != .min { folded = .constInt(d, -v) }
                        case .not: if let v = int(x) { folded = .constInt(d, v == 0 ? 1 : 0) }
                        case .negF: if let v = float(x) { folded = .constFloat(d, -v) }
                        case .intToFloat: if let v = int(x) { folded = .constFloat(d, Double(v)) }
                        case .floatToInt:
                            if let v = float(x), v >= -0x1p63 && v < 0x1p63 { folded = .constInt(d, Int64(v)) }
                        case .intToString, .floatToString, .boolToString: break
                        }
                    default: break
                    }
                    if let folded {
                        function.blocks[b].instructions[i].op = folded
                        changed = true
                    }
                }
                switch function.blocks[b].terminator {
                case .branch(let c, let t, let e):
                    if let v = int(c) {
                        function.blocks[b].terminator = .jump(v != 0 ? t : e)
                        changed = true
                    }
                case .compareBranch(let op, let x, let y, let t, let e):
                    if !op.operandsAreFloat && !op.operandsAreReferences, let ix = int(x), let iy = int(y),
                       case .constInt(_, let v)? = foldInt(op, Reg(0), ix, iy)
                    {
                        function.blocks[b].terminator = .jump(v != 0 ? t : e)
                        changed = true
                    } else if op.operandsAreFloat, let fx = float(x), case .reg(let ry) = y, let fy = float(ry),
                              case .constInt(_, let v)? = foldFloat(op, Reg(0), fx, fy)
                    {
                        function.blocks[b].terminator = .jump(v != 0 ? t : e)
                        changed = true
                    }
                default: break
                }
            }
        }
    }

    static func foldInt(_ op: BinaryOp, _ d: Reg, _ a: Int64, _ b: Int64) -> IROp? {
        func bool(_ v: Bool) -> IROp { .constInt(d, v ? 1 : 0) }
        switch op {
        case .addI:
            let (r, o) = a.addingReportingOverflow(b)
            return o ? nil : .constInt(d, r)
        case .subI:
            let (r, o) = a.subtractingReportingOverflow(b)
            return o ? nil : .constInt(d, r)
        case .mulI:
            let (r, o) = a.multipliedReportingOverflow(by: b)
            return o ? nil : .constInt(d, r)
        case .divI:
            if b == 0 { return nil }
            let (r, o) = a.dividedReportingOverflow(by: b)
            return o ? nil : .constInt(d, r)
        case .remI:
            if b == 0 { return nil }
            return .constInt(d, b == -1 ? 0 : a % b)
        case .eqI: return bool(a == b)
        case .neI: return bool(a != b)
        case .ltI: return bool(a < b)
        case .leI: return bool(a <= b)
        case .gtI: return bool(a > b)
        case .geI: return bool(a >= b)
        default: return nil
        }
    }

    static func foldFloat(_ op: BinaryOp, _ d: Reg, _ a: Double, _ b: Double) -> IROp? {
        func bool(_ v: Bool) -> IROp { .constInt(d, v ? 1 : 0) }
        switch op {
        case .addF: return .constFloat(d, a + b)
        case .subF: return .constFloat(d, a - b)
        case .mulF: return .constFloat(d, a * b)
        case .divF: return .constFloat(d, a / b)
        case .remF: return .constFloat(d, a.truncatingRemainder(dividingBy: b))
        case .eqF: return bool(a == b)
        case .neF: return bool(a != b)
        case .ltF: return bool(a < b)
        case .leF: return bool(a <= b)
        case .gtF: return bool(a > b)
        case .geF: return bool(a >= b)
        default: return nil
        }
    }
}
