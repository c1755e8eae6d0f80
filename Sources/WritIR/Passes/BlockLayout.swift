/// Orders blocks for emission: reverse postorder of a depth-first walk that visits a
/// branch's preferred successor last, so it comes right after the branch (the code
/// generator then falls through to it instead of jumping), loop bodies come before their
/// exits, and blocks nothing reaches disappear.
package enum BlockLayout {
    package static func run(_ function: inout IRFunction) {
        let count = function.blocks.count
        var visited = Array(repeating: false, count: count)
        var postorder: [Int] = []
        // Iterative DFS: (block, next successor to visit).
        var stack: [(block: Int, successors: [Int], next: Int)] = []
        func successors(_ b: Int) -> [Int] {
            // Visited in this order; the last one visited lands first after `b`.
            switch function.blocks[b].terminator {
            case .branch(_, let t, let e), .compareBranch(_, _, _, let t, let e): [e.index, t.index]
            case .forLoop(_, _, let body, let exit): [exit.index, body.index]
            default: function.blocks[b].terminator.successors.map(\.index)
            }
        }
        visited[0] = true
        stack.append((0, successors(0), 0))
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next < stack[top].successors.count {
                let s = stack[top].successors[stack[top].next]
                stack[top].next += 1
                if !visited[s] {
                    visited[s] = true
                    stack.append((s, successors(s), 0))
                }
            } else {
                postorder.append(stack[top].block)
                stack.removeLast()
            }
        }
        let order = Array(postorder.reversed())
        if order == Array(0..<count) { return }
        var newIndex = Array(repeating: -1, count: count)
        for (position, b) in order.enumerated() { newIndex[b] = position }
        func map(_ id: BlockID) -> BlockID { BlockID(newIndex[id.index]) }
        var blocks: [IRBlock] = []
        for b in order {
            var block = function.blocks[b]
            block.terminator = switch block.terminator {
            case .jump(let t): .jump(map(t))
            case .branch(let c, let t, let e): .branch(c, then: map(t), else: map(e))
            case .compareBranch(let op, let x, let y, let t, let e): .compareBranch(op, x, y, then: map(t), else: map(e))
            case .forLoop(let counter, let last, let body, let exit):
                .forLoop(counter: counter, last: last, body: map(body), exit: map(exit))
            case .ret, .halt, .unreachable: block.terminator
            }
            blocks.append(block)
        }
        function.blocks = blocks
    }
}
