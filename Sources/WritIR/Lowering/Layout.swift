import WritTypes

/// How a value of a type occupies registers (and slots): lowering flattens every value type
/// into a list of these, in order.
///
/// - `int`, `bool`, enum cases and host handles: one int register;
/// - `float`: one float register;
/// - `string`, arrays, dictionaries, functions, class instances, trait values: one reference
///   register;
/// - `Optional<T>` of a reference type: that reference, nullable (null is absent);
/// - `Optional<T>` of anything else: a presence flag (int) followed by `T`'s registers;
/// - `Result<T>`: a success flag, `T`'s registers, then the error message (a nullable
///   string reference);
/// - tuples and structs: their elements' or fields' registers in order.
/// Inside an optional or a result, references are nullable: they are null whenever the part
/// they belong to is absent, so releasing them needs no knowledge of the flag.
package enum LayoutSlot: Hashable, Sendable {
    case int
    case float
    case ref(nullable: Bool)

    package var isReference: Bool { if case .ref = self { true } else { false } }
}

package struct Layouts {
    let program: TypedProgram
    private var cache: [WType: [LayoutSlot]] = [:]

    package init(program: TypedProgram) { self.program = program }

    package mutating func layout(_ type: WType) -> [LayoutSlot] {
        if let cached = cache[type] { return cached }
        let computed = compute(type, nullable: false)
        cache[type] = computed
        return computed
    }

    private mutating func compute(_ type: WType, nullable: Bool) -> [LayoutSlot] {
        switch type {
        case .int, .bool, .enumType, .hostType: return [.int]
        case .float: return [.float]
        case .void: return []
        case .string, .array, .dictionary, .function, .classType, .traitType: return [.ref(nullable: nullable)]
        case .optional(let payload):
            if payload.isReference { return [.ref(nullable: true)] }
            return [.int] + compute(payload, nullable: true)
        case .result(let payload):
            return [.int] + compute(payload, nullable: true) + [.ref(nullable: true)]
        case .tuple(let elements):
            return elements.flatMap { compute($0, nullable: nullable) }
        case .structType(let id):
            return program[id].fields.flatMap { compute($0.type, nullable: nullable) }
        case .null, .emptyArray, .emptyDictionary, .error, .typeParameter, .genericInstance:
            preconditionFailure("checker-internal type \(type) reached lowering")
        }
    }

    /// Whether values of the type are a single nullable reference when optional.
    package static func isReferenceOptional(_ type: WType) -> Bool {
        if case .optional(let payload) = type { return payload.isReference }
        return false
    }
}
