import WritSyntax

/// Assignability (§4.3) and common types (§4.4), inserting explicit conversion nodes.
extension Checker {
    /// Converts `e` to `target` if it is assignable, else reports `type mismatch` and returns
    /// an erroneous node of the target type (so the mismatch does not cascade).
    func coerce(_ e: TypedExpr, to target: WType) -> TypedExpr {
        if let c = convert(e, to: target) { return c }
        reportMismatch(expected: target, found: e)
        return TypedExpr(.error, target.containsError ? .error : target, e.range)
    }

    func reportMismatch(expected: WType, found e: TypedExpr) {
        switch e.type {
        case .emptyArray: report(.cannotInferEmptyArray, at: e.range)
        case .emptyDictionary: report(.cannotInferEmptyDictionary, at: e.range)
        case .void: report(.typeMismatch(expected: typeName(expected), found: "void"), at: e.range)
        default: report(.typeMismatch(expected: typeName(expected), found: typeName(e.type)), at: e.range)
        }
    }

    func isIntLiteral(_ e: TypedExpr) -> Int64? {
        switch e.kind {
        case .intLiteral(let v): return v
        case .intNegate(let inner):
            if case .intLiteral(let v) = inner.kind, v != Int64.min { return -v }
            return nil
        default: return nil
        }
    }

    /// `e` converted to `target`, or nil when not assignable.
    func convert(_ e: TypedExpr, to target: WType) -> TypedExpr? {
        let source = e.type
        if source == target { return e }
        if source.isError { return TypedExpr(e.kind, target, e.range) }
        if target.isError { return e }
        switch target {
        case .float:
            if let v = isIntLiteral(e) { return TypedExpr(.floatLiteral(Double(v)), .float, e.range) }
            return nil
        case .optional(let inner):
            if source == .null { return TypedExpr(.null, target, e.range) }
            if case .optional = source { return nil }
            guard let converted = convert(e, to: inner) else { return nil }
            return TypedExpr(.wrapOptional(converted), target, e.range)
        case .classType(let a):
            if case .classType(let c) = source, ancestors(of: c).contains(a) {
                return TypedExpr(.upcast(e, a), target, e.range)
            }
            return nil
        case .traitType(let t):
            switch source {
            case .classType(let c):
                ensureHeader(.classRef(c))
                if cls(c).allTraits.contains(t) { return TypedExpr(.toTrait(e, t), target, e.range) }
            case .typeParameter(let p):
                if typeParameters[p.index].constraints.contains(t) { return TypedExpr(.toTrait(e, t), target, e.range) }
            default: break
            }
            return nil
        case .array:
            if source == .emptyArray { return TypedExpr(.array([]), target, e.range) }
            return nil
        case .dictionary:
            if source == .emptyDictionary { return TypedExpr(.dictionary([]), target, e.range) }
            return nil
        default:
            return nil
        }
    }

    /// Is a value of static type `s` assignable to `t` (ignoring literal rules)?
    func isAssignable(_ s: WType, to t: WType) -> Bool {
        convert(TypedExpr(.error, s, .none), to: t) != nil
    }

    /// The common type of several expressions that must share one (§4.4), with each
    /// converted to it. With an expected type, each must be assignable to it.
    func unifyBranches(_ items: [TypedExpr], expected: WType?) -> (WType, [TypedExpr]) {
        if let expected, !expected.isError {
            return (expected, items.map { coerce($0, to: expected) })
        }
        let typed = items.filter {
            switch $0.type {
            case .null, .emptyArray, .emptyDictionary, .error: false
            default: true
            }
        }
        if items.contains(where: { $0.type.isError }) && typed.isEmpty { return (.error, items) }
        guard !typed.isEmpty else {
            return (items.first?.type ?? .error, items)
        }
        var result = typed[0].type
        if typed.contains(where: { $0.type == .float }) && typed.allSatisfy({ $0.type == .float || ($0.type == .int && isIntLiteral($0) != nil) }) {
            result = .float
        }
        if items.contains(where: { $0.type == .null }) { result = .optional(of: result) }
        if result == .void {
            return (.void, items)
        }
        return (result, items.map { coerce($0, to: result) })
    }

    /// Reports the right "cannot infer" message for an expression whose type is still a
    /// literal placeholder; returns true if it did.
    func reportUninferable(_ e: TypedExpr) -> Bool {
        switch e.type {
        case .null: report(.cannotInferNull, at: e.range); return true
        case .emptyArray: report(.cannotInferEmptyArray, at: e.range); return true
        case .emptyDictionary: report(.cannotInferEmptyDictionary, at: e.range); return true
        default: return false
        }
    }
}
