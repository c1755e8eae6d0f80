import WritSyntax

// MARK: - Dense identifiers
//
// Every table of a `TypedProgram` is an array; these identifiers are indices into them.
// They are assigned once by the checker and never renumbered, so the typed AST can refer
// to functions, classes and globals by plain integers.

/// A concrete function: a top-level function, method, static method, setter, trait default
/// method, lambda, nested function or a module's top-level code (`<main>`). Index into
/// `TypedProgram.functions`.
package struct FunctionID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A concrete class (a generic class instantiation has its own). Index into `TypedProgram.classes`.
package struct ClassID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A concrete struct (a generic struct instantiation has its own). Index into `TypedProgram.structs`.
package struct StructID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// An enum. Index into `TypedProgram.enums`.
package struct EnumID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A trait. Index into `TypedProgram.traits`.
package struct TraitID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A top-level variable or constant of some module. Index into `TypedProgram.globals`.
package struct GlobalID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A local variable of one function (parameters, `self`, block variables, loop variables,
/// pattern bindings, checker temporaries). Index into that function's `TypedFunction.locals`.
package struct LocalID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A module (one source file). Index into `TypedProgram.modules`... order: see `TypedProgram.modules`.
package struct ModuleID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A host function: index into `HostDeclarations.functions`.
package struct HostFunctionID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A host global: index into `HostDeclarations.globals`.
package struct HostGlobalID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A host-owned object type (a generational handle, design.md §5 tier 3): index into
/// `HostDeclarations.types`.
package struct HostTypeID: Hashable, Sendable, Comparable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A type parameter while a generic declaration is checked generically (checker-internal).
package struct TypeParameterID: Hashable, Sendable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
}

/// A generic function, class or struct declaration before instantiation (checker-internal).
package struct TemplateID: Hashable, Sendable {
    package var index: Int
    package init(_ index: Int) { self.index = index }
}

// MARK: - Types

/// A Writ type (language.md §4).
///
/// Representation classes, which lowering uses to lay values out in slots:
/// - scalars in one unboxed slot: `int`, `float`, `bool`, and `enumType` (the case index);
/// - counted references in one slot: `string`, `array`, `dictionary`, `function`,
///   `classType`, `traitType` (a trait value is the same object pointer as the class
///   instance; conversions to a trait are explicit nodes all the same);
/// - host handles: `hostType`;
/// - flattened value types over several slots: `structType`, `tuple`, `optional`
///   (presence flag + payload), `result` (success flag + payload + message).
///
/// `optional` is normalised: build it with `WType.optional(of:)`, which never nests
/// `Optional<Optional<T>>` (§4.1).
///
/// The cases after `hostType` exist only while checking. None of them appears anywhere in
/// the typed AST of a program that checked without errors.
package enum WType: Hashable, Sendable {
    case int
    case float
    case bool
    case string
    /// Only as a function result type.
    case void
    indirect case array(WType)
    indirect case dictionary(WType, WType)
    indirect case optional(WType)
    indirect case result(WType)
    /// Two or more elements.
    case tuple([WType])
    indirect case function([WType], WType)
    case classType(ClassID)
    case structType(StructID)
    case enumType(EnumID)
    case traitType(TraitID)
    case hostType(HostTypeID)

    // Checker-internal forms.

    /// The type of `null` before it meets an expected type.
    case null
    /// The type of `[]` before it meets an expected type.
    case emptyArray
    /// The type of `{}` before it meets an expected type.
    case emptyDictionary
    /// The type of an erroneous expression. Assignable to and from everything, so one
    /// error does not cascade.
    case error
    /// A type parameter during the generic check of a template.
    case typeParameter(TypeParameterID)
    /// A generic class or struct applied to arguments that mention type parameters
    /// (only during the generic check of a template).
    case genericInstance(TemplateID, [WType])

    /// `Optional<t>`, normalised: `Optional<Optional<T>>` is `Optional<T>`.
    package static func optional(of t: WType) -> WType {
        switch t {
        case .optional, .error, .null: t
        default: .optional(t)
        }
    }

    package var isError: Bool { if case .error = self { true } else { false } }
    package var isNumeric: Bool {
        switch self {
        case .int, .float: true
        default: false
        }
    }
    package var isOptional: Bool { if case .optional = self { true } else { false } }

    /// The wrapped type of an `Optional`, or nil.
    package var optionalPayload: WType? { if case .optional(let t) = self { t } else { nil } }

    /// True when the type holds no checker-internal form (no type parameters, no
    /// unresolved literal types, no error).
    package var isConcrete: Bool {
        switch self {
        case .int, .float, .bool, .string, .void, .classType, .structType, .enumType, .traitType, .hostType: true
        case .array(let e), .optional(let e), .result(let e): e.isConcrete
        case .dictionary(let k, let v): k.isConcrete && v.isConcrete
        case .tuple(let es): es.allSatisfy(\.isConcrete)
        case .function(let ps, let r): ps.allSatisfy(\.isConcrete) && r.isConcrete
        case .null, .emptyArray, .emptyDictionary, .error, .typeParameter, .genericInstance: false
        }
    }

    /// True when the type mentions an error anywhere.
    package var containsError: Bool {
        switch self {
        case .error: true
        case .array(let e), .optional(let e), .result(let e): e.containsError
        case .dictionary(let k, let v): k.containsError || v.containsError
        case .tuple(let es): es.contains(where: \.containsError)
        case .function(let ps, let r): ps.contains(where: \.containsError) || r.containsError
        case .genericInstance(_, let args): args.contains(where: \.containsError)
        default: false
        }
    }

    /// True for types whose values are counted heap references (or host handles):
    /// assignment shares the object.
    package var isReference: Bool {
        switch self {
        case .string, .array, .dictionary, .function, .classType, .traitType, .hostType: true
        default: false
        }
    }
}

/// Gives names to the nominal types in a `WType`, for messages and dumps.
package protocol TypeNaming {
    /// The class's name as written in source, with type arguments: `Stack<int>`.
    func className(_ id: ClassID) -> String
    func structName(_ id: StructID) -> String
    func enumName(_ id: EnumID) -> String
    func traitName(_ id: TraitID) -> String
    func hostTypeName(_ id: HostTypeID) -> String
    func typeParameterName(_ id: TypeParameterID) -> String
    func templateName(_ id: TemplateID) -> String
}

extension WType {
    /// The type as written in source code (language.md §26.2): `int`, `Array<string>`,
    /// `Optional<Player>`, `(int) -> bool`, `(int, string)`.
    package func name(_ naming: some TypeNaming) -> String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .bool: "bool"
        case .string: "string"
        case .void: "void"
        case .array(let e): "Array<\(e.name(naming))>"
        case .dictionary(let k, let v): "Dictionary<\(k.name(naming)), \(v.name(naming))>"
        case .optional(let t): "Optional<\(t.name(naming))>"
        case .result(let t): "Result<\(t.name(naming))>"
        case .tuple(let es): "(" + es.map { $0.name(naming) }.joined(separator: ", ") + ")"
        case .function(let ps, let r):
            "(" + ps.map { $0.name(naming) }.joined(separator: ", ") + ") -> " + r.name(naming)
        case .classType(let id): naming.className(id)
        case .structType(let id): naming.structName(id)
        case .enumType(let id): naming.enumName(id)
        case .traitType(let id): naming.traitName(id)
        case .hostType(let id): naming.hostTypeName(id)
        case .null: "null"
        case .emptyArray: "Array"
        case .emptyDictionary: "Dictionary"
        case .error: "<error>"
        case .typeParameter(let id): naming.typeParameterName(id)
        case .genericInstance(let t, let args):
            naming.templateName(t) + "<" + args.map { $0.name(naming) }.joined(separator: ", ") + ">"
        }
    }
}

/// A compile-time constant value: a folded `const` initializer or an enum case's field.
package enum ConstantValue: Hashable, Sendable {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case string(String)
    /// `null`, for an enum field of `Optional` type whose default is `null`.
    case null
}
