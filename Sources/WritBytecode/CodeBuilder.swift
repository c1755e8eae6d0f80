/// Builds the stored code of one function: emits instructions, binds labels and patches
/// jump targets, records source lines. The code generator uses it, and so do the VM tests
/// that assemble programs by hand.
package struct CodeBuilder {
    package struct Label: Hashable, Sendable {
        package var id: Int
    }

    package private(set) var code: [UInt64] = []
    package private(set) var lines: [LineEntry] = []
    private var labelOffsets: [Int?] = []
    /// Instructions whose jump field waits for a label: (instruction offset, field, label).
    private var fixups: [(offset: Int, field: OperandField, label: Label)] = []
    private var currentLine = -1

    package init() {}

    /// The stored word offset the next instruction will have.
    package var offset: Int { code.count }

    package mutating func makeLabel() -> Label {
        labelOffsets.append(nil)
        return Label(id: labelOffsets.count - 1)
    }

    /// Binds `label` to the next instruction.
    package mutating func bind(_ label: Label) {
        labelOffsets[label.id] = code.count
    }

    package func isBound(_ label: Label) -> Bool { labelOffsets[label.id] != nil }

    /// Sets the source line of the instructions emitted from now on.
    package mutating func setLine(_ line: Int) {
        guard line != currentLine, line > 0 else { return }
        currentLine = line
        if let last = lines.last, Int(last.offset) == code.count {
            lines[lines.count - 1] = LineEntry(offset: code.count, line: line)
        } else {
            lines.append(LineEntry(offset: code.count, line: line))
        }
    }

    /// Emits an instruction word and its extra words.
    package mutating func emit(_ word: InstructionWord, extra: [UInt64] = []) {
        let opcode = word.opcode!
        precondition(extra.count == opcode.spec.extraWords, "\(opcode.spec.name) takes \(opcode.spec.extraWords) extra words")
        code.append(word.bits)
        code.append(contentsOf: extra)
    }

    package mutating func emit(_ opcode: Opcode, x: Int = 0, a: Int = 0, b: Int = 0, c: Int = 0, extra: [UInt64] = []) {
        emit(InstructionWord(opcode, x: x, a: a, b: b, c: c), extra: extra)
    }

    package mutating func emit(_ opcode: Opcode, x: Int = 0, a: Int = 0, bc: Int, extra: [UInt64] = []) {
        emit(InstructionWord(opcode, x: x, a: a, bc: bc), extra: extra)
    }

    /// Emits a jump-like instruction whose jump target (in the field the opcode's spec names)
    /// is `label`, resolved when the label is bound.
    package mutating func emitJump(_ opcode: Opcode, x: Int = 0, a: Int = 0, b: Int = 0, to label: Label) {
        guard let field = opcode.spec.operands.first(where: { $0.kind == .jumpTarget })?.field else {
            preconditionFailure("\(opcode.spec.name) has no jump target")
        }
        let word = field == .bc ? InstructionWord(opcode, x: x, a: a, bc: 0) : InstructionWord(opcode, x: x, a: a, b: b, c: 0)
        fixups.append((code.count, field, label))
        emit(word, extra: Array(repeating: 0, count: opcode.spec.extraWords))
    }

    /// Whether a jump from the next instruction to `label` can use a 16-bit offset field
    /// (leaving room for the loader, which roughly doubles distances).
    package func fitsShortJump(to label: Label, estimatedForwardWords: Int = 0) -> Bool {
        let distance: Int
        if let target = labelOffsets[label.id] {
            distance = target - code.count
        } else {
            distance = estimatedForwardWords
        }
        return abs(distance) * 2 + 64 < 0x7FFF
    }

    /// Resolves every pending jump; fails if a label was never bound or an offset does not
    /// fit its field.
    package mutating func finish() throws(CodeBuilderError) {
        for fixup in fixups {
            guard let target = labelOffsets[fixup.label.id] else { throw .unboundLabel }
            let distance = target - fixup.offset
            guard fixup.field.fitsSigned(distance) else { throw .jumpTooFar(distance) }
            code[fixup.offset] = InstructionWord(bits: code[fixup.offset]).replacing(fixup.field, with: distance).bits
        }
        fixups.removeAll()
    }
}

package enum CodeBuilderError: Error, Equatable {
    case unboundLabel
    case jumpTooFar(Int)
}

extension CodeBuilder {
    /// The reciprocal extra word of `div.ik` / `rem.ik` for divisor `divisor` (≥ 2).
    package static func reciprocal(of divisor: Int) -> UInt64 { UInt64.max / UInt64(divisor) + 1 }
}
