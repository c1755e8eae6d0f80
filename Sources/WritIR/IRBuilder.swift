/// Builds an `IRFunction`: allocates registers and blocks, appends instructions to the
/// current block. Lowering and the IR tests use it.
package struct IRBuilder {
    package var function: IRFunction
    /// The block instructions are appended to.
    package private(set) var current: BlockID
    /// The line recorded on instructions appended from now on.
    package var line = 0

    package init(name: String, index: Int, file: Int) {
        function = IRFunction(name: name, index: index, file: file)
        function.blocks.append(IRBlock())
        current = BlockID(0)
    }

    package mutating func newRegister(_ kind: RegKind, name: String? = nil) -> Reg {
        function.registers.append(RegisterInfo(kind: kind, name: name))
        return Reg(function.registers.count - 1)
    }

    package mutating func newBlock() -> BlockID {
        function.blocks.append(IRBlock())
        return BlockID(function.blocks.count - 1)
    }

    /// Continues appending in `block`.
    package mutating func switchTo(_ block: BlockID) { current = block }

    package mutating func emit(_ op: IROp) {
        function.blocks[current.index].instructions.append(IRInstruction(op, line: line))
    }

    /// Ends the current block and continues in a fresh block that nothing jumps to yet, so
    /// code after a `return` or `break` lands where dead code removal drops it.
    package mutating func terminate(_ terminator: Terminator) {
        function.blocks[current.index].terminator = terminator
        function.blocks[current.index].terminatorLine = line
        current = newBlock()
    }

    package mutating func jump(to block: BlockID) { terminate(.jump(block)) }

    package func kind(_ reg: Reg) -> RegKind { function.kind(reg) }

    // Shorthands used by lowering and tests.

    package mutating func constInt(_ value: Int64) -> Reg {
        let r = newRegister(.int)
        emit(.constInt(r, value))
        return r
    }

    package mutating func constFloat(_ value: Double) -> Reg {
        let r = newRegister(.float)
        emit(.constFloat(r, value))
        return r
    }

    package mutating func binary(_ op: BinaryOp, _ a: Reg, _ b: IROperand) -> Reg {
        let r = newRegister(op.operandsAreFloat && !op.isComparison ? .float : .int)
        emit(.binary(op, r, a, b))
        return r
    }

    /// The function, without the empty blocks `terminate` opened that nothing reached.
    package mutating func finish() -> IRFunction {
        var referenced = Set<Int>([0])
        for block in function.blocks { for successor in block.terminator.successors { referenced.insert(successor.index) } }
        let dropped = function.blocks.indices.filter { index in
            guard !referenced.contains(index), function.blocks[index].instructions.isEmpty else { return false }
            if case .unreachable = function.blocks[index].terminator { return true }
            return false
        }
        guard !dropped.isEmpty else { return function }
        DeadCodeElimination.removeBlocks(Set(dropped), from: &function)
        return function
    }
}
