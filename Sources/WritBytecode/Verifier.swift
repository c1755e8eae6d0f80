/// Checks a program before the VM runs it, so that running it cannot touch memory outside
/// its frames or treat a number as a pointer (design.md §9). Every loaded program goes
/// through here; code from the compiler should always pass (a failure is a compiler bug),
/// code from a file may be corrupt or hostile.
///
/// What it establishes, per function:
/// - every instruction is a known opcode, lies wholly inside the code, and the code ends in
///   an instruction that cannot fall through;
/// - every slot operand is below the frame size and has the kind its operand requires
///   (scalar, owned or borrowed reference; see InstructionSet.swift), so a slot that is read
///   as a reference only ever holds null or a live object;
/// - parameters are scalar or borrowed, and owned slots are cleared by a leading `zero`;
/// - jump targets land on instruction starts inside the function;
/// - function, string, global and native indices exist, call windows match the callee's
///   parameter and result kinds, and `ret` returns what the function declares.
package struct Verifier {
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        package var function: String
        package var offset: Int
        package var reason: String
        package var description: String { "invalid bytecode in '\(function)' at word \(offset): \(reason)" }
    }

    let program: BytecodeProgram

    package init(_ program: BytecodeProgram) { self.program = program }

    package static func verify(_ program: BytecodeProgram) throws(Failure) {
        try Verifier(program).verify()
    }

    package func verify() throws(Failure) {
        for entry in [program.entry] + program.initializers {
            guard program.functions.indices.contains(entry) else {
                throw Failure(function: "<program>", offset: 0, reason: "no entry function \(entry)")
            }
            guard program.functions[entry].parameterCount == 0 else {
                throw Failure(function: "<program>", offset: 0, reason: "entry function \(entry) takes parameters")
            }
        }
        for function in program.functions {
            try verify(function)
        }
    }

    /// The start offsets of the instructions of `function`, or a failure.
    package static func instructionStarts(_ function: BytecodeFunction) throws(Failure) -> [Int] {
        var starts: [Int] = []
        var offset = 0
        while offset < function.code.count {
            let word = InstructionWord(bits: function.code[offset])
            guard let opcode = word.opcode else {
                throw Failure(function: function.name, offset: offset, reason: "unknown opcode \(word.bits & 0xFF)")
            }
            starts.append(offset)
            offset += opcode.spec.storedWords
        }
        guard offset == function.code.count else {
            throw Failure(function: function.name, offset: starts.last ?? 0, reason: "instruction runs past the end of the code")
        }
        return starts
    }

    func verify(_ function: BytecodeFunction) throws(Failure) {
        func fail(_ offset: Int, _ reason: String) -> Failure {
            Failure(function: function.name, offset: offset, reason: reason)
        }
        guard function.frameSize <= Limits.maxFrameSlots else {
            throw fail(0, "frame of \(function.frameSize) slots exceeds \(Limits.maxFrameSlots)")
        }
        guard function.parameterCount <= function.frameSize else { throw fail(0, "more parameters than slots") }
        for slot in 0..<function.parameterCount where function.slotKinds[slot] == .owned {
            throw fail(0, "parameter slot \(slot) is owned")
        }
        guard program.files.isEmpty || program.files.indices.contains(function.file) else {
            throw fail(0, "unknown file \(function.file)")
        }
        let starts = try Self.instructionStarts(function)
        guard let last = starts.last, let lastOpcode = InstructionWord(bits: function.code[last]).opcode,
              lastOpcode.spec.control == .exit || lastOpcode.spec.control == .jump
        else {
            throw fail(0, "code is empty or can fall off its end")
        }
        let owned = function.ownedSlots
        if !owned.isEmpty {
            // The leading `zero` instructions must clear every owned slot.
            var cleared = Set<Int>()
            for start in starts {
                let word = InstructionWord(bits: function.code[start])
                guard word.opcode == .zero else { break }
                cleared.formUnion(word.a..<(word.a + word.x))
            }
            guard owned.allSatisfy(cleared.contains) else {
                throw fail(0, "owned slots are not cleared by a leading 'zero'")
            }
        }
        let startSet = Set(starts)
        for offset in starts {
            let word = InstructionWord(bits: function.code[offset])
            let opcode = word.opcode!
            try verifyOperands(opcode, word, at: offset, in: function, instructionStarts: startSet)
        }
    }

    func verifyOperands(_ opcode: Opcode, _ word: InstructionWord, at offset: Int, in function: BytecodeFunction,
                        instructionStarts: Set<Int>) throws(Failure)
    {
        func fail(_ reason: String) -> Failure {
            Failure(function: function.name, offset: offset, reason: "\(opcode.spec.name): \(reason)")
        }
        func kind(_ slot: Int) throws(Failure) -> SlotKind {
            guard slot >= 0 && slot < function.frameSize else { throw fail("slot \(slot) outside the frame") }
            return function.slotKinds[slot]
        }
        func expect(_ slot: Int, _ allowed: Set<SlotKind>, _ what: String) throws(Failure) {
            let actual = try kind(slot)
            guard allowed.contains(actual) else { throw fail("slot \(slot) is \(actual), expected \(what)") }
        }
        let refs: Set<SlotKind> = [.owned, .borrowed]
        for operand in opcode.spec.operands {
            let value = word.unsignedValue(operand.field)
            switch operand.kind {
            case .readScalar, .writeScalar, .updateScalar:
                try expect(value, [.scalar], "a scalar")
            case .readRef, .readOptRef, .writeNull:
                try expect(value, refs, "a reference")
            case .writeOwned, .consume:
                try expect(value, [.owned], "an owned reference")
            case .writeBorrowed:
                try expect(value, [.borrowed], "a borrowed reference")
            case .readRefRange(let countField):
                let count = word.unsignedValue(countField)
                for slot in value..<(value + count) { try expect(slot, refs, "a reference") }
            case .jumpTarget:
                let target = offset + word.signedValue(operand.field)
                guard instructionStarts.contains(target) else { throw fail("jump target \(target) is not an instruction") }
            case .function:
                let index = operand.field.isExtra ? Int(function.code[offset + 1 + operand.field.extraIndex]) : value
                guard program.functions.indices.contains(index) else { throw fail("unknown function \(index)") }
            case .string:
                guard program.strings.indices.contains(value) else { throw fail("unknown string \(value)") }
            case .global:
                guard program.globals.indices.contains(value) else { throw fail("unknown global \(value)") }
                let isRef = program.globals[value].kind.isReference
                switch opcode {
                case .getGlobal, .setGlobal: guard !isRef else { throw fail("global \(value) holds a reference") }
                case .getGlobalRef, .setGlobalRef: guard isRef else { throw fail("global \(value) is a scalar") }
                default: break
                }
            case .native:
                guard NativeFunction(rawValue: UInt16(value)) != nil else { throw fail("unknown native \(value)") }
            case .type:
                guard program.types.indices.contains(value) else { throw fail("unknown type \(value)") }
            case .trait:
                // Any number: a trait no class implements gives `false` or a run-time error.
                break
            case .window, .immediate, .constant64, .count, .loaderPatched:
                break
            }
        }
        switch opcode {
        case .call:
            let callee = program.functions[word.bc]
            let base = word.a
            let results = callee.resultKinds.count
            guard base - 2 - results >= 0 else { throw fail("call window below the frame") }
            for (index, resultKind) in callee.resultKinds.enumerated() {
                let slot = base - 2 - results + index
                try expect(slot, resultKind == .scalar ? [.scalar] : [.owned], "a result slot of kind \(resultKind)")
            }
            try expect(base - 2, [.scalar], "a header slot")
            try expect(base - 1, [.scalar], "a header slot")
            for parameter in 0..<callee.parameterCount {
                let expected = callee.slotKinds[parameter]
                try expect(base + parameter, expected == .scalar ? [.scalar] : refs, "an argument of kind \(expected)")
            }
        case .ret:
            guard word.x == function.resultKinds.count else {
                throw fail("returns \(word.x) slots, the function declares \(function.resultKinds.count)")
            }
            for (index, resultKind) in function.resultKinds.enumerated() {
                try expect(word.a + index, resultKind == .scalar ? [.scalar] : [.owned], "a result of kind \(resultKind)")
            }
        case .ret0:
            guard function.resultKinds.isEmpty else { throw fail("the function declares results") }
        case .startCall:
            let callee = program.functions[word.bc]
            for parameter in 0..<callee.parameterCount {
                let expected = callee.slotKinds[parameter]
                try expect(word.a + parameter, expected == .scalar ? [.scalar] : refs, "an argument of kind \(expected)")
            }
        case .startVirtual, .startTrait, .startClosure:
            try expect(word.a, refs, "a receiver")
        case .suspend:
            switch word.x {
            case 0: break
            case 1, 2: try expect(word.a, [.scalar], "a scalar")
            case 3: try expect(word.a, refs, "a closure")
            default: throw fail("unknown yield form \(word.x)")
            }
        case .callNative:
            let signature = NativeFunction(rawValue: UInt16(word.c))!.signature
            for (index, parameter) in signature.parameters.enumerated() {
                try expect(word.a + index, parameter.isReference ? refs : [.scalar], "a \(parameter) argument")
            }
            for (index, result) in signature.results.enumerated() {
                try expect(word.b + index, result.isReference ? [.owned] : [.scalar], "a \(result) result")
            }
        case .zero:
            for slot in word.a..<(word.a + word.x) { _ = try kind(slot) }
        case .new:
            guard [.instance, .box].contains(program.types[word.bc].kind) else { throw fail("type \(word.bc) is not an object type") }
        case .newArray:
            guard program.types[word.c].kind == .array else { throw fail("type \(word.c) is not an array type") }
            let count = word.x * program.types[word.c].slots.count
            for slot in word.b..<(word.b + count) { _ = try kind(slot) }
        case .newDict:
            guard program.types[word.bc].kind == .dictionary else { throw fail("type \(word.bc) is not a dictionary type") }
        case .dictKeys, .dictValues:
            guard program.types[word.c].kind == .array else { throw fail("type \(word.c) is not an array type") }
        case .instanceOf:
            guard program.types[word.c].kind == .instance else { throw fail("type \(word.c) is not a class") }
        case .castClass:
            guard program.types[word.bc].kind == .instance else { throw fail("type \(word.bc) is not a class") }
        case .makeClosure:
            let descriptor = program.types[word.c]
            guard descriptor.kind == .closure, descriptor.slots.count == word.x else {
                throw fail("type \(word.c) is not a closure of \(word.x) captures")
            }
            for (index, slotKind) in descriptor.slots.enumerated() {
                try expect(word.b + index, slotKind == .scalar ? [.scalar] : refs, "a capture of kind \(slotKind)")
            }
        case .divIK, .remIK:
            let divisor = word.cSigned
            guard divisor >= 2 else { throw fail("divisor \(divisor) must be at least 2") }
            guard function.code[offset + 1] == UInt64.max / UInt64(divisor) + 1 else {
                throw fail("reciprocal does not match divisor \(divisor)")
            }
        default:
            break
        }
    }
}
