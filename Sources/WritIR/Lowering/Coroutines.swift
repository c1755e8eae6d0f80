import WritSyntax
import WritTypes

// `start` and `yield` (language.md §22). A coroutine function is an ordinary function in
// the IR: `yield g()` is a plain call (it runs on the coroutine's stack), and the other
// `yield` forms are suspension points after which every register still holds its value
// (the coroutine's frames stay where they are).
extension FunctionLowering {
    /// `start f(args)`: the receiver and arguments are evaluated now; the VM copies them
    /// into the new coroutine (counting references), so ours are disposed after.
    mutating func lowerStart(_ call: TypedCall, range: SourceRange) throws(Lowering.Failure) {
        var operands: [Value] = []
        let target: StartTarget
        var owner = false
        switch call.target {
        case .function(let id):
            operands = try lowerArguments(call.arguments)
            target = .function(id.index)
        case .nestedFunction(let id, let closure):
            operands = [try lowerExpr(closure)] + (try lowerArguments(call.arguments))
            target = .function(id.index)
        case .closure(let callee):
            operands = [try lowerExpr(callee)] + (try lowerArguments(call.arguments))
            target = .dynamic(.closure)
        case .virtualMethod(let id, let slot, let staticTarget):
            operands = [try lowerExpr(call.receiver!)] + (try lowerArguments(call.arguments))
            target = canDevirtualize(id, slot: slot) ? .function(staticTarget.index) : .dynamic(.virtual(slot: slot))
            owner = true
        case .traitMethod(let trait, let method):
            operands = [try lowerExpr(call.receiver!)] + (try lowerArguments(call.arguments))
            target = .dynamic(.trait(trait: trait.index, method: method))
            owner = true
        case .superMethod(let id):
            operands = [try lowerExpr(call.receiver!)] + (try lowerArguments(call.arguments))
            target = .function(id.index)
            owner = true
        case .directMethod(let id):
            let receiver = call.receiver!
            operands = [try lowerExpr(receiver)] + (try lowerArguments(call.arguments))
            target = .function(id.index)
            // Only class instances own coroutines (§22.5).
            switch receiver.type {
            case .classType, .traitType: owner = true
            default: owner = false
            }
        case .constructClass, .constructStruct, .builtin, .host:
            throw fail("'start' needs a function or method call", range)
        }
        at(range)
        b.emit(.startCoroutine(target, arguments: operands.flatMap(\.regs), owner: owner))
        for operand in operands { dispose(operand) }
    }

    mutating func lowerYield(_ form: TypedYield, type: WType, range: SourceRange) throws(Lowering.Failure) -> Value {
        switch form {
        case .nextFrame:
            atStatement()
            b.emit(.suspend(.nextFrame, nil))
        case .waitForFrames(let frames):
            let value = try lowerExpr(frames)
            atStatement()
            b.emit(.suspend(.frames, value.reg))
        case .waitForSeconds(let seconds):
            let value = try lowerExpr(seconds)
            atStatement()
            b.emit(.suspend(.seconds, value.reg))
        case .waitUntil(let predicate):
            let value = try lowerExpr(predicate)
            atStatement()
            b.emit(.suspend(.until, value.reg))
            dispose(value)
        case .call(let call):
            return try lowerCall(call, type: type, range: range)
        }
        return .void
    }
}
