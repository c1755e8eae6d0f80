/// One stored instruction word, with accessors for its fields (see InstructionSet.swift for
/// the bit layout). Used by the code generator to build words and by the disassembler,
/// verifier and loader to take them apart; the VM decodes the same fields with its own
/// inlined accessors.
package struct InstructionWord: Hashable, Sendable {
    package var bits: UInt64

    package init(bits: UInt64) { self.bits = bits }

    package init(_ opcode: Opcode, x: Int = 0, a: Int = 0, b: Int = 0, c: Int = 0) {
        precondition((0...0xFF).contains(x), "X out of range")
        precondition((0...0xFFFF).contains(a), "A out of range")
        precondition((-0x8000...0xFFFF).contains(b), "B out of range")
        precondition((-0x8000...0xFFFF).contains(c), "C out of range")
        bits = UInt64(opcode.rawValue)
            | UInt64(x) << 8
            | UInt64(a) << 16
            | UInt64(UInt16(truncatingIfNeeded: b)) << 32
            | UInt64(UInt16(truncatingIfNeeded: c)) << 48
    }

    package init(_ opcode: Opcode, x: Int = 0, a: Int = 0, bc: Int) {
        precondition((0...0xFF).contains(x), "X out of range")
        precondition((0...0xFFFF).contains(a), "A out of range")
        precondition(Int(Int32.min)...Int(Int32.max) ~= bc, "BC out of range")
        bits = UInt64(opcode.rawValue)
            | UInt64(x) << 8
            | UInt64(a) << 16
            | UInt64(UInt32(truncatingIfNeeded: bc)) << 32
    }

    /// The opcode, or nil for a byte that names none (only in corrupt code).
    package var opcode: Opcode? { Opcode(rawValue: UInt8(truncatingIfNeeded: bits)) }
    package var x: Int { Int((bits >> 8) & 0xFF) }
    package var a: Int { Int((bits >> 16) & 0xFFFF) }
    package var b: Int { Int((bits >> 32) & 0xFFFF) }
    package var c: Int { Int((bits >> 48) & 0xFFFF) }
    /// B as a signed 16-bit immediate.
    package var bSigned: Int { Int(Int16(truncatingIfNeeded: bits >> 32)) }
    /// C as a signed 16-bit immediate.
    package var cSigned: Int { Int(Int16(truncatingIfNeeded: bits >> 48)) }
    /// B and C as one signed 32-bit field.
    package var bc: Int { Int(Int32(truncatingIfNeeded: bits >> 32)) }

    /// The value of `field` for an operand whose kind is signed (immediates, jump targets).
    package func signedValue(_ field: OperandField) -> Int {
        switch field {
        case .x: x
        case .a: a
        case .b: bSigned
        case .c: cSigned
        case .bc: bc
        case .extra: 0
        }
    }

    /// The value of `field` for an operand whose kind is unsigned (slots, indices, counts).
    package func unsignedValue(_ field: OperandField) -> Int {
        switch field {
        case .x: x
        case .a: a
        case .b: b
        case .c: c
        case .bc: Int(UInt32(truncatingIfNeeded: bits >> 32))
        case .extra: 0
        }
    }

    /// Returns this word with `field` replaced (used to patch jump targets).
    package func replacing(_ field: OperandField, with value: Int) -> InstructionWord {
        var word = self
        switch field {
        case .x: word.bits = (bits & ~(0xFF << 8)) | UInt64(UInt8(truncatingIfNeeded: value)) << 8
        case .a: word.bits = (bits & ~(0xFFFF << 16)) | UInt64(UInt16(truncatingIfNeeded: value)) << 16
        case .b: word.bits = (bits & ~(0xFFFF << 32)) | UInt64(UInt16(truncatingIfNeeded: value)) << 32
        case .c: word.bits = (bits & ~(0xFFFF << 48)) | UInt64(UInt16(truncatingIfNeeded: value)) << 48
        case .bc: word.bits = (bits & 0xFFFF_FFFF) | UInt64(UInt32(truncatingIfNeeded: value)) << 32
        case .extra: break
        }
        return word
    }
}

extension OperandField {
    /// Whether a value fits the field as a signed immediate or offset.
    package func fitsSigned(_ value: Int) -> Bool {
        switch self {
        case .x: (0...0xFF).contains(value)
        case .a: (0...0xFFFF).contains(value)
        case .b, .c: (-0x8000...0x7FFF).contains(value)
        case .bc: Int(Int32.min)...Int(Int32.max) ~= value
        case .extra: true
        }
    }
}
