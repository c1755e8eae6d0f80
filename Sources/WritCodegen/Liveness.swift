import WritIR

/// Live intervals of a function's registers over its instructions in layout order.
///
/// Positions: the instructions of all blocks are numbered in order; instruction `k` reads
/// its operands at position `2k` and writes its results at `2k + 1`; a block's terminator
/// counts as one more instruction. A register's interval is the smallest range that holds
/// every position where it is live, defined or used; a register live around a loop covers
/// the whole loop. The slot allocator gives two registers the same slot only when their
/// intervals do not overlap.
struct Liveness {
    /// Instruction number of the first instruction of each block (and its terminator's).
    var blockStart: [Int]
    var terminatorIndex: [Int]
    var intervalStart: [Int]
    var intervalEnd: [Int]
    /// Total instructions (terminators included).
    var instructionCount: Int

    init(_ function: IRFunction) {
        let registerCount = function.registers.count
        var start: [Int] = []
        var terminator: [Int] = []
        var k = 0
        for block in function.blocks {
            start.append(k)
            k += block.instructions.count
            terminator.append(k)
            k += 1
        }
        blockStart = start
        terminatorIndex = terminator
        instructionCount = k

        // Per-block use-before-def and def sets, then the classic backward fixpoint.
        let blockCount = function.blocks.count
        var gen = Array(repeating: Set<Int>(), count: blockCount)
        var kill = Array(repeating: Set<Int>(), count: blockCount)
        for (b, block) in function.blocks.enumerated() {
            var g = Set<Int>()
            var d = Set<Int>()
            for instruction in block.instructions {
                for use in instruction.op.uses where !d.contains(use.index) { g.insert(use.index) }
                for def in instruction.op.defs { d.insert(def.index) }
            }
            for use in block.terminator.uses where !d.contains(use.index) { g.insert(use.index) }
            for def in block.terminator.defs { d.insert(def.index) }
            gen[b] = g
            kill[b] = d
        }
        var liveIn = Array(repeating: Set<Int>(), count: blockCount)
        var liveOut = Array(repeating: Set<Int>(), count: blockCount)
        var changed = true
        while changed {
            changed = false
            for b in (0..<blockCount).reversed() {
                var out = Set<Int>()
                for successor in function.blocks[b].terminator.successors { out.formUnion(liveIn[successor.index]) }
                let inn = gen[b].union(out.subtracting(kill[b]))
                if out != liveOut[b] || inn != liveIn[b] {
                    liveOut[b] = out
                    liveIn[b] = inn
                    changed = true
                }
            }
        }

        var lo = Array(repeating: Int.max, count: registerCount)
        var hi = Array(repeating: -1, count: registerCount)
        func touch(_ r: Int, _ position: Int) {
            if position < lo[r] { lo[r] = position }
            if position > hi[r] { hi[r] = position }
        }
        for parameter in function.parameters { touch(parameter.index, 0) }
        for (b, block) in function.blocks.enumerated() {
            let first = 2 * start[b]
            let last = 2 * terminator[b] + 1
            for r in liveIn[b] { touch(r, first) }
            for r in liveOut[b] { touch(r, last) }
            for (i, instruction) in block.instructions.enumerated() {
                let position = 2 * (start[b] + i)
                for use in instruction.op.uses { touch(use.index, position) }
                for def in instruction.op.defs { touch(def.index, position + 1) }
            }
            for use in block.terminator.uses { touch(use.index, 2 * terminator[b]) }
            for def in block.terminator.defs { touch(def.index, 2 * terminator[b] + 1) }
        }
        intervalStart = lo
        intervalEnd = hi
    }

    /// Whether the register is used at all.
    func exists(_ reg: Reg) -> Bool { intervalEnd[reg.index] >= 0 }

    /// Live both before and after instruction number `k` (not just an operand or result of it).
    func isLiveAcross(_ reg: Reg, instruction k: Int) -> Bool {
        intervalStart[reg.index] < 2 * k && intervalEnd[reg.index] > 2 * k + 1
    }
}
