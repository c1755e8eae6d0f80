import WritBytecode
import WritSyntax
import WritTypes

/// Arrays and dictionaries (language.md §18): literals, indexing, members, iteration.
extension FunctionLowering {
    func arrayType(_ element: WType) -> Int { context.types.arrayType(element: element, layouts: &context.layouts) }

    func dictionaryType(_ key: WType, _ value: WType) -> Int {
        context.types.dictionaryType(key: key, value: value, layouts: &context.layouts)
    }

    func elementType(_ arrayType: WType) -> WType {
        if case .array(let element) = arrayType { return element }
        preconditionFailure("not an array type")
    }

    /// Registers for one element read out of an array (references owned).
    mutating func loadElement(_ array: Reg, index: Reg, element: WType) -> Value {
        if element == .bool {
            let r = b.newRegister(.int)
            b.emit(.object(.arrayGet(slot: 0, byte: true), defs: [r], uses: [array, index]))
            return Value(r)
        }
        var regs: [Reg] = []
        for (k, slot) in context.layouts.layout(element).enumerated() {
            let r: Reg
            switch slot {
            case .int: r = b.newRegister(.int)
            case .float: r = b.newRegister(.float)
            case .ref(let nullable): r = b.newRegister(.owned(nullable: nullable))
            }
            b.emit(.object(.arrayGet(slot: k, byte: false), defs: [r], uses: [array, index]))
            regs.append(r)
        }
        return Value(regs: regs)
    }

    /// Replaces one element (consuming owned references; the old ones are released).
    mutating func storeElement(_ array: Reg, index: Reg, value: Value, element: WType) {
        if element == .bool {
            b.emit(.object(.arraySet(slot: 0, byte: true), defs: [], uses: [array, index, value.reg]))
            return
        }
        let owned = ownedCopy(value)
        for (k, reg) in owned.regs.enumerated() {
            b.emit(.object(.arraySet(slot: k, byte: false), defs: [], uses: [array, index, reg]))
        }
    }

    mutating func arrayLength(_ array: Reg) -> Reg {
        let r = b.newRegister(.int)
        b.emit(.object(.arrayLength, defs: [r], uses: [array]))
        return r
    }

    /// Runs `body` for each element of an array in order, re-reading the length every
    /// iteration (elements pushed meanwhile are visited, §7.4) unless `length` is given. The
    /// body gets the index and the element (an owned temporary it must dispose or consume).
    mutating func forEachElement(
        _ array: Reg, element: WType, length: Reg? = nil,
        _ body: (inout FunctionLowering, Reg, Value) throws(Lowering.Failure) -> Void
    ) throws(Lowering.Failure) {
        let index = b.newRegister(.int, name: "index")
        b.emit(.constInt(index, 0))
        let test = b.newBlock()
        let bodyBlock = b.newBlock()
        let exit = b.newBlock()
        b.terminate(.jump(test))
        b.switchTo(test)
        let count = length ?? arrayLength(array)
        b.terminate(.compareBranch(.ltI, index, .reg(count), then: bodyBlock, else: exit))
        b.switchTo(bodyBlock)
        let item = loadElement(array, index: index, element: element)
        try body(&self, index, item)
        b.emit(.binary(.addI, index, index, .imm(1)))
        b.emit(.interruptCheck)
        b.terminate(.jump(test))
        b.switchTo(exit)
    }

    // MARK: Literals

    /// `[a, b, ...c]` (§18.1).
    mutating func lowerArrayLiteral(_ elements: [TypedArrayElement], type: WType) throws(Lowering.Failure) -> Value {
        let element = elementType(type)
        let typeIndex = arrayType(element)
        let hasSpread = elements.contains { if case .spread = $0 { true } else { false } }
        if !hasSpread && elements.count <= 0xFF {
            var values: [Value] = []
            for item in elements {
                if case .element(let e) = item { values.append(try lowerExpr(e)) }
            }
            let result = b.newRegister(.owned(nullable: false))
            b.emit(.object(.newArray(type: typeIndex, count: values.count), defs: [result],
                           uses: values.flatMap(\.regs)))
            for value in values { dispose(value) }
            return Value(result)
        }
        let result = b.newRegister(.owned(nullable: false))
        b.emit(.object(.newArray(type: typeIndex, count: 0), defs: [result], uses: []))
        for item in elements {
            switch item {
            case .element(let e):
                let value = try lowerExpr(e)
                b.emit(.object(.arrayPush, defs: [], uses: [result] + value.regs))
                dispose(value)
            case .spread(let source, let conversion):
                let sourceValue = try lowerExpr(source)
                let sourceElement = elementType(source.type)
                try forEachElement(sourceValue.reg, element: sourceElement) { (l: inout FunctionLowering, _: Reg, item: Value) throws(Lowering.Failure) in
                    var converted = item
                    if let conversion {
                        l.spreadElement = item
                        converted = try l.lowerExpr(conversion)
                        l.spreadElement = nil
                    }
                    l.b.emit(.object(.arrayPush, defs: [], uses: [result] + converted.regs))
                    l.dispose(converted)
                    if conversion != nil { l.dispose(item) }
                }
                dispose(sourceValue)
            }
        }
        return Value(result)
    }

    /// `{k: v, ...d}` (§18.2).
    mutating func lowerDictionaryLiteral(_ entries: [TypedDictElement], type: WType) throws(Lowering.Failure) -> Value {
        guard case .dictionary(let key, let value) = type else { throw fail("not a dictionary type", function.range) }
        let result = b.newRegister(.owned(nullable: false))
        b.emit(.object(.newDict(type: dictionaryType(key, value)), defs: [result], uses: []))
        for entry in entries {
            switch entry {
            case .pair(let k, let v):
                let keyValue = try lowerExpr(k)
                let valueValue = try lowerExpr(v)
                b.emit(.object(.dictSet, defs: [], uses: [result, keyValue.reg] + valueValue.regs))
                dispose(keyValue)
                dispose(valueValue)
            case .spread(let source):
                let sourceValue = try lowerExpr(source)
                b.emit(.object(.dictMerge, defs: [], uses: [result, sourceValue.reg]))
                dispose(sourceValue)
            }
        }
        return Value(result)
    }

    // MARK: Dictionaries

    /// `d[k]`: an Optional value (references owned).
    mutating func dictionaryGet(_ dictionary: Reg, key: Value, value: WType) -> Value {
        dictionaryLookup(.dictGet, dictionary, key: key, value: value)
    }

    /// Looks a key up: whether the entry exists (nil when the value is a single reference:
    /// then null means absent) and the value's registers (zeros when absent).
    mutating func dictionaryEntry(_ dictionary: Reg, key: Value, value: WType) -> (present: Reg?, value: Value) {
        let layout = context.layouts.layout(value)
        if layout.count == 1, layout[0].isReference {
            let result = b.newRegister(.owned(nullable: true))
            b.emit(.object(.dictGet, defs: [result], uses: [dictionary, key.reg]))
            return (nil, Value(result))
        }
        let flag = b.newRegister(.int)
        let regs = newRegisters(for: value, owned: true)
        b.emit(.object(.dictGet, defs: [flag] + regs, uses: [dictionary, key.reg]))
        return (flag, Value(regs: regs))
    }

    /// `dict.get` and `dict.remove` write one reference slot when the value is a single
    /// reference (null when absent), else a presence flag followed by the value's slots. For a
    /// value that is itself an optional scalar, `Optional<Optional<T>>` is `Optional<T>`: the
    /// two flags combine into one.
    mutating func dictionaryLookup(_ op: ObjectOp, _ dictionary: Reg, key: Value, value: WType) -> Value {
        let layout = context.layouts.layout(value)
        if layout.count == 1, layout[0].isReference {
            let result = b.newRegister(.owned(nullable: true))
            b.emit(.object(op, defs: [result], uses: [dictionary, key.reg]))
            return Value(result)
        }
        let flag = b.newRegister(.int)
        let regs = newRegisters(for: value, owned: true)
        b.emit(.object(op, defs: [flag] + regs, uses: [dictionary, key.reg]))
        if case .optional = value {
            // Present only if the entry exists and holds a value.
            let both = b.newRegister(.int)
            b.emit(.binary(.mulI, both, flag, .reg(regs[0])))
            return Value(regs: [both] + regs.dropFirst())
        }
        return Value(regs: [flag] + regs)
    }

    mutating func dictionaryKeys(_ dictionary: Reg, key: WType) -> Reg {
        let r = b.newRegister(.owned(nullable: false))
        b.emit(.object(.dictKeys(type: arrayType(key)), defs: [r], uses: [dictionary]))
        return r
    }

    mutating func dictionaryValues(_ dictionary: Reg, value: WType) -> Reg {
        let r = b.newRegister(.owned(nullable: false))
        b.emit(.object(.dictValues(type: arrayType(value)), defs: [r], uses: [dictionary]))
        return r
    }
}

// MARK: Members

extension FunctionLowering {
    /// Calls the closure `f` with the arguments, returning its result (owned).
    mutating func callClosureValue(_ f: Value, _ arguments: [Value], type: WType) -> Value {
        let results = resultRegisters(type)
        b.emit(.callDynamic(.closure, arguments: f.regs + arguments.flatMap(\.regs), results: results))
        return Value(regs: results)
    }

    /// An Optional of the element at `index`, or null (for `first()` and `last()`).
    mutating func optionalElement(_ array: Reg, index: Reg, present: Reg, element: WType) -> Value {
        let type = WType.optional(of: element)
        let result = newRegisters(for: type, owned: true)
        let yes = b.newBlock()
        let no = b.newBlock()
        let join = b.newBlock()
        b.terminate(.branch(present, then: yes, else: no))
        b.switchTo(yes)
        let value = loadElement(array, index: index, element: element)
        let wrapped = element.isReference ? value : Value(regs: [b.constInt(1)] + value.regs)
        assign(wrapped, to: result)
        b.terminate(.jump(join))
        b.switchTo(no)
        assign(nullValue(type), to: result)
        b.terminate(.jump(join))
        b.switchTo(join)
        return Value(regs: result)
    }

    /// Array, dictionary and string members that are not plain natives; nil if `builtin`
    /// is none of them.
    mutating func lowerCollectionBuiltin(_ builtin: Builtin, call: TypedCall, operands: [Value], type: WType,
                                         range: SourceRange) throws(Lowering.Failure) -> Value?
    {
        let receiverType = call.receiver?.type ?? .void
        switch builtin {
        // Arrays (§18.1)
        case .arrayLength:
            let length = arrayLength(operands[0].reg)
            dispose(operands[0])
            return Value(length)
        case .arrayIsEmpty:
            let length = arrayLength(operands[0].reg)
            dispose(operands[0])
            return Value(b.binary(.eqI, length, .imm(0)))
        case .arrayPush:
            b.emit(.object(.arrayPush, defs: [], uses: [operands[0].reg] + operands[1].regs))
            dispose(operands[1])
            dispose(operands[0])
            return .void
        case .arrayPop:
            let results = newRegisters(for: elementType(receiverType), owned: true)
            b.emit(.object(.arrayPop, defs: results, uses: [operands[0].reg]))
            dispose(operands[0])
            return Value(regs: results)
        case .arrayInsert:
            b.emit(.object(.arrayInsert, defs: [], uses: [operands[0].reg, operands[1].reg] + operands[2].regs))
            dispose(operands[2])
            dispose(operands[0])
            return .void
        case .arrayRemove:
            let results = newRegisters(for: elementType(receiverType), owned: true)
            b.emit(.object(.arrayRemove, defs: results, uses: [operands[0].reg, operands[1].reg]))
            dispose(operands[0])
            return Value(regs: results)
        case .arrayFirst, .arrayLast:
            let element = elementType(receiverType)
            let length = arrayLength(operands[0].reg)
            let present = b.binary(.gtI, length, .imm(0))
            let index = builtin == .arrayFirst ? b.constInt(0) : b.binary(.subI, length, .imm(1))
            let value = optionalElement(operands[0].reg, index: index, present: present, element: element)
            dispose(operands[0])
            return value
        case .arrayContains, .arrayIndexOf:
            let element = elementType(receiverType)
            let index = try indexOf(operands[0], operands[1], element: element)
            dispose(operands[1])
            dispose(operands[0])
            if builtin == .arrayIndexOf { return Value(index) }
            return Value(b.binary(.geI, index, .imm(0)))
        case .arraySlice:
            return native(.arraySlice, operands, type: type)
        case .arrayReverse:
            return native(.arrayReverse, operands, type: .void)
        case .arraySort:
            let sort: NativeFunction = switch elementType(receiverType) {
            case .float: .arraySortFloats
            case .string: .arraySortStrings
            default: .arraySortInts
            }
            return native(sort, operands, type: .void)
        case .arraySortBy:
            let element = elementType(receiverType)
            let sorter = context.helper(.sortBy(element))
            b.emit(.call(sorter, arguments: operands[0].regs + operands[1].regs, results: []))
            dispose(operands[1])
            dispose(operands[0])
            return .void
        case .arrayMap:
            let element = elementType(receiverType)
            let resultElement = elementType(type)
            let result = b.newRegister(.owned(nullable: false))
            b.emit(.object(.newArray(type: arrayType(resultElement), count: 0), defs: [result], uses: []))
            try forEachElement(operands[0].reg, element: element) { (l: inout FunctionLowering, _: Reg, item: Value) throws(Lowering.Failure) in
                let mapped = l.callClosureValue(operands[1], [item], type: resultElement)
                l.dispose(item)
                l.b.emit(.object(.arrayPush, defs: [], uses: [result] + mapped.regs))
                l.dispose(mapped)
            }
            dispose(operands[1])
            dispose(operands[0])
            return Value(result)
        case .arrayFilter:
            let element = elementType(receiverType)
            let result = b.newRegister(.owned(nullable: false))
            b.emit(.object(.newArray(type: arrayType(element), count: 0), defs: [result], uses: []))
            try forEachElement(operands[0].reg, element: element) { (l: inout FunctionLowering, _: Reg, item: Value) throws(Lowering.Failure) in
                let keep = l.callClosureValue(operands[1], [item], type: .bool)
                let yes = l.b.newBlock()
                let next = l.b.newBlock()
                l.b.terminate(.branch(keep.reg, then: yes, else: next))
                l.b.switchTo(yes)
                l.b.emit(.object(.arrayPush, defs: [], uses: [result] + item.regs))
                l.b.terminate(.jump(next))
                l.b.switchTo(next)
                l.dispose(item)
            }
            dispose(operands[1])
            dispose(operands[0])
            return Value(result)
        case .arrayReduce:
            let element = elementType(receiverType)
            let accumulator = newRegisters(for: type, owned: true, name: "acc")
            assign(operands[1], to: accumulator)
            try forEachElement(operands[0].reg, element: element) { (l: inout FunctionLowering, _: Reg, item: Value) throws(Lowering.Failure) in
                let next = l.callClosureValue(operands[2], [Value(regs: accumulator, isTemporary: false), item], type: type)
                l.dispose(item)
                l.store(next, into: accumulator, replacing: true)
            }
            dispose(operands[2])
            dispose(operands[0])
            return Value(regs: accumulator)
        case .arrayForEach:
            let element = elementType(receiverType)
            try forEachElement(operands[0].reg, element: element) { (l: inout FunctionLowering, _: Reg, item: Value) throws(Lowering.Failure) in
                let result = l.callClosureValue(operands[1], [item], type: .void)
                l.dispose(result)
                l.dispose(item)
            }
            dispose(operands[1])
            dispose(operands[0])
            return .void
        case .arrayJoin:
            let element = elementType(receiverType)
            if element == .string { return native(.arrayJoinStrings, operands, type: .string) }
            let accumulator = startString("")
            try forEachElement(operands[0].reg, element: element) { (l: inout FunctionLowering, index: Reg, item: Value) throws(Lowering.Failure) in
                let notFirst = l.b.newBlock()
                let next = l.b.newBlock()
                l.b.terminate(.compareBranch(.gtI, index, .imm(0), then: notFirst, else: next))
                l.b.switchTo(notFirst)
                l.appendParts(accumulator, [Value(regs: operands[1].regs, isTemporary: false)])
                l.b.terminate(.jump(next))
                l.b.switchTo(next)
                l.appendParts(accumulator, [try l.printForm(item, type: element)])
            }
            dispose(operands[1])
            dispose(operands[0])
            return Value(accumulator)

        // Dictionaries (§18.2)
        case .dictionaryLength, .dictionaryIsEmpty:
            let length = b.newRegister(.int)
            b.emit(.object(.dictLength, defs: [length], uses: [operands[0].reg]))
            dispose(operands[0])
            return Value(builtin == .dictionaryLength ? length : b.binary(.eqI, length, .imm(0)))
        case .dictionaryHas:
            let result = b.newRegister(.int)
            b.emit(.object(.dictHas, defs: [result], uses: [operands[0].reg, operands[1].reg]))
            dispose(operands[1])
            dispose(operands[0])
            return Value(result)
        case .dictionaryGet:
            guard case .dictionary(_, let valueType) = receiverType else { return nil }
            var (present, found) = dictionaryEntry(operands[0].reg, key: operands[1], value: valueType)
            if present == nil {
                if valueType.isOptional {
                    // A null value and an absent key both read as null: ask whether the key exists.
                    let has = b.newRegister(.int)
                    b.emit(.object(.dictHas, defs: [has], uses: [operands[0].reg, operands[1].reg]))
                    present = has
                } else {
                    let isNull = b.newRegister(.int)
                    b.emit(.refIsNull(isNull, found.reg))
                    present = unary(.not, isNull, .int)
                }
            }
            let result = newRegisters(for: valueType, owned: true)
            let yes = b.newBlock()
            let no = b.newBlock()
            let join = b.newBlock()
            b.terminate(.branch(present!, then: yes, else: no))
            b.switchTo(yes)
            assign(Value(regs: found.regs, isTemporary: false), to: result)
            b.terminate(.jump(join))
            b.switchTo(no)
            assign(operands[2], to: result)
            b.terminate(.jump(join))
            b.switchTo(join)
            dispose(found)
            dispose(operands[1])
            dispose(operands[0])
            return Value(regs: result)
        case .dictionaryRemove:
            guard case .dictionary(_, let valueType) = receiverType else { return nil }
            let result = dictionaryLookup(.dictRemove, operands[0].reg, key: operands[1], value: valueType)
            dispose(operands[1])
            dispose(operands[0])
            return result
        case .dictionaryKeys:
            guard case .dictionary(let key, _) = receiverType else { return nil }
            let keys = dictionaryKeys(operands[0].reg, key: key)
            dispose(operands[0])
            return Value(keys)
        case .dictionaryValues:
            guard case .dictionary(_, let valueType) = receiverType else { return nil }
            let values = dictionaryValues(operands[0].reg, value: valueType)
            dispose(operands[0])
            return Value(values)
        case .dictionaryMerge:
            b.emit(.object(.dictMerge, defs: [], uses: [operands[0].reg, operands[1].reg]))
            dispose(operands[1])
            dispose(operands[0])
            return .void

        // Strings (§19.2) that make arrays
        case .stringChars:
            return native(.stringChars, operands + [Value(b.constInt(Int64(arrayType(.string))))], type: type)
        case .stringSplit:
            return native(.stringSplit, operands + [Value(b.constInt(Int64(arrayType(.string))))], type: type)
        default:
            return nil
        }
    }

    /// The first index of an equal element, or -1: a native for scalar and string elements,
    /// a loop with the type's equality otherwise.
    mutating func indexOf(_ array: Value, _ needle: Value, element: WType) throws(Lowering.Failure) -> Reg {
        let nativeFunction: NativeFunction? = switch element {
        case .int, .enumType: .arrayIndexOfInt
        case .float: .arrayIndexOfFloat
        case .string: .arrayIndexOfString
        case .bool: .arrayIndexOfByte
        default: nil
        }
        if let nativeFunction {
            let result = b.newRegister(.int)
            b.emit(.callNative(nativeFunction, arguments: [array.reg] + needle.regs, results: [result]))
            return result
        }
        let result = b.newRegister(.int)
        b.emit(.constInt(result, -1))
        let done = b.newBlock()
        try forEachElement(array.reg, element: element) { (l: inout FunctionLowering, index: Reg, item: Value) throws(Lowering.Failure) in
            let same = try l.equality(item, Value(regs: needle.regs, isTemporary: false), type: element, negated: false)
            l.dispose(item)
            let found = l.b.newBlock()
            let next = l.b.newBlock()
            l.b.terminate(.branch(same, then: found, else: next))
            l.b.switchTo(found)
            l.b.emit(.move(result, index))
            l.b.terminate(.jump(done))
            l.b.switchTo(next)
        }
        b.terminate(.jump(done))
        b.switchTo(done)
        return result
    }
}
