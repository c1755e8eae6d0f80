import WritBytecode

/// How the VM dispatches instructions (design.md §4). All strategies run the same
/// instruction semantics.
package enum DispatchStrategy: String, CaseIterable, Sendable {
    /// Direct threading: each record holds its handler's address; handlers tail-call.
    case direct
    /// Token threading: a Swift loop switching on the opcode byte.
    case `switch`
    /// Call threading: a loop calling the entry point each record holds.
    case call
}

/// Which handler each record's first word holds.
package enum HandlerTable: Sendable {
    case direct, counting, hooked, call
}

/// A verified program expanded into runtime instruction records.
///
/// Safety: `code` is allocated with `codeWords` words in `init` and freed in `deinit`; the
/// records in it are built only from code the `Verifier` accepted.
///
/// Runtime code is one buffer of 64-bit words. Record 0 is a `halt` that entry frames
/// return to; the functions follow. Each instruction becomes `[handler][word][extra…]`:
/// the handler word is filled per dispatch strategy, jump offsets are converted from stored
/// words to runtime words, and loader-patched operands (call targets and frame sizes,
/// string constant addresses) are filled in.
@safe package final class LoadedProgram {
    package let program: BytecodeProgram
    /// Owns the code buffer.
    let code: UnsafeMutablePointer<UInt64>
    let codeWords: Int
    /// Runtime word offset of each function's first record.
    let functionStarts: [Int]
    /// String constants, each held with one strong reference by the program.
    package let strings: [ObjectRef]
    /// The type table in the form the hot path reads.
    package let types: RuntimeTypes

    package struct LoadError: Error, CustomStringConvertible {
        package var description: String
    }

    /// Verifies and expands `program`. String constants are allocated on `heap`.
    package init(_ program: BytecodeProgram, strategy: DispatchStrategy, counting: Bool, hooked: Bool = false,
                 heap: inout Heap) throws(LoadError)
    {
        do {
            try Verifier.verify(program)
        } catch {
            throw LoadError(description: error.description)
        }
        self.program = program
        var strings: [ObjectRef] = []
        strings.reserveCapacity(program.strings.count)
        for text in program.strings { strings.append(StringObject.make(text, stats: &heap).object) }
        self.strings = strings

        // Pass 1: runtime offsets of every instruction.
        var starts: [Int] = []
        var runtimeOffsets: [[Int: Int]] = []
        var total = 2  // the halt record
        for function in program.functions {
            starts.append(total)
            var map: [Int: Int] = [:]
            var offset = 0
            while offset < function.code.count {
                map[offset] = total
                let opcode = InstructionWord(bits: function.code[offset]).opcode!
                total += 1 + opcode.spec.storedWords
                offset += opcode.spec.storedWords
            }
            map[offset] = total
            runtimeOffsets.append(map)
        }
        self.functionStarts = starts
        self.codeWords = total
        let code = UnsafeMutablePointer<UInt64>.allocate(capacity: total)
        unsafe code.initialize(repeating: 0, count: total)
        unsafe self.code = code

        let table: HandlerTable? = switch strategy {
        case .direct: hooked ? .hooked : (counting ? .counting : .direct)
        case .call: .call
        case .switch: nil
        }
        func handler(_ opcode: Opcode, backward: Bool = false) -> UInt64 {
            guard let table else { return 0 }
            return Interpreter.handler(opcode.rawValue, table: table, backward: backward)
        }

        // Pass 2: records.
        unsafe code[0] = handler(.halt)
        unsafe code[1] = InstructionWord(.halt).bits
        for (index, function) in program.functions.enumerated() {
            let map = runtimeOffsets[index]
            var offset = 0
            while offset < function.code.count {
                var word = InstructionWord(bits: function.code[offset])
                let opcode = word.opcode!
                let spec = opcode.spec
                let here = map[offset]!
                var backward = false
                for operand in spec.operands where operand.kind == .jumpTarget {
                    let target = offset + word.signedValue(operand.field)
                    let runtimeDistance = map[target]! - here
                    guard operand.field.fitsSigned(runtimeDistance) else {
                        throw LoadError(description: "function '\(function.name)' is too large: a jump of \(runtimeDistance) words does not fit its instruction")
                    }
                    word = word.replacing(operand.field, with: runtimeDistance)
                    backward = runtimeDistance <= 0  // a jump to itself is a loop too
                }
                unsafe code[here] = handler(opcode, backward: backward)
                unsafe code[here + 1] = word.bits
                for extra in 0..<spec.extraWords {
                    unsafe code[here + 2 + extra] = function.code[offset + 1 + extra]
                }
                switch opcode {
                case .call:
                    let callee = word.bc
                    unsafe code[here + 2] = UInt64(UInt(bitPattern: code + starts[callee]))
                    unsafe code[here + 3] = UInt64(program.functions[callee].frameSize)
                case .loadStr:
                    unsafe code[here + 2] = strings[word.bc].bits
                case .makeClosure:
                    let function = Int(function.code[offset + 1])
                    unsafe code[here + 2] = UInt64(UInt(bitPattern: code + starts[function]))
                    unsafe code[here + 3] = UInt64(program.functions[function].frameSize)
                default:
                    break
                }
                offset += spec.storedWords
            }
        }
        let codeBase = unsafe code
        self.types = RuntimeTypes(program.types) { function in
            (UInt64(UInt(bitPattern: unsafe codeBase + starts[function])), program.functions[function].frameSize)
        }
    }

    deinit {
        unsafe code.deallocate()
        types.deallocate()
    }

    /// The record at the start of function `index`.
    package func entry(of index: Int) -> Pc { unsafe Pc(code + functionStarts[index]) }

    /// The function whose first record is `pc`, if any.
    package func function(atEntry pc: Pc) -> Int? {
        let offset = pc.words(from: unsafe Pc(code))
        var lo = 0
        var hi = functionStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if functionStarts[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < functionStarts.count && functionStarts[lo] == offset ? lo : nil
    }

    /// Whether `pc` is the first record of some function.
    package func isFunctionEntry(_ pc: Pc) -> Bool {
        let offset = pc.words(from: unsafe Pc(code))
        return functionStarts.contains(offset)
    }

    /// The `halt` record entry frames return to.
    package var haltPc: Pc { unsafe Pc(code) }

    /// Where every runtime word comes from, for callers that locate every instruction (the
    /// debug hooks): `functions[w]` and `offsets[w]` are the function and stored offset of the
    /// instruction whose record holds word `w` (-1 for the halt record). Built in one pass.
    package func recordLocations() -> (functions: [Int32], offsets: [Int32]) {
        var functions = [Int32](repeating: -1, count: codeWords)
        var offsets = [Int32](repeating: -1, count: codeWords)
        for (index, function) in program.functions.enumerated() {
            var runtime = functionStarts[index]
            var stored = 0
            while stored < function.code.count {
                let words = InstructionWord(bits: function.code[stored]).opcode!.spec.storedWords
                for word in runtime..<(runtime + 1 + words) {
                    functions[word] = Int32(index)
                    offsets[word] = Int32(stored)
                }
                runtime += 1 + words
                stored += words
            }
        }
        return (functions, offsets)
    }

    /// The runtime word offset of `pc` from the start of the code.
    package func wordOffset(_ pc: Pc) -> Int { pc.words(from: unsafe Pc(code)) }

    /// The function whose code contains `pc`, with the stored word offset of the
    /// instruction whose record contains it, or nil for the halt record.
    package func locate(_ pc: Pc) -> (function: Int, storedOffset: Int)? {
        let runtimeOffset = pc.words(from: unsafe Pc(code))
        guard runtimeOffset >= 2, runtimeOffset < codeWords else { return nil }
        var lo = 0
        var hi = functionStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if functionStarts[mid] <= runtimeOffset { lo = mid } else { hi = mid - 1 }
        }
        let function = program.functions[lo]
        var runtime = functionStarts[lo]
        var stored = 0
        while stored < function.code.count {
            let words = InstructionWord(bits: function.code[stored]).opcode!.spec.storedWords
            if runtime + 1 + words > runtimeOffset { break }
            runtime += 1 + words
            stored += words
        }
        return (lo, stored)
    }
}
