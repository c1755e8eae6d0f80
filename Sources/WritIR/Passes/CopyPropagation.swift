/// Copy propagation: after `%d = move %s`, where `%d` is defined only there and `%s` is
/// defined at most once (so it cannot change between the move and a use of `%d`), every
/// use of `%d` reads `%s` instead. The move is then dead and dead code removal drops it.
package enum CopyPropagation {
    package static func run(_ function: inout IRFunction) {
        let defUse = DefUse(function)
        var replacement: [Reg: Reg] = [:]
        for block in function.blocks {
            for instruction in block.instructions {
                guard case .move(let d, let s) = instruction.op,
                      defUse.defCount[d.index] == 1, defUse.defCount[s.index] <= 1
                else { continue }
                // A borrowed view of an owned register keeps reading the owned register;
                // the kinds at the uses stay valid (reads accept any reference).
                replacement[d] = s
            }
        }
        guard !replacement.isEmpty else { return }
        func resolve(_ r: Reg) -> Reg {
            var r = r
            while let next = replacement[r] { r = next }
            return r
        }
        for b in function.blocks.indices {
            for i in function.blocks[b].instructions.indices {
                function.blocks[b].instructions[i].op = function.blocks[b].instructions[i].op.mapUses(resolve)
            }
            function.blocks[b].terminator = function.blocks[b].terminator.mapUses(resolve)
        }
    }
}
