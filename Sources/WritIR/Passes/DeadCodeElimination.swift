/// Dead code removal: drops blocks no path reaches, and instructions without side effects
/// whose results nobody reads (repeated until nothing changes).
package enum DeadCodeElimination {
    package static func run(_ function: inout IRFunction) {
        removeUnreachableBlocks(&function)
        var changed = true
        while changed {
            changed = false
            let defUse = DefUse(function)
            for b in function.blocks.indices {
                let before = function.blocks[b].instructions.count
                function.blocks[b].instructions.removeAll { instruction in
                    let op = instruction.op
                    guard !op.hasSideEffects else { return false }
                    let defs = op.defs
                    return !defs.isEmpty && defs.allSatisfy { defUse.useCount[$0.index] == 0 }
                }
                if function.blocks[b].instructions.count != before { changed = true }
            }
        }
    }

    /// Removes blocks unreachable from the entry and renumbers the rest (keeping order).
    static func removeUnreachableBlocks(_ function: inout IRFunction) {
        var reachable = Array(repeating: false, count: function.blocks.count)
        var stack = [0]
        reachable[0] = true
        while let b = stack.popLast() {
            for successor in function.blocks[b].terminator.successors where !reachable[successor.index] {
                reachable[successor.index] = true
                stack.append(successor.index)
            }
        }
        guard reachable.contains(false) else { return }
        removeBlocks(Set(reachable.indices.filter { !reachable[$0] }), from: &function)
    }

    /// Removes the given blocks (which no remaining block jumps to) and renumbers the rest.
    static func removeBlocks(_ removed: Set<Int>, from function: inout IRFunction) {
        var newIndex = Array(repeating: -1, count: function.blocks.count)
        var blocks: [IRBlock] = []
        for (b, block) in function.blocks.enumerated() where !removed.contains(b) {
            newIndex[b] = blocks.count
            blocks.append(block)
        }
        func map(_ id: BlockID) -> BlockID { BlockID(newIndex[id.index]) }
        for b in blocks.indices {
            blocks[b].terminator = switch blocks[b].terminator {
            case .jump(let t): .jump(map(t))
            case .branch(let c, let t, let e): .branch(c, then: map(t), else: map(e))
            case .compareBranch(let op, let x, let y, let t, let e): .compareBranch(op, x, y, then: map(t), else: map(e))
            case .forLoop(let counter, let last, let body, let exit):
                .forLoop(counter: counter, last: last, body: map(body), exit: map(exit))
            case .ret, .halt, .unreachable: blocks[b].terminator
            }
        }
        function.blocks = blocks
    }
}
