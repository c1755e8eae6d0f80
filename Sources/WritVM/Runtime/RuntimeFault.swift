/// Why execution stopped inside an instruction. Recorded by `Interpreter.stop(_:)` from the
/// instruction semantics and read at the edge of the dispatch loop; it holds no
/// references, so recording it costs nothing on the fast path. The message text is made
/// only when a fault is reported (`RuntimeError`).
package struct RuntimeFault: Error, Sendable, Equatable {
    package enum Kind: UInt8, Sendable {
        /// Not an error: the entry code reached `halt`.
        case halted
        /// Not an error: the running coroutine suspended (`yield`).
        case yielded
        case integerOverflow
        case divisionByZero
        case indexOutOfRange
        case popFromEmptyArray
        case unwrappedNull
        case valueOutOfRangeForInt
        /// `detail` packs the dynamic type id (high 32 bits) and the target type id.
        case castFailed
        /// The message is in `Interpreter.faultMessage`.
        case assertionFailed
        case stackOverflow
        /// `detail` is the global's index.
        case uninitializedGlobal
        case fuelExhausted
        case memoryLimitExceeded
        /// A native or host function failed; the message is in `Interpreter.faultMessage`.
        case hostError
        /// An opcode byte that names no instruction (only possible in unverified code).
        case invalidInstruction
        /// A debug hook asked to stop.
        case stoppedByDebugger
    }

    package var kind: Kind
    package var detail: Int

    @inline(__always) package init(_ kind: Kind, detail: Int = 0) {
        self.kind = kind
        self.detail = detail
    }

    package static let halted = RuntimeFault(.halted)
    package static let integerOverflow = RuntimeFault(.integerOverflow)
    package static let divisionByZero = RuntimeFault(.divisionByZero)
    package static let indexOutOfRange = RuntimeFault(.indexOutOfRange)
    package static let stackOverflow = RuntimeFault(.stackOverflow)
    package static let valueOutOfRangeForInt = RuntimeFault(.valueOutOfRangeForInt)
    package static let fuelExhausted = RuntimeFault(.fuelExhausted)
}

/// One line of a runtime error's stack trace (language.md §26.3).
package struct TraceFrame: Sendable, Hashable {
    package var function: String
    package var file: String
    package var line: Int
    package init(function: String, file: String, line: Int) {
        self.function = function
        self.file = file
        self.line = line
    }
}

/// A runtime error as the host sees it: the message of language.md §26.3 and the trace.
package struct RuntimeError: Error, Sendable, Equatable {
    package var message: String
    package var kind: RuntimeFault.Kind
    /// Innermost call first.
    package var trace: [TraceFrame]
    /// Frames left out of `trace` in the middle of a very deep stack.
    package var omittedFrames: Int

    package init(message: String, kind: RuntimeFault.Kind, trace: [TraceFrame], omittedFrames: Int = 0) {
        self.message = message
        self.kind = kind
        self.trace = trace
        self.omittedFrames = omittedFrames
    }

    /// The report `writ run` prints on standard error.
    package var report: String {
        var text = "Error: \(message)\n"
        for (index, frame) in trace.enumerated() {
            if omittedFrames > 0 && index == trace.count / 2 {
                text += "  ... \(omittedFrames) more frames\n"
            }
            text += "  at \(frame.function) (\(frame.file):\(frame.line))\n"
        }
        return text
    }
}
