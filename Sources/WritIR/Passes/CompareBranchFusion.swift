/// Compare-and-branch fusion: `%c = lt.i %a, %b` followed by `br %c` becomes one
/// `br.lt.i %a, %b`, when `%c` has no other use and nothing between the comparison and
/// the branch changes `%a` or `%b` (defines or consumes it). The bytecode has a fused instruction for each.
package enum CompareBranchFusion {
    package static func run(_ function: inout IRFunction) {
        let defUse = DefUse(function)
        for b in function.blocks.indices {
            guard case .branch(let condition, let thenBlock, let elseBlock) = function.blocks[b].terminator,
                  defUse.useCount[condition.index] == 1,
                  let index = function.blocks[b].instructions.lastIndex(where: { $0.op.defs.contains(condition) }),
                  case .binary(let op, _, let lhs, let rhs) = function.blocks[b].instructions[index].op,
                  op.isComparison
            else { continue }
            let later = function.blocks[b].instructions[(index + 1)...]
            let operands = [lhs] + (rhs.reg.map { [$0] } ?? [])
            // Nothing in between may redefine an operand or end its life (`release` nulls it).
            guard !later.contains(where: { instruction in
                (instruction.op.defs + instruction.op.consumes).contains { operands.contains($0) }
            })
            else { continue }
            function.blocks[b].instructions.remove(at: index)
            function.blocks[b].terminator = .compareBranch(op, lhs, rhs, then: thenBlock, else: elseBlock)
        }
    }
}
