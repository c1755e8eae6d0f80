import WritSyntax

/// Calls of the standard library (§25, §18, §19, §16).
extension Checker {
    /// Checks arguments against a fixed built-in parameter list (named arguments allowed).
    func checkBuiltinArguments(_ name: String, _ params: [(String, WType)], _ args: [Argument], callRange: SourceRange) -> [TypedArgument] {
        let sig = Signature(parameterNames: params.map(\.0), parameterTypes: params.map(\.1), result: .void, isVariadic: false)
        return checkArguments(args, signature: sig, callee: name, callRange: callRange) ?? []
    }

    func builtinCall(_ b: Builtin, _ arguments: [TypedArgument], _ result: WType, _ r: SourceRange, receiver: TypedExpr? = nil) -> TypedExpr {
        TypedExpr(.call(TypedCall(target: .builtin(b), receiver: receiver, arguments: arguments)), result, r)
    }

    /// `print(…)`, `sqrt(…)`, `Success(…)`, …; nil when `n` is no library function.
    func checkBuiltinCall(_ n: Name, _ args: [Argument], expected: WType?, _ r: SourceRange) -> TypedExpr? {
        let name = n.text
        func fixed(_ b: Builtin, _ ps: [(String, WType)], _ result: WType) -> TypedExpr {
            let a = checkBuiltinArguments(name, ps, args, callRange: r)
            return a.count == ps.count ? builtinCall(b, a, result, r) : TypedExpr(.error, result, r)
        }
        switch name {
        case "print":
            var out: [TypedArgument] = []
            for (i, a) in args.enumerated() {
                if let label = a.label { report(.noParameter(callee: "print", name: label.text), at: label.range) }
                if a.isSpread { report(.spreadNotAllowed, at: a.range) }
                var v = checkExpr(a.value)
                if v.type == .void { report(.voidValue, at: v.range); v = .error(v.range) }
                if reportUninferable(v) { v = .error(v.range) }
                out.append(TypedArgument(value: v, parameterIndex: i))
            }
            return builtinCall(.print, out, .void, r)
        case "assert": return fixed(.assert, [("cond", .bool), ("message", .string)], .void)
        case "frameCount": return fixed(.frameCount, [], .int)
        case "parseInt": return fixed(.parseInt, [("s", .string)], .optional(.int))
        case "parseFloat": return fixed(.parseFloat, [("s", .string)], .optional(.float))
        case "destroy":
            let a = checkBuiltinArguments(name, [("obj", .error)], args, callRange: r)
            guard a.count == 1 else { return TypedExpr(.error, .void, r) }
            switch a[0].value.type {
            case .classType, .traitType, .error: break
            default: report(.typeMismatch(expected: "a class instance", found: typeName(a[0].value.type)), at: a[0].value.range)
            }
            return builtinCall(.destroy, a, .void, r)
        case "floor", "ceil", "round", "sqrt", "sin", "cos", "tan", "exp", "log":
            let b: Builtin = switch name {
            case "floor": .floor
            case "ceil": .ceil
            case "round": .round
            case "sqrt": .sqrt
            case "sin": .sin
            case "cos": .cos
            case "tan": .tan
            case "exp": .exp
            default: .log
            }
            return fixed(b, [("x", .float)], .float)
        case "pow": return fixed(.pow, [("b", .float), ("e", .float)], .float)
        case "atan2": return fixed(.atan2, [("y", .float), ("x", .float)], .float)
        case "abs", "min", "max", "clamp":
            let names: [String] = switch name {
            case "abs": ["x"]
            case "clamp": ["x", "lo", "hi"]
            default: ["a", "b"]
            }
            let a = checkBuiltinArguments(name, names.map { ($0, WType.error) }, args, callRange: r)
            guard a.count == names.count else { return TypedExpr(.error, .error, r) }
            var allInt = true
            for x in a {
                switch x.value.type {
                case .int: break
                case .float: allInt = false
                case .error: return TypedExpr(.error, .error, r)
                default:
                    report(.typeMismatch(expected: "float", found: typeName(x.value.type)), at: x.value.range)
                    return TypedExpr(.error, .error, r)
                }
            }
            let converted = allInt ? a : a.map { TypedArgument(value: toFloat($0.value), parameterIndex: $0.parameterIndex) }
            let b: Builtin = switch (name, allInt) {
            case ("abs", true): .absInt
            case ("abs", false): .absFloat
            case ("min", true): .minInt
            case ("min", false): .minFloat
            case ("max", true): .maxInt
            case ("max", false): .maxFloat
            case ("clamp", true): .clampInt
            default: .clampFloat
            }
            return builtinCall(b, converted, allInt ? .int : .float, r)
        case "Success", "Error":
            var resultType: WType?
            if case .result(let t)? = expected { resultType = t }
            if case .optional(.result(let t))? = expected { resultType = t }
            if name == "Error" {
                let a = checkBuiltinArguments(name, [("message", .string)], args, callRange: r)
                guard let resultType else {
                    report(.cannotInferError, at: r)
                    return .error(r)
                }
                return a.count == 1 ? builtinCall(.resultError, a, .result(resultType), r) : TypedExpr(.error, .result(resultType), r)
            }
            if let resultType {
                let a = checkBuiltinArguments(name, [("value", resultType)], args, callRange: r)
                return a.count == 1 ? builtinCall(.resultSuccess, a, .result(resultType), r) : TypedExpr(.error, .result(resultType), r)
            }
            guard let plan = planArguments(args, names: ["value"], isVariadic: false, callee: name, callRange: r),
                  let p = plan.fixed.first else { return .error(r) }
            let v = checkExpr(p.argument.value)
            if reportUninferable(v) { return .error(r) }
            if v.type == .void { report(.voidValue, at: v.range); return .error(r) }
            if v.type.isError { return .error(r) }
            return builtinCall(.resultSuccess, [TypedArgument(value: v, parameterIndex: 0)], .result(v.type), r)
        case "waitForFrames", "waitForSeconds", "waitUntil":
            report(.waitWithoutYield(name), at: n.range)
            checkArgumentsLoosely(args)
            return TypedExpr(.error, .void, r)
        default:
            return nil
        }
    }

    /// `xs.push(1)`, `d.get(k, 0)`, `s.split(",")`, `xs.map(f)`, `v.toString()`, …
    func checkBuiltinMemberCall(_ b: BuiltinMember, _ receiver: TypedExpr, _ n: Name, _ args: [Argument], _ r: SourceRange) -> TypedExpr {
        switch b.builtin {
        case .arraySort:
            guard case .array(let e) = receiver.type else { return .error(r) }
            if args.isEmpty {
                switch e {
                case .int, .float, .string, .error: break
                default: report(.sortNeedsComparator(typeName(e)), at: n.range)
                }
                return builtinCall(.arraySort, [], .void, r, receiver: receiver)
            }
            let a = checkBuiltinArguments(n.text, [("less", .function([e, e], .bool))], args, callRange: r)
            return builtinCall(.arraySortBy, a, .void, r, receiver: receiver)
        case .arrayMap:
            guard case .array(let e) = receiver.type else { return .error(r) }
            guard let plan = planArguments(args, names: ["f"], isVariadic: false, callee: n.text, callRange: r),
                  let p = plan.fixed.first else { return .error(r) }
            let f = checkExpr(p.argument.value)
            switch f.type {
            case .function(let ps, let u) where ps == [e] && u != .void:
                return builtinCall(.arrayMap, [TypedArgument(value: f, parameterIndex: 0)], .array(u), r, receiver: receiver)
            case .error: return .error(r)
            default:
                let found = typeName(f.type)
                report(.typeMismatch(expected: "(\(typeName(e))) -> U", found: found), at: f.range)
                return .error(r)
            }
        case .arrayReduce:
            guard case .array(let e) = receiver.type else { return .error(r) }
            guard let plan = planArguments(args, names: ["initial", "f"], isVariadic: false, callee: n.text, callRange: r),
                  plan.fixed.count == 2 else { return .error(r) }
            let sorted = plan.fixed.sorted { $0.parameter < $1.parameter }
            var out: [TypedArgument] = []
            var u: WType = .error
            // Written order matters for evaluation; check in written order.
            var initial: TypedExpr?
            for p in plan.fixed {
                if p.parameter == 0 {
                    var v = checkExpr(p.argument.value)
                    if reportUninferable(v) { v = .error(v.range) }
                    initial = v
                    u = v.type
                    out.append(TypedArgument(value: v, parameterIndex: 0))
                } else {
                    if initial == nil, let first = sorted.first, first.parameter == 0 {
                        // Named with f first: infer U from the lambda.
                        let f = checkExpr(p.argument.value)
                        if case .function(let ps, let res) = f.type, ps.count == 2 { u = res }
                        out.append(TypedArgument(value: coerce(f, to: .function([u, e], u)), parameterIndex: 1))
                    } else {
                        out.append(TypedArgument(value: checkValue(p.argument.value, as: .function([u, e], u)), parameterIndex: 1))
                    }
                }
            }
            if let i = out.firstIndex(where: { $0.parameterIndex == 0 }), out[i].value.type != u {
                out[i].value = coerce(out[i].value, to: u)
            }
            return builtinCall(.arrayReduce, out, u, r, receiver: receiver)
        default:
            let a = checkBuiltinArguments(n.text, b.parameters, args, callRange: r)
            if a.count != b.parameters.count { return TypedExpr(.error, b.result, r) }
            return builtinCall(b.builtin, a, b.result, r, receiver: receiver)
        }
    }
}
