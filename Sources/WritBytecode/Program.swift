/// A compiled program: the unit the code generator produces and the VM loads.
///
/// Everything here is plain data (no addresses), so a program can be written to a `.wbc`
/// file, read back, verified and loaded. The VM turns it into runtime code (instruction
/// records with handler addresses) when it loads it.
package struct BytecodeProgram: Sendable {
    package var functions: [BytecodeFunction] = []
    /// String constants (interned: equal literals share one entry).
    package var strings: [String] = []
    package var globals: [GlobalInfo] = []
    /// Heap object types; index 0 is `string`.
    package var types: [TypeDescriptor] = [.string]
    /// Trait names by trait number (for messages such as `cannot cast Cat to Named`).
    package var traitNames: [String] = []
    /// Source file paths, indexed by `BytecodeFunction.file`.
    package var files: [String] = []
    /// The entry module's top-level code.
    package var entry: Int = 0
    /// The functions that run the program: every module's top-level code, imported modules
    /// first. Empty means just `entry`.
    package var initializers: [Int] = []

    package init() {}
}

/// The kind a slot has for the whole of one function (see InstructionSet.swift).
package enum SlotKind: UInt8, Sendable, Hashable {
    case scalar = 0
    case owned = 1
    case borrowed = 2

    package var isReference: Bool { self != .scalar }
}

package struct BytecodeFunction: Sendable {
    /// The name printed in stack traces: `name`, `Type.method`, `<lambda>`, `<main>`.
    package var name: String
    /// Stored instruction words.
    package var code: [UInt64]
    /// Kinds of the frame's slots; its count is the frame size (call windows included).
    package var slotKinds: [SlotKind]
    /// Slots taken by the parameters (slot 0 onwards).
    package var parameterCount: Int
    /// Kinds of the result slots, in order (written below the caller's header by `ret`).
    package var resultKinds: [SlotKind]
    /// Index into `BytecodeProgram.files`.
    package var file: Int
    /// Source line of each instruction: sorted (stored word offset, line) pairs; an
    /// instruction's line is that of the last entry at or before its offset.
    package var lines: [LineEntry]
    /// A compiler-made helper (thunk, sort): not shown in error traces.
    package var isHelper = false

    package init(name: String, code: [UInt64], slotKinds: [SlotKind], parameterCount: Int, resultKinds: [SlotKind],
                 file: Int, lines: [LineEntry], isHelper: Bool = false) {
        self.isHelper = isHelper
        self.name = name
        self.code = code
        self.slotKinds = slotKinds
        self.parameterCount = parameterCount
        self.resultKinds = resultKinds
        self.file = file
        self.lines = lines
    }

    package var frameSize: Int { slotKinds.count }

    /// The source line of the instruction at stored word offset `offset`.
    package func line(at offset: Int) -> Int {
        var lo = 0
        var hi = lines.count - 1
        var best = lines.first?.line ?? 0
        while lo <= hi {
            let mid = (lo + hi) / 2
            if Int(lines[mid].offset) <= offset {
                best = lines[mid].line
                lo = mid + 1
            } else {
                hi = mid - 1
            }
        }
        return Int(best)
    }

    /// Offsets of the owned slots, which the frame zeroes on entry and releases on unwind.
    package var ownedSlots: [Int] { slotKinds.indices.filter { slotKinds[$0] == .owned } }
}

package struct LineEntry: Sendable, Hashable {
    package var offset: UInt32
    package var line: UInt32
    package init(offset: Int, line: Int) {
        self.offset = UInt32(offset)
        self.line = UInt32(line)
    }
}

package struct GlobalInfo: Sendable, Hashable {
    package var name: String
    package var kind: SlotKind
    package init(name: String, kind: SlotKind) {
        self.name = name
        self.kind = kind
    }
}
