import WritBytecode
import WritSyntax
import WritTypes

extension FunctionLowering {
    /// Evaluates call arguments in written order (§6.2) and returns them in parameter order.
    mutating func lowerArguments(_ arguments: [TypedArgument]) throws(Lowering.Failure) -> [Value] {
        var evaluated: [(Int, Value)] = []
        for argument in arguments {
            evaluated.append((argument.parameterIndex, try lowerExpr(argument.value)))
        }
        return evaluated.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Owned result registers for a call returning `type`.
    mutating func resultRegisters(_ type: WType) -> [Reg] { newRegisters(for: type, owned: true) }

    /// A call reports its own line; what follows it in the statement reports the statement's.
    mutating func lowerCall(_ call: TypedCall, type: WType, range: SourceRange) throws(Lowering.Failure) -> Value {
        let value = try lowerCallTarget(call, type: type, range: range)
        atStatement()
        return value
    }

    mutating func lowerCallTarget(_ call: TypedCall, type: WType, range: SourceRange) throws(Lowering.Failure) -> Value {
        switch call.target {
        case .function(let id):
            let arguments = try lowerArguments(call.arguments)
            return emitCall(id.index, arguments, type: type, range: range)
        case .nestedFunction(let id, let closure):
            let closureValue = try lowerExpr(closure)
            let arguments = try lowerArguments(call.arguments)
            return emitCall(id.index, [closureValue] + arguments, type: type, range: range)
        case .closure(let callee):
            let closureValue = try lowerExpr(callee)
            let arguments = try lowerArguments(call.arguments)
            return emitDynamicCall(.closure, [closureValue] + arguments, type: type, range: range)
        case .virtualMethod(let id, let slot, let staticTarget):
            let receiver = try lowerExpr(call.receiver!)
            let arguments = try lowerArguments(call.arguments)
            if canDevirtualize(id, slot: slot) {
                return emitCall(staticTarget.index, [receiver] + arguments, type: type, range: range)
            }
            return emitDynamicCall(.virtual(slot: slot), [receiver] + arguments, type: type, range: range)
        case .traitMethod(let trait, let method):
            let receiver = try lowerExpr(call.receiver!)
            let arguments = try lowerArguments(call.arguments)
            return emitDynamicCall(.trait(trait: trait.index, method: method), [receiver] + arguments, type: type,
                                   range: range)
        case .directMethod(let id), .superMethod(let id):
            let receiver = try lowerExpr(call.receiver!)
            let arguments = try lowerArguments(call.arguments)
            return emitCall(id.index, [receiver] + arguments, type: type, range: range)
        case .constructClass(let id):
            return try lowerConstructClass(id, call: call)
        case .constructStruct(let id):
            return try lowerConstructStruct(id, call: call)
        case .builtin(let builtin):
            return try lowerBuiltin(builtin, call: call, type: type, range: range)
        case .host:
            throw fail("host functions are not supported yet", range)
        }
    }

    /// An operator method call (§10.9) on values already evaluated.
    mutating func lowerOperatorCall(_ call: TypedCall, receiver: Value, argument: Value, type: WType,
                                    range: SourceRange) throws(Lowering.Failure) -> Value {
        switch call.target {
        case .virtualMethod(let id, let slot, let staticTarget):
            if canDevirtualize(id, slot: slot) { return emitCall(staticTarget.index, [receiver, argument], type: type, range: range) }
            return emitDynamicCall(.virtual(slot: slot), [receiver, argument], type: type, range: range)
        case .traitMethod(let trait, let method):
            return emitDynamicCall(.trait(trait: trait.index, method: method), [receiver, argument], type: type, range: range)
        case .directMethod(let id), .superMethod(let id), .function(let id):
            return emitCall(id.index, [receiver, argument], type: type, range: range)
        default:
            throw fail("unexpected operator method target", range)
        }
    }

    /// A direct call; the arguments are disposed after it.
    mutating func emitCall(_ function: Int, _ arguments: [Value], type: WType, range: SourceRange) -> Value {
        at(range)
        let results = resultRegisters(type)
        b.emit(.call(function, arguments: arguments.flatMap(\.regs), results: results))
        for argument in arguments { dispose(argument) }
        return Value(regs: results)
    }

    mutating func emitDynamicCall(_ kind: DynamicCall, _ arguments: [Value], type: WType, range: SourceRange) -> Value {
        at(range)
        let results = resultRegisters(type)
        b.emit(.callDynamic(kind, arguments: arguments.flatMap(\.regs), results: results))
        for argument in arguments { dispose(argument) }
        return Value(regs: results)
    }

    /// Calls a native function with the given argument registers.
    mutating func native(_ function: NativeFunction, _ arguments: [Value], type: WType) -> Value {
        let results = resultRegisters(type)
        b.emit(.callNative(function, arguments: arguments.flatMap(\.regs), results: results))
        for argument in arguments { dispose(argument) }
        return Value(regs: results)
    }

    mutating func lowerBuiltin(_ builtin: Builtin, call: TypedCall, type: WType, range: SourceRange)
        throws(Lowering.Failure) -> Value
    {
        // The receiver (for members) is evaluated first, then the arguments in written order.
        var operands: [Value] = []
        if let receiver = call.receiver { operands.append(try lowerExpr(receiver)) }
        operands += try lowerArguments(call.arguments)
        at(range)
        switch builtin {
        case .print:
            var forms: [Value] = []
            for (index, argument) in call.arguments.sorted(by: { $0.parameterIndex < $1.parameterIndex }).enumerated() {
                forms.append(try printForm(operands[index], type: argument.value.type))
            }
            at(range)
            b.emit(.print(forms.map(\.reg)))
            for form in forms { dispose(form) }
            return .void
        case .assert:
            b.emit(.assert(operands[0].reg, message: operands[1].reg))
            dispose(operands[1])
            return .void
        case .toString:
            return try printForm(operands[0], type: call.receiver!.type)
        case .optionalHasValue:
            let receiver = operands[0]
            if Layouts.isReferenceOptional(call.receiver!.type) {
                let isNull = b.newRegister(.int)
                b.emit(.refIsNull(isNull, receiver.reg))
                dispose(receiver)
                return Value(unary(.not, isNull, .int))
            }
            let flag = b.newRegister(.int)
            b.emit(.move(flag, receiver.reg))
            dispose(receiver)
            return Value(flag)
        case .optionalValue:
            let receiver = operands[0]
            b.emit(.checkPresent(receiver.reg))
            if Layouts.isReferenceOptional(call.receiver!.type) { return receiver }
            return Value(regs: Array(receiver.regs.dropFirst()), isTemporary: receiver.isTemporary)
        case .resultSuccess:
            guard case .result(let payload) = type else { throw fail("Success outside a Result", range) }
            let value = makeResult(success: true, payload: operands[0], message: nil, type: payload)
            return value
        case .resultError:
            guard case .result(let payload) = type else { throw fail("Error outside a Result", range) }
            let value = makeResult(success: false, payload: nil, message: operands[0], type: payload)
            return value
        case .resultValue:
            guard case .result(let payload) = call.receiver!.type else { throw fail("not a Result", range) }
            return try part(of: operands[0], types: [.int, payload, .optional(of: .string)], index: 1)
        case .resultErrorMessage:
            guard case .result(let payload) = call.receiver!.type else { throw fail("not a Result", range) }
            return try part(of: operands[0], types: [.int, payload, .optional(of: .string)], index: 2)
        case .destroy:
            b.emit(.object(.destroy, defs: [], uses: [operands[0].reg]))
            dispose(operands[0])
            return .void
        case .frameCount:
            let d = b.newRegister(.int)
            b.emit(.frameCount(d))
            return Value(d)
        default:
            if let value = try lowerCollectionBuiltin(builtin, call: call, operands: operands, type: type, range: range) {
                return value
            }
            guard let nativeFunction = Self.natives[builtin] else {
                throw fail("'\(builtin.rawValue)' is not supported yet", range)
            }
            return native(nativeFunction, operands, type: type)
        }
    }

    /// Builtins implemented by one native function with the same operands.
    static let natives: [Builtin: NativeFunction] = [
        .sqrt: .sqrt, .sin: .sin, .cos: .cos, .tan: .tan, .atan2: .atan2, .exp: .exp, .log: .log, .pow: .pow,
        .floor: .floor, .ceil: .ceil, .round: .round,
        .absInt: .absInt, .absFloat: .absFloat, .minInt: .minInt, .maxInt: .maxInt, .minFloat: .minFloat,
        .maxFloat: .maxFloat, .clampInt: .clampInt, .clampFloat: .clampFloat,
        .parseInt: .parseInt, .parseFloat: .parseFloat,
        .stringLength: .stringLength, .stringIsEmpty: .stringIsEmpty, .stringToUpper: .stringToUpper,
        .stringToLower: .stringToLower, .stringTrim: .stringTrim, .stringTrimStart: .stringTrimStart,
        .stringTrimEnd: .stringTrimEnd, .stringContains: .stringContains, .stringStartsWith: .stringStartsWith,
        .stringEndsWith: .stringEndsWith, .stringIndexOf: .stringIndexOf, .stringSubstring: .stringSubstring,
        .stringCharAt: .stringCharAt, .stringReplace: .stringReplace,
    ]

    // MARK: Print forms (chapter 24)

    mutating func printForm(_ e: TypedExpr) throws(Lowering.Failure) -> Value {
        try printForm(try lowerExpr(e), type: e.type)
    }

}
