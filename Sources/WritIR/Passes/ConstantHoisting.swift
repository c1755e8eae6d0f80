/// Loop-invariant constants: a constant (`const.i`, `const.f`, `const.str`, `const.null`)
/// defined once inside a loop moves to the entry block, so the loop does not reload it on
/// every iteration. It costs a slot for the whole function, which the VM's frames afford.
package enum ConstantHoisting {
    package static func run(_ function: inout IRFunction) {
        let inLoop = Loops.blocksInLoops(function)
        guard !inLoop.isEmpty, !inLoop.contains(0) else { return }
        let defUse = DefUse(function)
        var hoisted: [IRInstruction] = []
        for b in function.blocks.indices where inLoop.contains(b) {
            function.blocks[b].instructions.removeAll { instruction in
                switch instruction.op {
                case .constInt(let d, _), .constFloat(let d, _), .constString(let d, _), .constNull(let d):
                    guard defUse.defCount[d.index] == 1 else { return false }
                    hoisted.append(instruction)
                    return true
                default:
                    return false
                }
            }
        }
        function.blocks[0].instructions += hoisted
    }
}

/// Natural loops of a function's control flow graph.
enum Loops {
    /// Blocks that belong to some loop: for every back edge u → h (h reached before u in a
    /// depth-first walk and still on its stack), the blocks that reach u without passing h.
    static func blocksInLoops(_ function: IRFunction) -> Set<Int> {
        let count = function.blocks.count
        var predecessors = Array(repeating: [Int](), count: count)
        for (b, block) in function.blocks.enumerated() {
            for successor in block.terminator.successors { predecessors[successor.index].append(b) }
        }
        // Back edges: edges to a block on the DFS stack.
        var state = Array(repeating: 0, count: count)  // 0 unvisited, 1 on stack, 2 done
        var backEdges: [(from: Int, header: Int)] = []
        var stack: [(block: Int, next: Int)] = [(0, 0)]
        state[0] = 1
        while !stack.isEmpty {
            let top = stack.count - 1
            let successors = function.blocks[stack[top].block].terminator.successors
            if stack[top].next < successors.count {
                let s = successors[stack[top].next].index
                stack[top].next += 1
                if state[s] == 0 {
                    state[s] = 1
                    stack.append((s, 0))
                } else if state[s] == 1 {
                    backEdges.append((stack[top].block, s))
                }
            } else {
                state[stack[top].block] = 2
                stack.removeLast()
            }
        }
        var inLoop = Set<Int>()
        for edge in backEdges {
            var body: Set<Int> = [edge.header]
            var work = [edge.from]
            while let b = work.popLast() {
                if body.insert(b).inserted { work += predecessors[b] }
            }
            inLoop.formUnion(body)
        }
        return inLoop
    }
}
