import WritBytecode
import WritTypes

/// The heap object types of a program (see WritBytecode/TypeDescriptor.swift), built as
/// lowering meets them: one per class, and one per distinct layout of array element,
/// dictionary value, box and closure capture list.
struct TypeTable {
    private(set) var descriptors: [TypeDescriptor] = [.string]
    private var classTypes: [Int: Int] = [:]
    private var arrayTypes: [[TypeDescriptor.Slot]: Int] = [:]
    private var byteArrayType: Int?
    private var dictionaryTypes: [DictionaryKey: Int] = [:]
    private var boxTypes: [[TypeDescriptor.Slot]: Int] = [:]
    private var closureTypes: [Int: Int] = [:]

    struct DictionaryKey: Hashable {
        var keyIsString: Bool
        var value: [TypeDescriptor.Slot]
    }

    static func slots(_ layout: [LayoutSlot]) -> [TypeDescriptor.Slot] {
        layout.map { $0.isReference ? .strong : .scalar }
    }

    /// The type of class `id` (its instances), created with its superclass first.
    mutating func classType(_ id: ClassID, program: TypedProgram, layouts: inout Layouts,
                            functionIndex: (FunctionID) -> Int) -> Int
    {
        if let existing = classTypes[id.index] { return existing }
        let info = program[id]
        let superclass = info.superclass.map { classType($0, program: program, layouts: &layouts, functionIndex: functionIndex) }
        var slots: [TypeDescriptor.Slot] = []
        for field in info.fields {
            if field.isWeak {
                slots.append(.weak)
            } else {
                slots += Self.slots(layouts.layout(field.type))
            }
        }
        var traitTables: [Int: [Int]] = [:]
        for (trait, functions) in info.traitTables { traitTables[trait.index] = functions.map(functionIndex) }
        let descriptor = TypeDescriptor(kind: .instance, name: info.name, slots: slots, superclass: superclass,
                                        vtable: info.vtable.map { functionIndex($0.function) }, traitTables: traitTables)
        descriptors.append(descriptor)
        classTypes[id.index] = descriptors.count - 1
        return descriptors.count - 1
    }

    /// An array of elements with this layout (`bool` elements are bytes).
    mutating func arrayType(element: WType, layouts: inout Layouts) -> Int {
        if element == .bool {
            if let existing = byteArrayType { return existing }
            descriptors.append(TypeDescriptor(kind: .array, name: "Array", slots: [.scalar], byteElements: true))
            byteArrayType = descriptors.count - 1
            return descriptors.count - 1
        }
        let slots = Self.slots(layouts.layout(element))
        if let existing = arrayTypes[slots] { return existing }
        descriptors.append(TypeDescriptor(kind: .array, name: "Array", slots: slots))
        arrayTypes[slots] = descriptors.count - 1
        return descriptors.count - 1
    }

    mutating func dictionaryType(key: WType, value: WType, layouts: inout Layouts) -> Int {
        let signature = DictionaryKey(keyIsString: key == .string, value: Self.slots(layouts.layout(value)))
        if let existing = dictionaryTypes[signature] { return existing }
        descriptors.append(TypeDescriptor(kind: .dictionary, name: "Dictionary", slots: signature.value,
                                          keyIsString: signature.keyIsString))
        dictionaryTypes[signature] = descriptors.count - 1
        return descriptors.count - 1
    }

    /// The box behind a struct's weak field: one weak slot (see `FunctionLowering.makeWeakBox`).
    mutating func weakBoxType() -> Int {
        if let existing = boxTypes[[.weak]] { return existing }
        descriptors.append(TypeDescriptor(kind: .box, name: "weak", slots: [.weak]))
        boxTypes[[.weak]] = descriptors.count - 1
        return descriptors.count - 1
    }

    /// A box holding a variable of this type.
    mutating func boxType(_ type: WType, layouts: inout Layouts) -> Int {
        let slots = Self.slots(layouts.layout(type))
        if let existing = boxTypes[slots] { return existing }
        descriptors.append(TypeDescriptor(kind: .box, name: "box", slots: slots))
        boxTypes[slots] = descriptors.count - 1
        return descriptors.count - 1
    }

    /// The closure type of IR function `function` whose captures have these slots.
    mutating func closureType(function: Int, captures: [TypeDescriptor.Slot]) -> Int {
        if let existing = closureTypes[function] { return existing }
        descriptors.append(TypeDescriptor(kind: .closure, name: "closure", slots: captures, function: function))
        closureTypes[function] = descriptors.count - 1
        return descriptors.count - 1
    }
}
