/// Move coalescing: `%t = add.i %a, %b` then `%x = move %t`, where `%t` is used only by
/// the move, becomes `%x = add.i %a, %b` when nothing in between reads or writes `%x`.
/// Lowering produces this shape for every assignment to a variable (`sum = sum + i`).
package enum MoveCoalescing {
    package static func run(_ function: inout IRFunction) {
        let defUse = DefUse(function)
        for b in function.blocks.indices {
            // From the end of the block, so removing a move never shifts the position of a
            // definition still to be looked at (they all come before it).
            for i in function.blocks[b].instructions.indices.reversed() {
                guard case .move(let x, let t) = function.blocks[b].instructions[i].op,
                      function.kind(x) == function.kind(t), !function.kind(x).isReference,
                      defUse.useCount[t.index] == 1, defUse.defCount[t.index] == 1,
                      let (db, di) = defUse.singleDef[t.index], db == b, di < i
                else { continue }
                let defining = function.blocks[b].instructions[di].op
                let between = function.blocks[b].instructions[(di + 1)..<i]
                let touchesX = between.contains { $0.op.uses.contains(x) || $0.op.defs.contains(x) }
                guard !touchesX, defining.defs == [t], !function.parameters.contains(x) else { continue }
                function.blocks[b].instructions[di].op = defining.mapRegisters { $0 == t ? x : $0 }
                function.blocks[b].instructions.remove(at: i)
            }
        }
    }
}
