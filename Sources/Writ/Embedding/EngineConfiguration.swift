import WritBytecode
import WritVM

/// How an engine's VMs run (design.md §4, §7).
public struct EngineConfiguration: Sendable {
    /// The dispatch strategy: every strategy runs the same instruction semantics.
    public enum Dispatch: String, CaseIterable, Sendable {
        /// Direct threading: each instruction record holds its handler's address and the
        /// handlers tail-call each other. The default and the fastest measured.
        case direct
        /// Token threading: a Swift loop switching on the opcode (the portable fallback).
        case `switch`
        /// Call threading: a loop calling one handler per instruction (a comparator).
        case call

        var strategy: DispatchStrategy {
            switch self {
            case .direct: .direct
            case .switch: .switch
            case .call: .call
            }
        }
    }

    public var dispatch: Dispatch
    /// 8-byte slots in a VM's stack; a deeper call chain is the runtime error "stack
    /// overflow". Coroutine stacks grow up to the same size.
    public var stackSlots: Int
    /// Count executed instructions (slower; for statistics).
    public var countInstructions: Bool

    /// The default stack: enough for 10,000 nested calls of ordinary functions.
    public static let defaultStackSlots = Limits.defaultStackSlots

    public init(dispatch: Dispatch = .direct, stackSlots: Int = EngineConfiguration.defaultStackSlots,
                countInstructions: Bool = false) {
        self.dispatch = dispatch
        self.stackSlots = stackSlots
        self.countInstructions = countInstructions
    }
}
