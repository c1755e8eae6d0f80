/// Limits of the instruction format and the VM, in one place. Errors that hit a limit
/// quote it.
package enum Limits {
    /// Slots in one frame: slot operands are 16-bit.
    package static let maxFrameSlots = 0xFFFF
    /// Values in one `concat.n`, `print` or `ret` (the 8-bit X field).
    package static let maxListOperands = 0xFF
    /// Default VM stack: 1 Mi slots (8 MiB), enough for far more than the 10,000 nested calls
    /// the language promises (§8.6).
    package static let defaultStackSlots = 1 << 20
}
