import WritSyntax

// MARK: - Functions

package enum FunctionKind: Sendable, Hashable {
    /// A top-level function.
    case free
    /// A function declared inside another function's body (a closure).
    case nested
    case lambda
    /// An instance method of a class, struct or enum (`self` is parameter 0).
    case method
    case staticMethod
    /// A field setter (§10.6): parameters `self` and the new value. A class setter returns
    /// `void` and `field` is `self`'s stored field. A struct setter returns the field's new
    /// value: its body starts by copying the stored value into a `field` local and returns it.
    case setter
    /// A trait's default method, checked once per trait with `self` of the trait type.
    case traitDefault
    /// A module's top-level code (`<main>`).
    case main
}

/// How a local is captured by closures (§9.2).
package enum CaptureKind: Sendable, Hashable {
    case notCaptured
    /// Captured, and never assigned after its declaration: closures may copy the value.
    case byValue
    /// Captured and assigned somewhere (by the owner or a closure): the variable must live in
    /// a heap box shared by the owner and every closure.
    case byBox
}

package enum LocalKind: Sendable, Hashable {
    case parameter
    /// `self` of a method, setter or trait default (always `LocalID(0)` there).
    case selfParameter
    /// `let`/`var`/`const` in a block.
    case variable
    /// A `for` loop variable (fresh per iteration).
    case loopVariable
    /// Bound by a pattern (`is Dog(d)`, `is Success(v)`, `name if …`).
    case patternBinding
    /// The closure of a nested function declaration.
    case nestedFunction
    /// The `field` local of a struct setter.
    case setterField
    /// A checker temporary (a `when` subject, an optional-chain value, …).
    case temporary
}

package struct LocalInfo: Sendable {
    package var name: String
    package var type: WType
    /// `var` (assignable). Everything else is immutable after its initialisation.
    package var isMutable: Bool
    package var kind: LocalKind
    package var capture: CaptureKind
    package var range: SourceRange
}

/// Where a closure gets one captured variable when it is created, seen from the function
/// that creates it (the closure's `parent`).
package enum CaptureSource: Sendable, Hashable {
    /// A local of the parent function.
    case local(LocalID)
    /// One of the parent's own captures (the variable belongs to a function further out).
    case capture(Int)
    /// The parent's own closure (a nested function named from inside one of its inner closures).
    case parentClosure
}

package struct CaptureInfo: Sendable {
    package var name: String
    package var type: WType
    package var source: CaptureSource
    /// The variable lives in a heap box (its owner's `LocalInfo.capture == .byBox`): the
    /// closure holds the box. Otherwise it holds a copy of the value.
    package var isBoxed: Bool
    /// This capture is the enclosing method's `self`.
    package var isSelf: Bool
}

/// The type whose body declares a method (for `Type.method` in stack traces, §26.3).
package enum DeclaringType: Sendable, Hashable {
    case classType(ClassID)
    case structType(StructID)
    case enumType(EnumID)
    case traitType(TraitID)
}

/// One concrete function.
package struct TypedFunction: Sendable {
    package var id: FunctionID
    /// For stack traces (§26.3): `name`, `Type.method` (the declaring type's base name),
    /// `<lambda>`, `<main>`.
    package var displayName: String
    /// The name as declared (`method`, `<lambda>`, `<main>`).
    package var name: String
    package var kind: FunctionKind
    /// All parameters in order; for methods, setters and trait defaults `self` comes
    /// first. A variadic parameter is an `Array<T>` local.
    package var parameters: [LocalID]
    /// The type of each parameter, `self` included.
    package var parameterTypes: [WType]
    package var resultType: WType
    package var isVariadic: Bool
    /// Contains `yield` (§22.1).
    package var isCoroutine: Bool
    package var body: [TypedStmt]
    package var locals: [LocalInfo]
    /// Lambdas and nested functions only, in a fixed order: `.capture(i)` reads entry `i`.
    package var captures: [CaptureInfo]
    /// The lexically enclosing function (lambdas and nested functions).
    package var parent: FunctionID?
    package var declaringType: DeclaringType?
    package var module: ModuleID
    package var range: SourceRange
    /// Type arguments of a generic function instance (for dumps), empty otherwise.
    package var typeArguments: [WType]
}

// MARK: - Types

package struct TypedField: Sendable {
    package var name: String
    package var type: WType
    package var isPublic: Bool
    package var isWeak: Bool
    /// The field has a default expression. The expression itself is checked at every
    /// constructor call that needs it (`TypedCall.fieldDefaults`).
    package var hasDefault: Bool
    /// A `set(v) { … }` setter (§10.6).
    package var setter: FunctionID?
    /// The class whose body declares the field (classes only).
    package var declaringClass: ClassID?
    package var range: SourceRange
}

/// One virtual method slot.
package struct VTableSlot: Sendable {
    package var name: String
    /// The implementation this class runs. If its `declaringType` is a trait (an inherited
    /// default), the function's `self` is a trait value: pass the receiver as is.
    package var function: FunctionID
}

package struct TypedClass: Sendable {
    package var id: ClassID
    /// Base name (`Stack`), used by the print form `<Stack>` (§20.2).
    package var name: String
    /// Name with type arguments (`Stack<int>`), for messages and dumps.
    package var displayName: String
    package var module: ModuleID
    package var range: SourceRange
    package var superclass: ClassID?
    /// Layout order: ancestors' fields first (a prefix of this array is the superclass's
    /// `fields`), then this class's own fields in declaration order. The constructor takes
    /// them in this order (§10.3).
    package var fields: [TypedField]
    /// Instance methods. An override keeps the slot of the method it overrides; a subclass's
    /// vtable starts with its superclass's slots.
    package var vtable: [VTableSlot]
    /// Static methods by name.
    package var staticMethods: [String: FunctionID]
    /// Every trait this class implements (declared with `with` by it or an ancestor), each
    /// with its methods' implementations in the trait's method order.
    package var traitTables: [TraitID: [FunctionID]]
    /// The `toString() -> string` used for the print form (own, inherited, or a trait
    /// default), or nil for `<Name>`.
    package var toString: FunctionID?
    package var isGenericInstance: Bool
    package var typeArguments: [WType]
}

package struct TypedStruct: Sendable {
    package var id: StructID
    /// Base name, used by the print form `Name(field: value, …)`.
    package var name: String
    package var displayName: String
    package var module: ModuleID
    package var range: SourceRange
    /// Declaration order = constructor order = print order.
    package var fields: [TypedField]
    /// Instance methods by name (called with `.directMethod`, `self` by value).
    package var methods: [String: FunctionID]
    package var staticMethods: [String: FunctionID]
    package var toString: FunctionID?
    package var isGenericInstance: Bool
    package var typeArguments: [WType]
}

package struct TypedEnumCase: Sendable {
    package var name: String
    /// One constant per enum field, in field order (defaults filled in).
    package var values: [ConstantValue]
}

package struct TypedEnum: Sendable {
    package var id: EnumID
    package var name: String
    package var module: ModuleID
    package var range: SourceRange
    /// Index = the case's run-time value.
    package var cases: [TypedEnumCase]
    /// The (read-only) fields; their values per case are in `cases`.
    package var fields: [TypedField]
    package var methods: [String: FunctionID]
    package var staticMethods: [String: FunctionID]
    package var toString: FunctionID?
}

package struct TypedTraitMethod: Sendable {
    package var name: String
    /// Parameter types, not counting `self`.
    package var parameterTypes: [WType]
    package var resultType: WType
    /// The default implementation (`self` is the trait type), or nil for a required method.
    package var defaultImplementation: FunctionID?
}

package struct TypedTrait: Sendable {
    package var id: TraitID
    package var name: String
    package var module: ModuleID
    package var range: SourceRange
    /// In declaration order; `traitMethod` call targets index this array.
    package var methods: [TypedTraitMethod]
    /// The trait's own default `toString` (informational: printing a trait value uses the
    /// run-time class's `TypedClass.toString`).
    package var toString: FunctionID?
}

// MARK: - Globals and modules

package struct TypedGlobal: Sendable {
    package var id: GlobalID
    package var name: String
    package var type: WType
    package var module: ModuleID
    package var isMutable: Bool
    /// The folded value of a `const` (its reads are literals; no storage is needed).
    package var constant: ConstantValue?
    package var isExported: Bool
    /// Read or written from inside some function, lambda, method or field default (not
    /// only by its module's top-level statements). A global that is not may live in a
    /// register of its module's `<main>`.
    package var isReferencedFromFunctions: Bool
    /// A read from a function needs the run-time check `variable 'x' used before
    /// initialization` (§3.2). False when the checker proved that no function can run
    /// before the declaration executes (or no function reads it).
    package var needsInitializationCheck: Bool
    package var range: SourceRange
}

package struct TypedModule: Sendable {
    package var id: ModuleID
    /// The path as given (entry) or as resolved from the importer (imports).
    package var path: String
    package var file: FileID
    /// The top-level code, kind `.main`, display name `<main>`. Its result type is `void`
    /// when no top-level `return` has a value, else `Optional<T>` (values are wrapped;
    /// a bare `return` or falling off the end yields `null`).
    package var main: FunctionID
    /// This module's top-level variables and constants, in declaration order.
    package var globals: [GlobalID]
    /// Imported modules in import order (already initialised before this one runs).
    package var imports: [ModuleID]
}

/// The checked program: everything lowering needs.
package struct TypedProgram: Sendable {
    /// In initialisation order (§21.4): every module after the modules it imports; the
    /// entry module last. `ModuleID.index` is the position in this array.
    package var modules: [TypedModule]
    package var functions: [TypedFunction]
    package var classes: [TypedClass]
    package var structs: [TypedStruct]
    package var enums: [TypedEnum]
    package var traits: [TypedTrait]
    package var globals: [TypedGlobal]
    /// Source files by `FileID.rawValue`.
    package var files: [SourceFile]
    /// The host declarations the program was checked against.
    package var host: HostDeclarations

    package var entryModule: ModuleID { ModuleID(modules.count - 1) }

    package subscript(_ id: FunctionID) -> TypedFunction { functions[id.index] }
    package subscript(_ id: ClassID) -> TypedClass { classes[id.index] }
    package subscript(_ id: StructID) -> TypedStruct { structs[id.index] }
    package subscript(_ id: EnumID) -> TypedEnum { enums[id.index] }
    package subscript(_ id: TraitID) -> TypedTrait { traits[id.index] }
    package subscript(_ id: GlobalID) -> TypedGlobal { globals[id.index] }
}

extension TypedProgram: TypeNaming {
    package func className(_ id: ClassID) -> String { classes[id.index].displayName }
    package func structName(_ id: StructID) -> String { structs[id.index].displayName }
    package func enumName(_ id: EnumID) -> String { enums[id.index].name }
    package func traitName(_ id: TraitID) -> String { traits[id.index].name }
    package func hostTypeName(_ id: HostTypeID) -> String { host.types[id.index].name }
    package func typeParameterName(_ id: TypeParameterID) -> String { "T\(id.index)" }
    package func templateName(_ id: TemplateID) -> String { "<template \(id.index)>" }

    /// A type as written in source.
    package func typeName(_ type: WType) -> String { type.name(self) }
}
