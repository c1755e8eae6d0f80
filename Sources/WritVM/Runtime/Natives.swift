import WritBytecode

// Native functions: the standard library functions the VM implements in Swift, called by
// `call.native` with their arguments in consecutive slots and results written to slots.

extension Interpreter {
    @inline(__always) mutating func callNativeFunction(_ index: Int, arguments: Frame, results: Frame) -> Bool {
        callNative(Self.nativeFunction(verified: index), arguments: arguments, results: results)
    }

    /// The native function numbered `index`, which the verifier checked exists: raw values
    /// are the declaration order, as is the enum's one-byte in-memory tag (there are fewer
    /// than 256 functions; NativeFunctionTests checks both facts), so no failable conversion
    /// runs per call.
    @inline(__always) package static func nativeFunction(verified index: Int) -> NativeFunction {
        unsafe unsafeBitCast(UInt8(truncatingIfNeeded: index), to: NativeFunction.self)
    }
}
