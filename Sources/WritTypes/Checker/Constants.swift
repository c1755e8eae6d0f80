import WritSyntax

/// Constant expressions (§5.1) and enum case values (§13.2).
extension Checker {
    enum Folded {
        case value(ConstantValue)
        case failed
    }

    /// Folds a checked `const` initializer; reports what makes it non-constant.
    func foldConstant(_ e: TypedExpr) -> ConstantValue? {
        if e.type.isError { return nil }
        if case .value(let v) = fold(e) { return v }
        return nil
    }

    private func fail(_ m: CheckerMessage, _ r: SourceRange) -> Folded {
        report(m, at: r)
        return .failed
    }

    private func fold(_ e: TypedExpr) -> Folded {
        switch e.kind {
        case .intLiteral(let v): return .value(.int(v))
        case .floatLiteral(let v): return .value(.float(v))
        case .boolLiteral(let v): return .value(.bool(v))
        case .stringLiteral(let v): return .value(.string(v))
        case .null: return .value(.null)
        case .wrapOptional(let x): return fold(x)
        case .intToFloat(let x):
            guard case .value(.int(let v)) = fold(x) else { return .failed }
            return .value(.float(Double(v)))
        case .intNegate(let x):
            guard case .value(.int(let v)) = fold(x) else { return .failed }
            if v == Int64.min { return fail(.constantOverflow, e.range) }
            return .value(.int(-v))
        case .floatNegate(let x):
            guard case .value(.float(let v)) = fold(x) else { return .failed }
            return .value(.float(-v))
        case .not(let x):
            guard case .value(.bool(let v)) = fold(x) else { return .failed }
            return .value(.bool(!v))
        case .intArithmetic(let op, let a, let b):
            guard case .value(.int(let x)) = fold(a), case .value(.int(let y)) = fold(b) else { return .failed }
            let (r, overflow): (Int64, Bool)
            switch op {
            case .add: (r, overflow) = x.addingReportingOverflow(y)
            case .subtract: (r, overflow) = x.subtractingReportingOverflow(y)
            case .multiply: (r, overflow) = x.multipliedReportingOverflow(by: y)
            case .divide:
                if y == 0 { return fail(.constantDivisionByZero, e.range) }
                (r, overflow) = x.dividedReportingOverflow(by: y)
            case .modulo:
                if y == 0 { return fail(.constantDivisionByZero, e.range) }
                (r, overflow) = y == -1 ? (0, false) : x.remainderReportingOverflow(dividingBy: y)
            }
            if overflow { return fail(.constantOverflow, e.range) }
            return .value(.int(r))
        case .floatArithmetic(let op, let a, let b):
            guard case .value(.float(let x)) = fold(a), case .value(.float(let y)) = fold(b) else { return .failed }
            switch op {
            case .add: return .value(.float(x + y))
            case .subtract: return .value(.float(x - y))
            case .multiply: return .value(.float(x * y))
            case .divide: return .value(.float(x / y))
            case .modulo: return .value(.float(x.truncatingRemainder(dividingBy: y)))
            }
        case .stringAdd(let a, let b):
            guard case .value(.string(let x)) = fold(a), case .value(.string(let y)) = fold(b) else { return .failed }
            return .value(.string(x + y))
        case .concat(let a, let b):
            guard case .value(let x) = fold(a), case .value(let y) = fold(b) else { return .failed }
            return .value(.string(printForm(x) + printForm(y)))
        case .compare(let op, _, let a, let b):
            guard case .value(let x) = fold(a), case .value(let y) = fold(b) else { return .failed }
            let ordering: Int
            switch (x, y) {
            case (.int(let p), .int(let q)): ordering = p < q ? -1 : (p == q ? 0 : 1)
            case (.float(let p), .float(let q)):
                if p.isNaN || q.isNaN { return .value(.bool(false)) }
                ordering = p < q ? -1 : (p == q ? 0 : 1)
            case (.string(let p), .string(let q)):
                let ps = Array(p.unicodeScalars).map(\.value)
                let qs = Array(q.unicodeScalars).map(\.value)
                ordering = ps.lexicographicallyPrecedes(qs) ? -1 : (ps == qs ? 0 : 1)
            default: return fail(.constNotConstant, e.range)
            }
            let result = switch op {
            case .less: ordering < 0
            case .lessEqual: ordering <= 0
            case .greater: ordering > 0
            case .greaterEqual: ordering >= 0
            }
            return .value(.bool(result))
        case .equal(let negated, _, let a, let b):
            guard case .value(let x) = fold(a), case .value(let y) = fold(b) else { return .failed }
            var eq: Bool
            switch (x, y) {
            case (.string(let p), .string(let q)): eq = Array(p.unicodeScalars) == Array(q.unicodeScalars)
            case (.float(let p), .float(let q)): eq = p == q
            default: eq = x == y
            }
            if negated { eq.toggle() }
            return .value(.bool(eq))
        case .and(let a, let b):
            guard case .value(.bool(let x)) = fold(a) else { return .failed }
            if !x { return .value(.bool(false)) }
            return fold(b)
        case .or(let a, let b):
            guard case .value(.bool(let x)) = fold(a) else { return .failed }
            if x { return .value(.bool(true)) }
            return fold(b)
        case .ternary(let c, let a, let b):
            guard case .value(.bool(let x)) = fold(c) else { return .failed }
            return x ? fold(a) : fold(b)
        case .error:
            return .failed
        default:
            return fail(.constNotConstant, e.range)
        }
    }

    /// The print form of a constant (chapter 24, top-level form).
    func printForm(_ c: ConstantValue) -> String {
        switch c {
        case .int(let v): String(v)
        case .float(let v): formatFloat(v)
        case .bool(let v): v ? "true" : "false"
        case .string(let s): s
        case .null: "null"
        }
    }

    // MARK: Enum cases

    func evaluateEnumCases(_ id: EnumID) {
        let state = enums[id.index]
        if state.fields.isEmpty {
            for c in state.decl.cases where !c.args.isEmpty {
                report(.enumCaseArgumentCount(enumName: state.name, caseName: c.name.text, expected: 0, found: c.args.count), at: c.range)
            }
            state.caseValues = state.caseNames.map { _ in [] }
            return
        }
        withScratchContext(module: state.module, typeContext: .enumRef(id)) {
            // Field defaults, once.
            var defaults: [ConstantValue?] = []
            for f in state.fields {
                if let d = f.defaultValue {
                    let v = checkValue(d, as: f.type)
                    defaults.append(foldConstant(v))
                } else if f.type.isOptional {
                    defaults.append(.null)
                } else {
                    defaults.append(nil)
                }
            }
            var values: [[ConstantValue]] = []
            for c in state.decl.cases where state.caseIndex[c.name.text] != nil {
                if c.args.count > state.fields.count {
                    report(.enumCaseArgumentCount(enumName: state.name, caseName: c.name.text, expected: state.fields.count,
                                                  found: c.args.count), at: c.range)
                }
                var row: [ConstantValue] = []
                for (i, f) in state.fields.enumerated() {
                    if i < c.args.count {
                        let v = checkValue(c.args[i], as: f.type)
                        row.append(foldConstant(v) ?? .null)
                    } else if let d = defaults[i] {
                        row.append(d)
                    } else {
                        report(.enumCaseArgumentCount(enumName: state.name, caseName: c.name.text, expected: state.fields.count,
                                                      found: c.args.count), at: c.range)
                        row.append(.null)
                    }
                }
                values.append(row)
            }
            enums[id.index].caseValues = values
        }
    }

    /// Runs `body` inside a throwaway function context (for checking expressions that belong
    /// to no function: enum case arguments, field defaults).
    func withScratchContext(module: ModuleID, typeContext: TypeContextRef?, _ body: () -> Void) {
        let fid = newFunction(name: "<constant>", displayName: "<constant>", kind: .free,
                              signature: Signature(parameterNames: [], parameterTypes: [], result: .void, isVariadic: false),
                              module: module, range: .none, declaringType: nil, parent: nil, scratch: true, pending: nil)
        let env = BodyEnvironment(module: module, typeEnv: [:], typeContext: typeContext, isTemplateCheck: true, instantiationDepth: 0)
        let c = FunctionContext(functionID: fid, kind: .free, env: env, resultType: .void, isCoroutine: false, isLambda: false)
        let savedContexts = contexts
        let savedNames = scopeNames
        let savedStack = scopeStack
        contexts = []
        scopeNames = [:]
        scopeStack = []
        pushContext(c)
        fieldDefaultDepth += 1
        body()
        fieldDefaultDepth -= 1
        popContext(parameters: [], body: [])
        contexts = savedContexts
        scopeNames = savedNames
        scopeStack = savedStack
    }
}

/// The print form of a float (language.md §24.1): shortest round-trip digits, plain
/// notation for 1e-4 <= |x| <= 2^53, otherwise `d.ddde±XX`.
package func formatFloat(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
    // Swift's description gives the shortest round-trip digits; re-lay them out.
    let desc = abs(x).description
    var mantissa = desc
    var exponent = 0
    if let e = desc.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = String(desc[..<e])
        exponent = Int(desc[desc.index(after: e)...]) ?? 0
    }
    var intPart = mantissa
    var fracPart = ""
    if let dot = mantissa.firstIndex(of: ".") {
        intPart = String(mantissa[..<dot])
        fracPart = String(mantissa[mantissa.index(after: dot)...])
    }
    var digits = intPart + fracPart
    var pointPos = intPart.count + exponent
    // Strip leading zeros.
    while digits.count > 1, digits.first == "0" {
        digits.removeFirst()
        pointPos -= 1
    }
    while digits.count > 1, digits.last == "0" { digits.removeLast() }
    let sign = x < 0 ? "-" : ""
    let a = abs(x)
    if a >= 0.0001 && a <= 9007199254740992 {
        var s: String
        if pointPos <= 0 {
            s = "0." + String(repeating: "0", count: -pointPos) + digits
        } else if pointPos >= digits.count {
            s = digits + String(repeating: "0", count: pointPos - digits.count) + ".0"
        } else {
            let i = digits.index(digits.startIndex, offsetBy: pointPos)
            s = String(digits[..<i]) + "." + String(digits[i...])
        }
        return sign + s
    }
    let exp = pointPos - 1
    var s = String(digits.first!)
    if digits.count > 1 { s += "." + digits.dropFirst() }
    let expDigits = String(abs(exp))
    s += "e" + (exp < 0 ? "-" : "+") + (expDigits.count < 2 ? "0" + expDigits : expDigits)
    return sign + s
}
