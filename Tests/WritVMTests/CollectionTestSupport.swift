import Testing
import WritBytecode
@testable import WritVM

// Support for the dictionary and collection tests: a small hand assembler (slots declared
// by kind, the leading `zero` and the final releases written for you), a runner that
// captures output under a dispatch strategy and checks for leaks at tear-down, and a
// describer that renders objects a program returns in a print-like form.

/// The program being assembled: types, interned strings, functions.
final class ProgramBuilder {
    var program = BytecodeProgram()
    /// Interned by UTF-8 bytes: Swift's `String ==` treats canonically equivalent texts
    /// ("é" and "e\u{301}") as equal, Writ does not (§19.1).
    private var strings: [[UInt8]: Int] = [:]

    init() { program.files = ["test.writ"] }

    func type(_ descriptor: TypeDescriptor) -> Int {
        program.types.append(descriptor)
        return program.types.count - 1
    }

    func string(_ text: String) -> Int {
        if let index = strings[Array(text.utf8)] { return index }
        program.strings.append(text)
        strings[Array(text.utf8)] = program.strings.count - 1
        return program.strings.count - 1
    }

    /// Adds `function`; the last one added with `entry` runs.
    @discardableResult
    func add(_ function: BytecodeFunction, entry: Bool = true) -> Int {
        program.functions.append(function)
        if entry { program.entry = program.functions.count - 1 }
        return program.functions.count - 1
    }

    // Common types.
    lazy var intArray = type(TypeDescriptor(kind: .array, name: "Array<int>", slots: [.scalar]))
    lazy var floatArray = type(TypeDescriptor(kind: .array, name: "Array<float>", slots: [.scalar]))
    lazy var boolArray = type(TypeDescriptor(kind: .array, name: "Array<bool>", slots: [.scalar], byteElements: true))
    lazy var stringArray = type(TypeDescriptor(kind: .array, name: "Array<string>", slots: [.strong]))
    /// A class with one int field and one strong field.
    lazy var node = type(TypeDescriptor(kind: .instance, name: "Node", slots: [.scalar, .strong]))
    lazy var stringToInt = type(TypeDescriptor(kind: .dictionary, name: "Dictionary<string, int>", slots: [.scalar],
                                               keyIsString: true))
    lazy var intToInt = type(TypeDescriptor(kind: .dictionary, name: "Dictionary<int, int>", slots: [.scalar]))
    lazy var intToString = type(TypeDescriptor(kind: .dictionary, name: "Dictionary<int, string>", slots: [.strong]))
    lazy var stringToString = type(TypeDescriptor(kind: .dictionary, name: "Dictionary<string, string>",
                                                  slots: [.strong], keyIsString: true))
}

/// Assembles one function. Slots are declared by kind before use; `returning` moves the
/// results into a window, releases every other owned slot and returns, and the leading
/// `zero` the verifier demands is put in front of the code.
struct Assembler {
    let builder: ProgramBuilder
    private(set) var kinds: [SlotKind] = []
    private(set) var code = CodeBuilder()

    init(_ builder: ProgramBuilder) { self.builder = builder }

    /// Consecutive slots of the given kinds; returns the first.
    mutating func slots(_ newKinds: [SlotKind]) -> Int {
        kinds.append(contentsOf: newKinds)
        return kinds.count - newKinds.count
    }

    mutating func scalar() -> Int { slots([.scalar]) }
    mutating func scalars(_ count: Int) -> Int { slots(Array(repeating: .scalar, count: count)) }
    mutating func owned() -> Int { slots([.owned]) }
    mutating func borrowed() -> Int { slots([.borrowed]) }

    mutating func emit(_ opcode: Opcode, x: Int = 0, a: Int = 0, b: Int = 0, c: Int = 0, extra: [UInt64] = []) {
        code.emit(opcode, x: x, a: a, b: b, c: c, extra: extra)
    }

    mutating func emit(_ opcode: Opcode, x: Int = 0, a: Int = 0, bc: Int, extra: [UInt64] = []) {
        code.emit(opcode, x: x, a: a, bc: bc, extra: extra)
    }

    mutating func label() -> CodeBuilder.Label { code.makeLabel() }
    mutating func bind(_ label: CodeBuilder.Label) { code.bind(label) }
    mutating func jump(_ opcode: Opcode, a: Int = 0, b: Int = 0, to label: CodeBuilder.Label) {
        code.emitJump(opcode, a: a, b: b, to: label)
    }

    mutating func loadInt(_ slot: Int, _ value: Int) {
        if let small = Int32(exactly: value) {
            emit(.loadI, a: slot, bc: Int(small))
        } else {
            emit(.loadK, a: slot, extra: [UInt64(bitPattern: Int64(value))])
        }
    }

    mutating func loadFloat(_ slot: Int, _ value: Double) { emit(.loadK, a: slot, extra: [value.bitPattern]) }

    /// A string constant into a borrowed slot.
    mutating func loadString(_ slot: Int, _ text: String) {
        emit(.loadStr, a: slot, bc: builder.string(text), extra: [0])
    }

    /// A new counted string (a fresh object, not the constant) into an owned slot.
    mutating func makeString(_ slot: Int, _ text: String) {
        let constant = borrowed()
        let empty = borrowed()
        loadString(constant, text)
        loadString(empty, "")
        emit(.concat, a: slot, b: constant, c: empty)
    }

    mutating func callNative(_ native: NativeFunction, arguments: Int, results: Int) {
        emit(.callNative, a: arguments, b: results, c: Int(native.rawValue))
    }

    /// `for i in 0 ..< count` around `body` (count in a scalar slot, i a scalar slot).
    mutating func loop(_ i: Int, below count: Int, _ body: (inout Assembler) -> Void) {
        let last = scalar()
        let top = label()
        let done = label()
        emit(.subIK, a: last, b: count, c: 1)
        loadInt(i, 0)
        jump(.jltI, a: last, b: i, to: done)
        bind(top)
        body(&self)
        jump(.forLoopI, a: i, b: last, to: top)
        bind(done)
    }

    /// i % divisor into `result`.
    mutating func remainder(_ result: Int, _ value: Int, _ divisor: Int) {
        emit(.remIK, a: result, b: value, c: divisor, extra: [CodeBuilder.reciprocal(of: divisor)])
    }

    /// print(int slot)
    mutating func printInt(_ slot: Int) {
        let text = owned()
        emit(.toStrI, a: text, b: slot)
        emit(.printLine, x: 1, a: text)
        emit(.release, a: text)
    }

    /// Prints each string of a string array on its own line.
    mutating func printStrings(_ array: Int) {
        let count = scalar()
        let i = scalar()
        let element = owned()
        emit(.arrayLength, a: count, b: array)
        loop(i, below: count) { asm in
            asm.emit(.arrayGetRef, a: element, b: array, c: i)
            asm.emit(.printLine, x: 1, a: element)
            asm.emit(.release, a: element)
        }
    }

    /// Returns `values` (scalar slots are copied, owned ones moved, borrowed ones counted),
    /// releasing every other owned slot, and builds the function.
    mutating func returning(_ values: [Int], name: String = "<main>") -> BytecodeFunction {
        let resultKinds: [SlotKind] = values.map { kinds[$0] == .scalar ? .scalar : .owned }
        let window = slots(resultKinds)
        for (index, value) in values.enumerated() {
            switch kinds[value] {
            case .scalar: emit(.move, a: window + index, b: value)
            case .owned: emit(.moveRef, a: window + index, b: value)
            case .borrowed: emit(.retainOpt, a: window + index, b: value)
            }
        }
        for slot in kinds.indices where kinds[slot] == .owned && !(window..<(window + values.count)).contains(slot) {
            emit(.releaseOpt, a: slot)
        }
        if values.isEmpty { emit(.ret0) } else { emit(.ret, x: values.count, a: window) }
        try! code.finish()
        var prologue = CodeBuilder()
        var slot = 0
        while slot < kinds.count {
            guard kinds[slot] == .owned else {
                slot += 1
                continue
            }
            var end = slot
            while end < kinds.count && kinds[end] == .owned && end - slot < 255 { end += 1 }
            prologue.emit(.zero, x: end - slot, a: slot)
            slot = end
        }
        return BytecodeFunction(name: name, code: prologue.code + code.code, slotKinds: kinds, parameterCount: 0,
                                resultKinds: resultKinds, file: 0, lines: [])
    }
}

/// Captures what `print` writes (the VM runs on the calling thread).
final class OutputCapture: @unchecked Sendable {
    var bytes: [UInt8] = []
}

/// What a slot holds, for `Run.describe`.
indirect enum Shape {
    case int, float, bool
    /// A string reference (null prints as `null`).
    case string
    /// A `Node` instance: prints as `<field 0>` (null as `null`).
    case node
    /// An array whose elements have these slots.
    case array([Shape])
    /// A dictionary with this key and value slots.
    case dict(Shape, [Shape])
}

/// One finished run of a program.
struct Run {
    let vm: VirtualMachine
    let results: [UInt64]
    let output: String
    let program: BytecodeProgram

    /// Runs `program`'s entry under `strategy`.
    static func run(_ program: BytecodeProgram, _ strategy: DispatchStrategy) throws -> Run {
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = strategy
        let capture = OutputCapture()
        let vm = try VirtualMachine(program: program, configuration: configuration, output: { capture.bytes += $0 })
        let results = try vm.call(function: program.entry, arguments: [])
        return Run(vm: vm, results: results, output: String(decoding: capture.bytes, as: UTF8.self), program: program)
    }

    /// Runs a program that must stop with a runtime error; returns its message, after
    /// checking that nothing leaked.
    static func runtimeError(_ program: BytecodeProgram, _ strategy: DispatchStrategy) throws -> String? {
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = strategy
        let vm = try VirtualMachine(program: program, configuration: configuration, output: { _ in })
        var message: String?
        do {
            _ = try vm.call(function: program.entry, arguments: [])
        } catch {
            message = error.message
        }
        let (objects, bytes) = vm.tearDown()
        #expect(objects == 0)
        #expect(bytes == 0)
        return message
    }

    func int(_ index: Int) -> Int { Int(Int64(bitPattern: results[index])) }

    /// Drops one reference the test holds (a returned owned result).
    func release(_ bits: UInt64) {
        if bits != 0 { unsafe vm.state.pointee.releaseObject(ObjectRef(bits: bits)) }
    }

    /// Releases the owned results, tears the VM down and expects nothing left: no object
    /// and no byte of any buffer.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        for (value, kind) in zip(results, program.functions[program.entry].resultKinds) where kind == .owned {
            release(value)
        }
        let (objects, bytes) = vm.tearDown()
        #expect(objects == 0, "leaked objects", sourceLocation: sourceLocation)
        #expect(bytes == 0, "leaked bytes", sourceLocation: sourceLocation)
    }

    /// The print-like form of result `index`.
    func describe(_ index: Int, _ shape: Shape) -> String { describe(bits: results[index], shape) }

    func describe(bits: UInt64, _ shape: Shape) -> String {
        switch shape {
        case .int: return String(Int64(bitPattern: bits))
        case .float: return PrintForm.float(Double(bitPattern: bits))
        case .bool: return bits != 0 ? "true" : "false"
        case .string: return bits == 0 ? "null" : "\"" + StringObject(ObjectRef(bits: bits)).string + "\""
        case .node: return bits == 0 ? "null" : "<\(Int64(bitPattern: SlotObject(ObjectRef(bits: bits))[raw: 0]))>"
        case .array(let element):
            guard bits != 0 else { return "null" }
            let array = ArrayObject(ObjectRef(bits: bits))
            let items = (0..<array.count).map { index in
                if array.stride == 1 { return describe(bits: UInt64(array.byte(index)), element[0]) }
                return value(element.indices.map { array.word(index, slot: $0) }, element)
            }
            return "[" + items.joined(separator: ", ") + "]"
        case .dict(let key, let valueShape):
            guard bits != 0 else { return "null" }
            let dictionary = DictionaryObject(ObjectRef(bits: bits))
            if let problem = dictionary.invariantViolation(stringKeys: vm.types[dictionary.object.typeID].keyIsString) {
                return "BROKEN: \(problem)"
            }
            var items: [String] = []
            for index in 0..<dictionary.used where !dictionary.isHole(index) {
                let slots = valueShape.indices.map { dictionary.value(at: index, slot: $0) }
                items.append(describe(bits: dictionary.key(at: index), key) + ": " + value(slots, valueShape))
            }
            return "{" + items.joined(separator: ", ") + "}"
        }
    }

    private func value(_ slots: [UInt64], _ shapes: [Shape]) -> String {
        if shapes.count == 1 { return describe(bits: slots[0], shapes[0]) }
        return "(" + zip(slots, shapes).map { describe(bits: $0, $1) }.joined(separator: ", ") + ")"
    }

    /// The dictionary returned as result `index`.
    func dictionary(_ index: Int) -> DictionaryObject { DictionaryObject(ObjectRef(bits: results[index])) }

    /// The strong count of the object in result `index`.
    func strongCount(_ index: Int) -> UInt32 { ObjectRef(bits: results[index]).strongCount }
}

extension VirtualMachine {
    /// The object type records, for tests.
    var types: RuntimeTypes { loaded.types }
}
