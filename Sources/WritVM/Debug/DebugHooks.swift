import WritBytecode

/// Line, call and return hooks and breakpoints (design.md §4).
///
/// They cost nothing while off: a VM created without hooks loads its code with the plain
/// handlers, which contain no test for them. A VM created with hooks loads every record with
/// the hooked handler variant, which calls `writ_debug_hook` before the instruction — the
/// "patched handler table" of the design. The switch and call strategies have no hooked
/// variant; hooks require direct threading.
package final class DebugHooks {
    /// An event the hooks report.
    package enum Event: Sendable, Equatable {
        /// Execution reached a new source line (`function`, `file`, `line`).
        case line(function: String, file: String, line: Int)
        /// A function was entered.
        case call(function: String)
        /// A function is returning.
        case ret(function: String)
        /// A breakpoint line was reached.
        case breakpoint(file: String, line: Int)
    }

    /// Receives every event; returning false stops the program (a runtime error
    /// "stopped by the debugger").
    package var handler: (Event) -> Bool
    /// Lines that report `.breakpoint` (file path and line).
    package var breakpoints: Set<Breakpoint> = []
    /// Report `.line` events (every change of line); breakpoints work either way.
    package var reportLines = true

    package struct Breakpoint: Hashable, Sendable {
        package var file: String
        package var line: Int
        package init(file: String, line: Int) {
            self.file = file
            self.line = line
        }
    }

    package init(handler: @escaping (Event) -> Bool) { self.handler = handler }

    // State of the running program.
    var lastFunction = -1
    var lastLine = -1
    /// Function and stored offset of every runtime word (LoadedProgram.recordLocations),
    /// built on the first event so that locating an instruction costs two array reads.
    var locations: (functions: [Int32], offsets: [Int32])?

    /// Called before each instruction in hooked mode.
    func observe(_ pc: Pc, program: LoadedProgram) -> Bool {
        if locations == nil { locations = program.recordLocations() }
        let word = program.wordOffset(pc)
        guard let locations, locations.functions.indices.contains(word), locations.functions[word] >= 0 else {
            return true
        }
        let functionIndex = Int(locations.functions[word])
        let offset = Int(locations.offsets[word])
        let function = program.program.functions[functionIndex]
        let file = program.program.files.indices.contains(function.file) ? program.program.files[function.file] : "?"
        if offset == 0 && program.isFunctionEntry(pc) {
            if !handler(.call(function: function.name)) { return false }
        }
        let line = function.line(at: offset)
        if line != lastLine || functionIndex != lastFunction {
            lastLine = line
            lastFunction = functionIndex
            if reportLines, !handler(.line(function: function.name, file: file, line: line)) { return false }
            if breakpoints.contains(Breakpoint(file: file, line: line)),
               !handler(.breakpoint(file: file, line: line)) { return false }
        }
        if let opcode = Opcode(rawValue: pc.word.opcode), opcode == .ret || opcode == .ret0 {
            lastLine = -1
            if !handler(.ret(function: function.name)) { return false }
        }
        return true
    }
}

extension Interpreter {
    /// The hook the hooked handlers call before each instruction.
    @_silgen_name("writ_debug_hook")
    mutating func debugHook(_ fpPointer: UnsafeMutablePointer<Frame>, _ pcPointer: UnsafeMutablePointer<Pc>) -> Bool {
        guard let hooks = debugHooks, let program = loadedProgram else { return true }
        let pc = unsafe pcPointer.pointee
        if hooks.observe(pc, program: program) { return true }
        recordFaultLocation(unsafe fpPointer.pointee, pc)
        return stop(RuntimeFault(.stoppedByDebugger))
    }
}
