import WritBytecode

// Native functions: the standard library functions the VM implements in Swift, called by
// `call.native` with their arguments in consecutive slots and results written to slots.

extension Interpreter {
    @inline(__always) mutating func callNativeFunction(_ index: Int, arguments: Frame, results: Frame) -> Bool {
        guard let native = NativeFunction(rawValue: UInt16(truncatingIfNeeded: index)) else {
            return stop(RuntimeFault(.invalidInstruction))
        }
        return callNative(native, arguments: arguments, results: results)
    }
}
