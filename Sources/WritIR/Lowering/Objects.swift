import WritSyntax
import WritTypes

/// Class instances: construction, fields, methods, `is`/`as` (language.md §10, §11, §23).
extension FunctionLowering {
    /// The first payload slot of each field of a class (fields flatten to several slots).
    func fieldSlot(_ id: ClassID, _ index: Int) -> Int {
        var slot = 0
        for field in program[id].fields.prefix(index) {
            slot += field.isWeak ? 1 : context.layouts.layout(field.type).count
        }
        return slot
    }

    /// A new object of class `id` with the given field values (in field order; nil for a
    /// field left to its zero value: null, 0 or an absent optional).
    mutating func construct(_ id: ClassID, fields values: [Value?]) -> Value {
        let object = b.newRegister(.owned(nullable: false))
        b.emit(.object(.new(type: context.classType(id)), defs: [object], uses: []))
        let info = program[id]
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            storeField(object, id, index, value: value, weak: info.fields[index].isWeak)
        }
        return Value(object)
    }

    /// Stores a value into a field of an object (consuming owned references).
    mutating func storeField(_ object: Reg, _ id: ClassID, _ index: Int, value: Value, weak: Bool) {
        let base = fieldSlot(id, index)
        if weak {
            b.emit(.object(.setField(slot: base, weak: true), defs: [], uses: [object, value.reg]))
            dispose(value)
            return
        }
        let owned = ownedCopy(value)
        for (offset, reg) in owned.regs.enumerated() {
            b.emit(.object(.setField(slot: base + offset, weak: false), defs: [], uses: [object, reg]))
        }
    }

    /// Reads a field (references counted into owned temporaries).
    mutating func loadField(_ object: Reg, _ id: ClassID, _ index: Int) -> Value {
        let field = program[id].fields[index]
        let base = fieldSlot(id, index)
        if field.isWeak {
            let r = b.newRegister(.owned(nullable: true))
            b.emit(.object(.getField(slot: base, weak: true), defs: [r], uses: [object]))
            return Value(r)
        }
        var regs: [Reg] = []
        for (offset, slot) in context.layouts.layout(field.type).enumerated() {
            let r: Reg
            switch slot {
            case .int: r = b.newRegister(.int)
            case .float: r = b.newRegister(.float)
            case .ref(let nullable): r = b.newRegister(.owned(nullable: nullable))
            }
            b.emit(.object(.getField(slot: base + offset, weak: false), defs: [r], uses: [object]))
            regs.append(r)
        }
        return Value(regs: regs)
    }

    /// `ClassName(args)`: arguments in written order, then the defaults of the fields that
    /// got none (in field order), then the object is made (§10.3).
    mutating func lowerConstructClass(_ id: ClassID, call: TypedCall) throws(Lowering.Failure) -> Value {
        let info = program[id]
        var values = [Value?](repeating: nil, count: info.fields.count)
        for argument in call.arguments {
            values[argument.parameterIndex] = try lowerExpr(argument.value)
        }
        for fieldDefault in call.fieldDefaults {
            values[fieldDefault.fieldIndex] = try lowerExpr(fieldDefault.value)
        }
        return construct(id, fields: values)
    }

    mutating func lowerConstructStruct(_ id: StructID, call: TypedCall) throws(Lowering.Failure) -> Value {
        let info = program[id]
        var values = [Value?](repeating: nil, count: info.fields.count)
        for argument in call.arguments {
            values[argument.parameterIndex] = try lowerExpr(argument.value)
        }
        for fieldDefault in call.fieldDefaults {
            values[fieldDefault.fieldIndex] = try lowerExpr(fieldDefault.value)
        }
        var regs: [Reg] = []
        for (index, value) in values.enumerated() {
            let field = info.fields[index]
            let stored = value ?? nullValue(field.type)
            regs += field.isWeak ? makeWeakBox(stored).regs : ownedCopy(stored).regs
        }
        return Value(regs: regs)
    }

    // MARK: Weak struct fields

    /// A struct's weak field (§23.2) holds an owned reference to an immutable box with one
    /// weak slot: struct values are copied freely (a copy retains the box), so the weak
    /// reference cannot live in the struct's own slots. Assigning the field makes a new box.
    mutating func makeWeakBox(_ value: Value) -> Value {
        let box = b.newRegister(.owned(nullable: true))
        b.emit(.object(.new(type: context.types.weakBoxType()), defs: [box], uses: []))
        b.emit(.object(.setField(slot: 0, weak: true), defs: [], uses: [box, value.reg]))
        dispose(value)
        return Value(box)
    }

    /// The object a weak field's box refers to, or null (an owned temporary).
    mutating func readWeakBox(_ box: Value) -> Value {
        let target = b.newRegister(.owned(nullable: true))
        b.emit(.object(.getField(slot: 0, weak: true), defs: [target], uses: [box.reg]))
        dispose(box)
        return Value(target)
    }

    /// Field `index` of a struct value, read through its box if the field is weak.
    mutating func structFieldValue(_ value: Value, _ id: StructID, index: Int) throws(Lowering.Failure) -> Value {
        let field = try part(of: value, types: program[id].fields.map(\.type), index: index)
        return program[id].fields[index].isWeak ? readWeakBox(field) : field
    }

    /// Whether a virtual call through class `id`'s slot can call `staticTarget` directly
    /// (no descendant overrides the slot).
    func canDevirtualize(_ id: ClassID, slot: Int) -> Bool {
        !context.overriddenSlots.contains(LoweringContext.OverrideKey(classIndex: id.index, slot: slot))
    }

    /// `is` on a reference value (§6.9): the value must be present (an Optional `null` is
    /// false), then the run-time test.
    mutating func typeTest(_ value: Value, operandType: WType, test: TypeTest) -> Reg {
        let result = b.newRegister(.int)
        var object = value.reg
        let isOptional = operandType.isOptional
        if case .always(let answer) = test {
            if isOptional && answer {
                let isNull = b.newRegister(.int)
                b.emit(.refIsNull(isNull, object))
                b.emit(.unary(.not, result, isNull))
            } else {
                b.emit(.constInt(result, answer ? 1 : 0))
            }
            return result
        }
        let join = b.newBlock()
        if isOptional {
            let present = b.newBlock()
            let absent = b.newBlock()
            let isNull = b.newRegister(.int)
            b.emit(.refIsNull(isNull, object))
            b.terminate(.branch(isNull, then: absent, else: present))
            b.switchTo(absent)
            b.emit(.constInt(result, 0))
            b.terminate(.jump(join))
            b.switchTo(present)
            object = value.reg
        }
        switch test {
        case .classInstance(let id):
            b.emit(.object(.instanceOf(type: context.classType(id)), defs: [result], uses: [object]))
        case .traitConformance(let id):
            b.emit(.object(.implements(trait: id.index), defs: [result], uses: [object]))
        case .always:
            break
        }
        b.terminate(.jump(join))
        b.switchTo(join)
        return result
    }

    /// A checked downcast (§6.8): the same reference, after the run-time check.
    mutating func downcast(_ value: Value, to target: CastTarget) -> Value {
        switch target {
        case .classType(let id):
            b.emit(.object(.castClass(type: context.classType(id)), defs: [], uses: [value.reg]))
        case .traitType(let id):
            b.emit(.object(.castTrait(trait: id.index), defs: [], uses: [value.reg]))
        }
        return value
    }
}
