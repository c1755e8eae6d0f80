import WritTypes
import WritVM

/// A value passed between the host and a script: the types a host call can carry.
public enum WritValue: Equatable, Sendable, CustomStringConvertible {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)

    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .float(let value): String(value)
        case .bool(let value): String(value)
        case .string(let value): value
        }
    }
}

extension WritValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByStringLiteral
{
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
}

/// A runtime error (language.md §26.3): the message and the script's call stack. The VM
/// that raised it stays usable.
public struct WritRuntimeError: Error, CustomStringConvertible, Sendable {
    public struct Frame: Sendable, Equatable {
        public var function: String
        public var file: String
        public var line: Int
    }

    public let message: String
    /// Innermost call first.
    public let trace: [Frame]
    /// The report `writ run` prints.
    public let description: String

    init(_ error: RuntimeError) {
        message = error.message
        trace = error.trace.map { Frame(function: $0.function, file: $0.file, line: $0.line) }
        description = error.report
    }

    init(message: String) {
        self.message = message
        trace = []
        description = "Error: \(message)\n"
    }
}

/// A script function the host calls; look it up once with `WritVM.function(_:)`.
public struct WritFunction: Sendable {
    public let name: String
    let index: Int
    let parameterTypes: [WType]
    let resultType: WType
}

/// One running script instance: its globals, heap and coroutines (design.md §7).
///
/// `load` runs a module's top-level code; `call` runs one of its functions; `tick` runs a
/// frame of its coroutines. A runtime error is thrown as `WritRuntimeError` and leaves the
/// VM usable. Not thread-safe: use a VM from one thread at a time.
public final class WritVM {
    public let engine: WritEngine
    private let output: @Sendable ([UInt8]) -> Void
    private var machine: VirtualMachine?
    private var module: WritModule?
    private var fuelLimit: Int64 = .max

    /// `output` receives what `print` writes (standard output by default).
    public init(engine: WritEngine, output: (@Sendable (String) -> Void)? = nil) {
        self.engine = engine
        if let output {
            self.output = { bytes in output(String(decoding: bytes, as: UTF8.self)) }
        } else {
            self.output = VirtualMachine.standardOutput
        }
    }

    /// Loads a module and runs its top-level code (imported modules first). A VM loads
    /// one module.
    public func load(_ module: WritModule) throws(WritRuntimeError) {
        guard machine == nil else { throw WritRuntimeError(message: "this VM has already loaded a module") }
        var configuration = VirtualMachine.Configuration()
        configuration.dispatch = engine.configuration.dispatch.strategy
        configuration.stackSlots = engine.configuration.stackSlots
        configuration.countInstructions = engine.configuration.countInstructions
        let machine: VirtualMachine
        do {
            machine = try VirtualMachine(program: module.program, configuration: configuration, output: output)
        } catch {
            throw WritRuntimeError(message: "invalid program: \(error.description)")
        }
        self.machine = machine
        self.module = module
        machine.fuel = fuelLimit
        do {
            try machine.run()
        } catch {
            throw WritRuntimeError(error)
        }
    }

    /// The loaded module's top-level function `name`.
    public func function(_ name: String) throws(WritRuntimeError) -> WritFunction {
        guard let module else { throw WritRuntimeError(message: "no module is loaded") }
        guard let export = module.exports[name] else {
            throw WritRuntimeError(message: "the script has no function '\(name)'")
        }
        if export.isCoroutine {
            throw WritRuntimeError(message: "coroutine '\(name)' must be called with 'start' or 'yield'")
        }
        for type in export.parameterTypes + [export.resultType] where !Self.isHostType(type) {
            throw WritRuntimeError(message: "'\(name)' cannot be called from the host: it takes or returns \(type)")
        }
        return WritFunction(name: name, index: export.index, parameterTypes: export.parameterTypes,
                            resultType: export.resultType)
    }

    static func isHostType(_ type: WType) -> Bool {
        switch type {
        case .int, .float, .bool, .string, .void: true
        default: false
        }
    }

    /// Calls a script function; returns its value, or nil for a `void` function.
    @discardableResult
    public func call(_ function: WritFunction, _ arguments: [WritValue]) throws(WritRuntimeError) -> WritValue? {
        guard let machine else { throw WritRuntimeError(message: "no module is loaded") }
        guard arguments.count == function.parameterTypes.count else {
            throw WritRuntimeError(message: "wrong number of arguments: '\(function.name)' expects \(function.parameterTypes.count), found \(arguments.count)")
        }
        var slots: [UInt64] = []
        slots.reserveCapacity(arguments.count)
        var strings: [UInt64] = []
        defer { for bits in strings { machine.release(bits) } }
        for (argument, type) in zip(arguments, function.parameterTypes) {
            switch (argument, type) {
            case (.int(let value), .int): slots.append(UInt64(bitPattern: value))
            case (.int(let value), .float): slots.append(Double(value).bitPattern)
            case (.float(let value), .float): slots.append(value.bitPattern)
            case (.bool(let value), .bool): slots.append(value ? 1 : 0)
            case (.string(let value), .string):
                let bits = machine.makeString(value)
                strings.append(bits)
                slots.append(bits)
            default:
                throw WritRuntimeError(message: "type mismatch: '\(function.name)' expects \(type), found \(argument)")
            }
        }
        let results: [UInt64]
        do {
            results = try machine.call(function: function.index, arguments: slots)
        } catch {
            throw WritRuntimeError(error)
        }
        switch function.resultType {
        case .int: return .int(Int64(bitPattern: results[0]))
        case .float: return .float(Double(bitPattern: results[0]))
        case .bool: return .bool(results[0] != 0)
        case .string:
            let text = machine.string(results[0])
            machine.release(results[0])
            return .string(text)
        default: return nil
        }
    }

    /// Calls the loaded module's top-level function `name`.
    @discardableResult
    public func call(_ name: String, _ arguments: WritValue...) throws(WritRuntimeError) -> WritValue? {
        try call(function(name), arguments)
    }

    /// Runs one frame of the coroutines with time step `delta` seconds (language.md §27.2).
    public func tick(delta: Double) throws(WritRuntimeError) {
        guard let machine else { throw WritRuntimeError(message: "no module is loaded") }
        do {
            try machine.tick(delta: delta)
        } catch {
            throw WritRuntimeError(error)
        }
    }

    /// Coroutines started and not yet finished or cancelled.
    public var liveCoroutines: Int { machine?.liveCoroutines ?? 0 }

    /// The number of the last frame run (`frameCount()` in scripts).
    public var frameCount: Int { Int(machine?.frameNumber ?? 0) }

    /// Heap objects alive now (the program's string constants included) and their bytes.
    public var liveObjects: Int { machine?.liveObjects ?? 0 }
    public var liveBytes: Int { machine?.liveBytes ?? 0 }

    /// Instructions executed (with `EngineConfiguration.countInstructions`).
    public var instructionsExecuted: Int { machine?.instructionsExecuted ?? 0 }

    /// An instruction budget spent at calls and loop back-edges; running out is the
    /// runtime error "instruction limit exceeded". Nil: no limit.
    public var fuel: Int64? {
        get {
            let value = machine?.fuel ?? fuelLimit
            return value == .max ? nil : value
        }
        set {
            fuelLimit = newValue ?? .max
            machine?.fuel = fuelLimit
        }
    }

    /// Releases everything the script holds and returns the objects that are still
    /// allocated (a cycle the program never broke, §23.1). The VM cannot run afterwards.
    public func shutDown() -> (objects: Int, bytes: Int) {
        guard let machine else { return (0, 0) }
        self.machine = nil
        self.module = nil
        return machine.tearDown()
    }
}
