import WritBytecode
import WritTypes

/// Print forms (language.md §24) and structural equality (§6.4), compiled per type: scalars
/// inline, compound values through a helper function per type (Helpers.swift) whose body is
/// built here. Strings grow with `append`, which appends in place, so printing a large
/// array is linear.
extension FunctionLowering {
    /// The print form of a value as a string value (disposing the value). `nested` is the
    /// form inside collections: strings quoted.
    mutating func printForm(_ value: Value, type: WType, nested: Bool = false) throws(Lowering.Failure) -> Value {
        switch type {
        case .string:
            if !nested { return value }
            return native(.stringQuoted, [value], type: .string)
        case .int:
            return Value(unary(.intToString, value.reg, .owned(nullable: false)))
        case .float:
            return Value(unary(.floatToString, value.reg, .owned(nullable: false)))
        case .bool:
            return Value(unary(.boolToString, value.reg, .borrowed(nullable: false)))
        case .void:
            return constant("")
        default:
            return callPrintHelper(value, type: type, nested: nested)
        }
    }

    mutating func constant(_ text: String) -> Value {
        let r = b.newRegister(.borrowed(nullable: false))
        b.emit(.constString(r, text))
        return Value(r)
    }

    /// Appends string values to an owned string register.
    mutating func appendParts(_ accumulator: Reg, _ parts: [Value]) {
        guard !parts.isEmpty else { return }
        b.emit(.object(.append, defs: [accumulator], uses: [accumulator] + parts.map(\.reg)))
        for part in parts { dispose(part) }
    }

    mutating func startString(_ text: String) -> Reg {
        let accumulator = b.newRegister(.owned(nullable: false))
        b.emit(.retain(accumulator, constant(text).reg))
        return accumulator
    }

    /// The body of a print-form helper: the form of `value` (a non-temporary view).
    mutating func buildPrintForm(_ value: Value, type: WType, nested: Bool) throws(Lowering.Failure) -> Value {
        switch type {
        case .optional(let payload):
            return try branchOnPresence(value, type: type, result: .owned(nullable: false),
                present: { (l: inout FunctionLowering, payloadValue: Value) throws(Lowering.Failure) -> Value in
                    try l.printForm(payloadValue, type: payload, nested: nested)
                },
                absent: { (l: inout FunctionLowering) throws(Lowering.Failure) -> Value in l.constant("null") })
        case .result(let payload):
            let payloadCount = context.layouts.layout(payload).count
            let success = b.newBlock()
            let failure = b.newBlock()
            let join = b.newBlock()
            let result = b.newRegister(.owned(nullable: false))
            b.terminate(.branch(value.regs[0], then: success, else: failure))
            b.switchTo(success)
            let accumulator = startString("Success(")
            let inner = Value(regs: Array(value.regs[1..<(1 + payloadCount)]), isTemporary: false)
            appendParts(accumulator, [try printForm(inner, type: payload, nested: true), constant(")")])
            b.emit(.moveOwned(result, accumulator))
            b.terminate(.jump(join))
            b.switchTo(failure)
            let errorAccumulator = startString("Error(")
            let message = Value(regs: [value.regs[1 + payloadCount]], isTemporary: false)
            appendParts(errorAccumulator, [try printForm(message, type: .string, nested: true), constant(")")])
            b.emit(.moveOwned(result, errorAccumulator))
            b.terminate(.jump(join))
            b.switchTo(join)
            return Value(result)
        case .tuple(let elements):
            let accumulator = startString("(")
            var offset = 0
            for (index, element) in elements.enumerated() {
                let count = context.layouts.layout(element).count
                let part = Value(regs: Array(value.regs[offset..<(offset + count)]), isTemporary: false)
                offset += count
                if index > 0 { appendParts(accumulator, [constant(", ")]) }
                appendParts(accumulator, [try printForm(part, type: element, nested: true)])
            }
            appendParts(accumulator, [constant(")")])
            return Value(accumulator)
        case .structType(let id):
            let info = program[id]
            if let toString = info.toString {
                let result = b.newRegister(.owned(nullable: false))
                b.emit(.call(toString.index, arguments: value.regs, results: [result]))
                return Value(result)
            }
            let accumulator = startString(info.name + "(")
            var offset = 0
            for (index, field) in info.fields.enumerated() {
                let count = context.layouts.layout(field.type).count
                var part = Value(regs: Array(value.regs[offset..<(offset + count)]), isTemporary: false)
                offset += count
                if field.isWeak { part = readWeakBox(part) }
                appendParts(accumulator, [constant((index > 0 ? ", " : "") + field.name + ": ")])
                appendParts(accumulator, [try printForm(part, type: field.type, nested: true)])
                dispose(part)
            }
            appendParts(accumulator, [constant(")")])
            return Value(accumulator)
        case .enumType(let id):
            let info = program[id]
            if let toString = info.toString {
                let result = b.newRegister(.owned(nullable: false))
                b.emit(.call(toString.index, arguments: value.regs, results: [result]))
                return Value(result)
            }
            return selectByCase(value.reg, count: info.cases.count) { l, index in
                l.constant("\(info.name).\(info.cases[index].name)")
            }
        case .classType, .traitType:
            return printObject(value.reg, type: type)
        case .function:
            return constant("<function>")
        case .array(let element):
            let accumulator = startString("[")
            try forEachElement(value.reg, element: element) { (l: inout FunctionLowering, index: Reg, item: Value) throws(Lowering.Failure) in
                let notFirst = l.b.newBlock()
                let next = l.b.newBlock()
                l.b.terminate(.compareBranch(.gtI, index, .imm(0), then: notFirst, else: next))
                l.b.switchTo(notFirst)
                l.appendParts(accumulator, [l.constant(", ")])
                l.b.terminate(.jump(next))
                l.b.switchTo(next)
                l.appendParts(accumulator, [try l.printForm(item, type: element, nested: true)])
            }
            appendParts(accumulator, [constant("]")])
            return Value(accumulator)
        case .dictionary(let key, let valueType):
            let accumulator = startString("{")
            let keys = dictionaryKeys(value.reg, key: key)
            let values = dictionaryValues(value.reg, value: valueType)
            try forEachElement(keys, element: key) { (l: inout FunctionLowering, index: Reg, item: Value) throws(Lowering.Failure) in
                let notFirst = l.b.newBlock()
                let next = l.b.newBlock()
                l.b.terminate(.compareBranch(.gtI, index, .imm(0), then: notFirst, else: next))
                l.b.switchTo(notFirst)
                l.appendParts(accumulator, [l.constant(", ")])
                l.b.terminate(.jump(next))
                l.b.switchTo(next)
                let entryValue = l.loadElement(values, index: index, element: valueType)
                l.appendParts(accumulator, [try l.printForm(item, type: key, nested: true), l.constant(": "),
                                            try l.printForm(entryValue, type: valueType, nested: true)])
            }
            b.emit(.release(keys))
            b.emit(.release(values))
            appendParts(accumulator, [constant("}")])
            return Value(accumulator)
        default:
            return try printForm(value, type: type, nested: nested)
        }
    }

    /// The print form of a class instance or trait value: its run-time class's `toString()`
    /// if it has one, else `<ClassName>`. The classes it may be are tested most derived
    /// first, so the first match is the object's own class.
    mutating func printObject(_ object: Reg, type: WType) -> Value {
        var candidates: [ClassID] = []
        for info in program.classes {
            switch type {
            case .classType(let id):
                var ancestor: ClassID? = info.id
                while let a = ancestor, a != id { ancestor = program[a].superclass }
                if ancestor == id { candidates.append(info.id) }
            case .traitType(let trait):
                if info.traitTables[trait] != nil { candidates.append(info.id) }
            default:
                break
            }
        }
        func depth(_ id: ClassID) -> Int {
            var d = 0
            var current = program[id].superclass
            while let c = current { d += 1; current = program[c].superclass }
            return d
        }
        candidates.sort { depth($0) > depth($1) || (depth($0) == depth($1) && $0.index < $1.index) }
        let result = b.newRegister(.owned(nullable: false))
        let join = b.newBlock()
        for (position, id) in candidates.enumerated() {
            let matches = b.newBlock()
            let next = b.newBlock()
            if position == candidates.count - 1, case .classType(let root) = type, root == id {
                b.terminate(.jump(matches))
            } else {
                let test = b.newRegister(.int)
                b.emit(.object(.instanceOf(type: context.classType(id)), defs: [test], uses: [object]))
                b.terminate(.branch(test, then: matches, else: next))
            }
            b.switchTo(matches)
            if let toString = program[id].toString {
                let text = b.newRegister(.owned(nullable: false))
                b.emit(.call(toString.index, arguments: [object], results: [text]))
                b.emit(.moveOwned(result, text))
            } else {
                b.emit(.retain(result, constant("<\(program[id].name)>").reg))
            }
            b.terminate(.jump(join))
            b.switchTo(next)
        }
        // A trait no class implements has no values.
        b.emit(.retain(result, constant("<object>").reg))
        b.terminate(.jump(join))
        b.switchTo(join)
        return Value(result)
    }

    /// An owned string chosen by an int (an enum case): `make(index)` for each value.
    mutating func selectByCase(_ value: Reg, count: Int, _ make: (inout FunctionLowering, Int) -> Value) -> Value {
        let result = b.newRegister(.owned(nullable: false))
        let join = b.newBlock()
        for index in 0..<count {
            let matches = b.newBlock()
            let next = b.newBlock()
            if index == count - 1 {
                b.terminate(.jump(matches))
            } else {
                b.terminate(.compareBranch(.eqI, value, .imm(Int64(index)), then: matches, else: next))
            }
            b.switchTo(matches)
            assign(make(&self, index), to: [result])
            b.terminate(.jump(join))
            b.switchTo(next)
        }
        if count == 0 { assign(constant(""), to: [result]) }
        b.terminate(.jump(join))
        b.switchTo(join)
        return Value(result)
    }

    /// Branches on whether an optional value is present; each side computes the result.
    mutating func branchOnPresence(
        _ value: Value, type: WType, result kind: RegKind,
        present: (inout FunctionLowering, Value) throws(Lowering.Failure) -> Value,
        absent: (inout FunctionLowering) throws(Lowering.Failure) -> Value
    ) throws(Lowering.Failure) -> Value {
        let result = b.newRegister(kind)
        let yes = b.newBlock()
        let no = b.newBlock()
        let join = b.newBlock()
        let payload: Value
        if Layouts.isReferenceOptional(type) {
            let isNull = b.newRegister(.int)
            b.emit(.refIsNull(isNull, value.reg))
            b.terminate(.branch(isNull, then: no, else: yes))
            payload = Value(regs: value.regs, isTemporary: false)
        } else {
            b.terminate(.branch(value.reg, then: yes, else: no))
            payload = Value(regs: Array(value.regs.dropFirst()), isTemporary: false)
        }
        b.switchTo(yes)
        assign(try present(&self, payload), to: [result])
        b.terminate(.jump(join))
        b.switchTo(no)
        assign(try absent(&self), to: [result])
        b.terminate(.jump(join))
        b.switchTo(join)
        return Value(result)
    }

    // MARK: Equality

    /// A bool register: whether two values of `type` are equal (§6.4).
    mutating func equality(_ a: Value, _ c: Value, type: WType, negated: Bool) throws(Lowering.Failure) -> Reg {
        let equal: Reg
        switch type {
        case .int, .bool, .enumType, .hostType:
            return b.binary(negated ? .neI : .eqI, a.reg, .reg(c.reg))
        case .float:
            return b.binary(negated ? .neF : .eqF, a.reg, .reg(c.reg))
        case .string:
            return b.binary(negated ? .neS : .eqS, a.reg, .reg(c.reg))
        case .classType, .traitType, .function:
            return b.binary(negated ? .neR : .eqR, a.reg, .reg(c.reg))
        case .optional(.classType), .optional(.traitType), .optional(.function):
            // Identity, null included.
            return b.binary(negated ? .neR : .eqR, a.reg, .reg(c.reg))
        default:
            equal = callEqualityHelper(a, c, type: type)
        }
        return negated ? unary(.not, equal, .int) : equal
    }

    /// The body of an equality helper for compound types.
    mutating func buildEquality(_ a: Value, _ c: Value, type: WType) throws(Lowering.Failure) -> Reg {
        let result = b.newRegister(.int)
        let yes = b.newBlock()
        let no = b.newBlock()
        let join = b.newBlock()
        try branchOnEquality(a, c, type: type, equal: yes, different: no)
        b.switchTo(yes)
        b.emit(.constInt(result, 1))
        b.terminate(.jump(join))
        b.switchTo(no)
        b.emit(.constInt(result, 0))
        b.terminate(.jump(join))
        b.switchTo(join)
        return result
    }

    /// Branches to `equal` or `different` comparing two values part by part.
    mutating func branchOnEquality(_ a: Value, _ c: Value, type: WType, equal: BlockID, different: BlockID)
        throws(Lowering.Failure)
    {
        switch type {
        case .tuple(let elements):
            try branchOnParts(a, c, types: elements, equal: equal, different: different)
        case .structType(let id) where program[id].fields.contains(where: \.isWeak):
            // Weak fields compare the objects they refer to now.
            var offset = 0
            for field in program[id].fields {
                let count = context.layouts.layout(field.type).count
                var left = Value(regs: Array(a.regs[offset..<(offset + count)]), isTemporary: false)
                var right = Value(regs: Array(c.regs[offset..<(offset + count)]), isTemporary: false)
                offset += count
                let next = b.newBlock()
                if field.isWeak {
                    left = readWeakBox(left)
                    right = readWeakBox(right)
                    let same = b.binary(.eqR, left.reg, .reg(right.reg))
                    dispose(left)
                    dispose(right)
                    b.terminate(.branch(same, then: next, else: different))
                } else {
                    try branchOnEquality(left, right, type: field.type, equal: next, different: different)
                }
                b.switchTo(next)
            }
            b.terminate(.jump(equal))
        case .structType(let id):
            try branchOnParts(a, c, types: program[id].fields.map(\.type), equal: equal, different: different)
        case .optional(let payload):
            if payload.isReference {
                // Strings, arrays, dictionaries: both null, or both present and equal.
                let aNull = b.newRegister(.int)
                let cNull = b.newRegister(.int)
                b.emit(.refIsNull(aNull, a.reg))
                b.emit(.refIsNull(cNull, c.reg))
                let bothPresent = b.newBlock()
                let oneNull = b.newBlock()
                let anyNull = b.binary(.addI, aNull, .reg(cNull))
                b.terminate(.compareBranch(.eqI, anyNull, .imm(0), then: bothPresent, else: oneNull))
                b.switchTo(oneNull)
                b.terminate(.compareBranch(.eqI, anyNull, .imm(2), then: equal, else: different))
                b.switchTo(bothPresent)
                let same = try equality(Value(a.reg, isTemporary: false), Value(c.reg, isTemporary: false),
                                        type: payload, negated: false)
                b.terminate(.branch(same, then: equal, else: different))
            } else {
                let flagsEqual = b.newBlock()
                let bothPresent = b.newBlock()
                b.terminate(.compareBranch(.eqI, a.regs[0], .reg(c.regs[0]), then: flagsEqual, else: different))
                b.switchTo(flagsEqual)
                b.terminate(.compareBranch(.eqI, a.regs[0], .imm(0), then: equal, else: bothPresent))
                b.switchTo(bothPresent)
                try branchOnEquality(Value(regs: Array(a.regs.dropFirst()), isTemporary: false),
                                     Value(regs: Array(c.regs.dropFirst()), isTemporary: false),
                                     type: payload, equal: equal, different: different)
            }
        case .result(let payload):
            let count = context.layouts.layout(payload).count
            let flagsEqual = b.newBlock()
            let successes = b.newBlock()
            let errors = b.newBlock()
            b.terminate(.compareBranch(.eqI, a.regs[0], .reg(c.regs[0]), then: flagsEqual, else: different))
            b.switchTo(flagsEqual)
            b.terminate(.branch(a.regs[0], then: successes, else: errors))
            b.switchTo(successes)
            try branchOnEquality(Value(regs: Array(a.regs[1..<(1 + count)]), isTemporary: false),
                                 Value(regs: Array(c.regs[1..<(1 + count)]), isTemporary: false),
                                 type: payload, equal: equal, different: different)
            b.switchTo(errors)
            let same = b.binary(.eqS, a.regs[1 + count], .reg(c.regs[1 + count]))
            b.terminate(.branch(same, then: equal, else: different))
        case .array(let element):
            let lengthA = b.newRegister(.int)
            let lengthC = b.newRegister(.int)
            b.emit(.object(.arrayLength, defs: [lengthA], uses: [a.reg]))
            b.emit(.object(.arrayLength, defs: [lengthC], uses: [c.reg]))
            let sameLength = b.newBlock()
            b.terminate(.compareBranch(.eqI, lengthA, .reg(lengthC), then: sameLength, else: different))
            b.switchTo(sameLength)
            try forEachElement(a.reg, element: element, length: lengthA) { (l: inout FunctionLowering, index: Reg, item: Value) throws(Lowering.Failure) in
                let other = l.loadElement(c.reg, index: index, element: element)
                let same = try l.equality(item, other, type: element, negated: false)
                l.dispose(other)
                l.dispose(item)
                let next = l.b.newBlock()
                l.b.terminate(.branch(same, then: next, else: different))
                l.b.switchTo(next)
            }
            b.terminate(.jump(equal))
        case .dictionary(let key, let valueType):
            let lengthA = b.newRegister(.int)
            let lengthC = b.newRegister(.int)
            b.emit(.object(.dictLength, defs: [lengthA], uses: [a.reg]))
            b.emit(.object(.dictLength, defs: [lengthC], uses: [c.reg]))
            let sameLength = b.newBlock()
            b.terminate(.compareBranch(.eqI, lengthA, .reg(lengthC), then: sameLength, else: different))
            b.switchTo(sameLength)
            let keys = dictionaryKeys(a.reg, key: key)
            let values = dictionaryValues(a.reg, value: valueType)
            let notEqual = b.newBlock()
            try forEachElement(keys, element: key) { (l: inout FunctionLowering, index: Reg, item: Value) throws(Lowering.Failure) in
                let mine = l.loadElement(values, index: index, element: valueType)
                let theirs = l.dictionaryGet(c.reg, key: item, value: valueType)
                let next = l.b.newBlock()
                let same = try l.branchOnPresence(theirs, type: .optional(of: valueType), result: .int,
                    present: { (inner: inout FunctionLowering, payload: Value) throws(Lowering.Failure) -> Value in
                        Value(try inner.equality(mine, payload, type: valueType, negated: false))
                    },
                    absent: { (inner: inout FunctionLowering) throws(Lowering.Failure) -> Value in Value(inner.b.constInt(0)) })
                l.dispose(mine)
                l.dispose(theirs)
                l.dispose(item)
                l.b.terminate(.branch(same.reg, then: next, else: notEqual))
                l.b.switchTo(next)
            }
            b.emit(.release(keys))
            b.emit(.release(values))
            b.terminate(.jump(equal))
            b.switchTo(notEqual)
            b.emit(.release(keys))
            b.emit(.release(values))
            b.terminate(.jump(different))
        default:
            let same = try equality(a, c, type: type, negated: false)
            b.terminate(.branch(same, then: equal, else: different))
        }
    }

    mutating func branchOnParts(_ a: Value, _ c: Value, types: [WType], equal: BlockID, different: BlockID)
        throws(Lowering.Failure)
    {
        var offset = 0
        for type in types {
            let count = context.layouts.layout(type).count
            let left = Value(regs: Array(a.regs[offset..<(offset + count)]), isTemporary: false)
            let right = Value(regs: Array(c.regs[offset..<(offset + count)]), isTemporary: false)
            offset += count
            let next = b.newBlock()
            try branchOnEquality(left, right, type: type, equal: next, different: different)
            b.switchTo(next)
        }
        b.terminate(.jump(equal))
    }
}
