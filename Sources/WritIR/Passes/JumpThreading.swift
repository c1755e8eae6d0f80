/// Jump threading: a branch or jump to a block that holds nothing but a jump goes straight
/// to that jump's target (a `break` block, an empty `else`), so the code generator does not
/// emit jumps to jumps.
package enum JumpThreading {
    package static func run(_ function: inout IRFunction) {
        func resolve(_ target: BlockID) -> BlockID {
            var current = target
            var steps = 0
            while steps < function.blocks.count, function.blocks[current.index].instructions.isEmpty,
                  case .jump(let next) = function.blocks[current.index].terminator, next != current
            {
                current = next
                steps += 1
            }
            return current
        }
        for b in function.blocks.indices {
            function.blocks[b].terminator = switch function.blocks[b].terminator {
            case .jump(let t): .jump(resolve(t))
            case .branch(let c, let t, let e): .branch(c, then: resolve(t), else: resolve(e))
            case .compareBranch(let op, let x, let y, let t, let e): .compareBranch(op, x, y, then: resolve(t), else: resolve(e))
            case .forLoop(let counter, let last, let body, let exit):
                .forLoop(counter: counter, last: last, body: resolve(body), exit: resolve(exit))
            case .ret, .halt, .unreachable: function.blocks[b].terminator
            }
        }
        DeadCodeElimination.removeUnreachableBlocks(&function)
    }
}
