/// Move coalescing: `%t = add.i %a, %b` then `%x = move %t`, where `%t` is used only by
/// the move, becomes `%x = add.i %a, %b` when nothing in between reads or writes `%x`.
/// Lowering produces this shape for every assignment to a variable (`sum = sum + i`).
///
/// When instructions in between only *read* `%x` (the old value), they are moved above the
/// definition of `%t` first, if that changes nothing: each is a register-only computation
/// with no effect and no fault (scalar arithmetic that cannot overflow, float arithmetic,
/// moves, constants) that neither depends on nor conflicts with the instructions it moves
/// over. In `tr = zr*zr - zi*zi + cr; zi = 2.0*zr*zi + ci; zr = tr` this hoists `2.0*zr` and
/// removes the copy of `tr` into `zr`, one instruction and one store-to-load step fewer on the
/// loop's dependency chain.
package enum MoveCoalescing {
    package static func run(_ function: inout IRFunction) {
        var defUse = DefUse(function)
        for b in function.blocks.indices {
            // From the end of the block, so removing a move never shifts the position of a
            // definition still to be looked at (they all come before it); hoisting reorders
            // only instructions between a definition and its move.
            for i in function.blocks[b].instructions.indices.reversed() {
                guard i < function.blocks[b].instructions.count,
                      case .move(let x, let t) = function.blocks[b].instructions[i].op,
                      function.kind(x) == function.kind(t), !function.kind(x).isReference,
                      defUse.useCount[t.index] == 1, defUse.defCount[t.index] == 1,
                      let (db, di) = defUse.singleDef[t.index], db == b, di < i
                else { continue }
                let defining = function.blocks[b].instructions[di].op
                guard defining.defs == [t], !function.parameters.contains(x) else { continue }
                let between = (di + 1)..<i
                let instructions = function.blocks[b].instructions
                guard !between.contains(where: { instructions[$0].op.defs.contains(x) }) else { continue }
                let readers = between.filter { instructions[$0].op.uses.contains(x) }
                var hoisted = 0
                if !readers.isEmpty {
                    guard let moved = hoist(readers, above: di, in: &function.blocks[b].instructions, function: function)
                    else { continue }
                    hoisted = moved
                }
                let newDef = di + hoisted
                function.blocks[b].instructions[newDef].op = defining.mapRegisters { $0 == t ? x : $0 }
                function.blocks[b].instructions.remove(at: i)
                if hoisted > 0 { defUse = DefUse(function) }
            }
        }
    }

    /// Moves the instructions at `readers` (ascending, all after `position`), with the
    /// instructions between that compute values they read (a constant they use), to just
    /// before `position`, keeping their order, if each can move there without changing the
    /// result, and returns how many moved; otherwise changes nothing and returns nil.
    static func hoist(_ readers: [Int], above position: Int, in instructions: inout [IRInstruction],
                      function: IRFunction) -> Int? {
        var moving = Set(readers)
        var grew = true
        while grew {
            grew = false
            for m in moving.sorted() {
                let uses = instructions[m].op.uses
                for k in (position + 1)..<m where !moving.contains(k)
                    && instructions[k].op.defs.contains(where: { uses.contains($0) }) {
                    moving.insert(k)
                    grew = true
                }
            }
        }
        let order = moving.sorted()
        for m in order {
            let op = instructions[m].op
            guard isMovable(op, function) else { return nil }
            let uses = Set(op.uses)
            let defs = Set(op.defs)
            // Every instruction it moves over (those that stay put): no value it reads is made
            // there, and nothing there reads or writes what it writes.
            for k in position..<m where !moving.contains(k) {
                let other = instructions[k].op
                if other.defs.contains(where: { uses.contains($0) || defs.contains($0) }) { return nil }
                if other.uses.contains(where: { defs.contains($0) }) { return nil }
            }
        }
        let hoisted = order.map { instructions[$0] }
        for m in order.reversed() { instructions.remove(at: m) }
        instructions.insert(contentsOf: hoisted, at: position)
        return order.count
    }

    /// A computation on scalar registers with no effect besides its results and no fault.
    static func isMovable(_ op: IROp, _ function: IRFunction) -> Bool {
        guard !op.hasSideEffects, op.defs.allSatisfy({ !function.kind($0).isReference }) else { return false }
        switch op {
        case .constInt, .constFloat, .binary, .unary, .fused: return true
        case .move(let d, _): return !function.kind(d).isReference
        default: return false
        }
    }
}
