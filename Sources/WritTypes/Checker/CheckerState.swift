import WritSyntax

/// What a top-level name of a module stands for.
enum Entity: Hashable {
    case function(FunctionID)
    case genericFunction(TemplateID)
    case classType(ClassID)
    case genericClass(TemplateID)
    case structType(StructID)
    case genericStruct(TemplateID)
    case enumType(EnumID)
    case traitType(TraitID)
    case global(GlobalID)
    case namespace(ModuleID)
    /// A name imported from a module that could not be loaded (or that does not export
    /// it): its uses are erroneous but silent (the import was reported).
    case unresolved
}

struct ScopeEntry {
    var entity: Entity
    var isImported: Bool
    var isExported: Bool
    var range: SourceRange
}

/// One module (a class: looked up on every name resolution).
final class ModuleState {
    var id: ModuleID
    var path: String
    var file: SourceFile
    var syntax: SourceFileSyntax
    var scope: [String: ScopeEntry] = [:]
    var imports: [ModuleID] = []
    /// Import declarations with the module each names (nil when not found).
    var importTargets: [(ImportDecl, ModuleID?)] = []
    var main = FunctionID(0)
    var globals: [GlobalID] = []
    /// The globals each top-level item declares, by item index.
    var itemGlobals: [[GlobalID]] = []

    init(id: ModuleID, path: String, file: SourceFile, syntax: SourceFileSyntax) {
        self.id = id
        self.path = path
        self.file = file
        self.syntax = syntax
    }
}

/// A parameter list and result.
struct Signature: Hashable {
    var parameterNames: [String]
    var parameterTypes: [WType]
    var result: WType
    var isVariadic: Bool

    var functionType: WType { .function(parameterTypes, result) }
    /// Same parameter and result types (names do not matter, §10.7).
    func sameTypes(as other: Signature) -> Bool {
        parameterTypes == other.parameterTypes && result == other.result && isVariadic == other.isVariadic
    }
}

/// The type whose body encloses some code.
enum TypeContextRef: Hashable {
    case classRef(ClassID)
    case structRef(StructID)
    case enumRef(EnumID)
    case traitRef(TraitID)
}

/// Everything needed to check a body later.
struct BodyEnvironment {
    var module: ModuleID
    /// Type parameter names in scope, with what they stand for.
    var typeEnv: [String: WType]
    var typeContext: TypeContextRef?
    /// Checking a template generically: output is discarded, new functions are scratch.
    var isTemplateCheck: Bool
    var instantiationDepth: Int
}

enum PendingBody {
    case function(FuncDecl, BodyEnvironment)
    case setter(FieldDecl, Setter, fieldIndex: Int, BodyEnvironment)
}

/// A function being built (a class: it is looked up far more often than changed).
final class FunctionState {
    var typed: TypedFunction
    var signature: Signature
    var pending: PendingBody?
    var template: TemplateID?
    /// For each capture, the variable it ultimately refers to (box flags are set at the end).
    var captureRoots: [CaptureRoot?] = []

    init(typed: TypedFunction, signature: Signature, pending: PendingBody?, template: TemplateID?) {
        self.typed = typed
        self.signature = signature
        self.pending = pending
        self.template = template
    }
}

struct CaptureRoot {
    var function: FunctionID
    var local: LocalID
}

struct FieldState {
    var name: String
    var type: WType
    var isPublic: Bool
    var isWeak: Bool
    var defaultValue: Expr?
    var setter: FunctionID?
    var declaringClass: ClassID?
    /// The type that declared the field (for `'x' is private to 'T'`).
    var owner: TypeContextRef
    var ownerName: String
    var range: SourceRange
    var decl: FieldDecl?
}

/// A method or static method of a class, struct or enum.
struct MemberFunction {
    var name: String
    /// Nil for a generic method (see `template`).
    var function: FunctionID?
    var template: TemplateID?
    var signature: Signature
    var isPublic: Bool
    var isStatic: Bool
    var isCoroutine: Bool
    var owner: TypeContextRef
    var ownerName: String
    var range: SourceRange
}

/// A class's vtable slot while checking.
struct SlotState {
    var name: String
    var function: FunctionID
    var signature: Signature
    var isPublic: Bool
    var isCoroutine: Bool
    var owner: TypeContextRef
    var ownerName: String
}

/// A class or a struct (they share their grammar and most rules). A class type: looked up
/// far more often than changed.
final class TypeState {
    var kind: TypeDecl.Kind
    var name: String
    var displayName: String
    var decl: TypeDecl
    var module: ModuleID
    var template: TemplateID?
    var typeArguments: [WType]
    var typeEnv: [String: WType]
    var isScratch: Bool
    var instantiationDepth: Int
    /// Identity of the declaration (shared by all instances of a template), for privacy.
    var declKey: DeclKey

    var headerState = Progress.notStarted
    /// Its `extends` or `with` failed to resolve: missing members are not reported (they
    /// may be inherited from what could not be resolved).
    var isIncomplete = false
    var superclass: ClassID?
    var declaredTraits: [TraitID] = []
    var allTraits: [TraitID] = []

    var membersState = Progress.notStarted
    var fields: [FieldState] = []
    var fieldIndex: [String: Int] = [:]
    var methods: [String: MemberFunction] = [:]
    var staticMethods: [String: MemberFunction] = [:]

    var layoutState = Progress.notStarted
    var vtable: [SlotState] = []
    var slotIndex: [String: Int] = [:]
    var traitTables: [TraitID: [FunctionID]] = [:]
    var toString: FunctionID?

    init(kind: TypeDecl.Kind, name: String, displayName: String, decl: TypeDecl, module: ModuleID, template: TemplateID?,
         typeArguments: [WType], typeEnv: [String: WType], isScratch: Bool, instantiationDepth: Int, declKey: DeclKey) {
        self.kind = kind
        self.name = name
        self.displayName = displayName
        self.decl = decl
        self.module = module
        self.template = template
        self.typeArguments = typeArguments
        self.typeEnv = typeEnv
        self.isScratch = isScratch
        self.instantiationDepth = instantiationDepth
        self.declKey = declKey
    }
}

enum Progress { case notStarted, inProgress, done }

struct DeclKey: Hashable {
    var module: ModuleID
    var node: NodeID
}

final class EnumState {
    var id: EnumID
    var name: String
    var decl: EnumDecl
    var module: ModuleID
    var caseIndex: [String: Int] = [:]
    var caseNames: [String] = []
    var fields: [FieldState] = []
    var fieldIndex: [String: Int] = [:]
    var methods: [String: MemberFunction] = [:]
    var staticMethods: [String: MemberFunction] = [:]
    var caseValues: [[ConstantValue]] = []
    var toString: FunctionID?
    var declKey: DeclKey

    init(id: EnumID, name: String, decl: EnumDecl, module: ModuleID, declKey: DeclKey) {
        self.id = id
        self.name = name
        self.decl = decl
        self.module = module
        self.declKey = declKey
    }
}

struct TraitMethodState {
    var name: String
    var signature: Signature
    var defaultFunction: FunctionID?
    var isCoroutine: Bool
    var range: SourceRange
}

final class TraitState {
    var id: TraitID
    var name: String
    var decl: TraitDecl
    var module: ModuleID
    var methods: [TraitMethodState] = []
    var methodIndex: [String: Int] = [:]
    var membersState = Progress.notStarted

    init(id: TraitID, name: String, decl: TraitDecl, module: ModuleID) {
        self.id = id
        self.name = name
        self.decl = decl
        self.module = module
    }
}

final class GlobalState {
    var info: TypedGlobal
    var decl: VarDecl
    /// Index of the top-level item that declares it (visibility from top-level code).
    var itemIndex: Int
    var typeState = Progress.notStarted
    var kind: VarKind

    init(info: TypedGlobal, decl: VarDecl, itemIndex: Int, kind: VarKind) {
        self.info = info
        self.decl = decl
        self.itemIndex = itemIndex
        self.kind = kind
    }
}

struct TemplateState {
    enum Kind {
        case function(FuncDecl)
        case classType(TypeDecl)
        case structType(TypeDecl)
    }
    var kind: Kind
    var name: String
    var module: ModuleID
    var typeParameters: [TypeParameterID]
    var parameterNames: [String]
    /// Type parameters of the enclosing type (generic methods).
    var outerEnv: [String: WType]
    var outerContext: TypeContextRef?
    var isStaticMethod: Bool
    var constraintsResolved = false
    var instances: [[WType]: Int] = [:]
    var checkState = Progress.notStarted
    var hadErrors = false
    var declKey: DeclKey
    var range: SourceRange
    var ownerName: String?
}

struct TypeParameterState {
    var name: String
    var constraints: [TraitID] = []
    var constraintNames: [String] = []
}

/// Identifies a variable for narrowing (§15.3).
enum NarrowKey: Hashable {
    case binding(Int)
    case global(GlobalID)
}

enum BindingKind {
    case variable
    case parameter
    case selfParameter
    case loopVariable
    case patternBinding
    case nestedFunction(FunctionID)
    case constant(ConstantValue)
    case setterField
    case temporary
}

/// A local name in scope.
struct Binding {
    var name: String
    var owner: FunctionContext
    var local: LocalID
    var type: WType
    var isMutable: Bool
    var kind: BindingKind
    var scopeDepth: Int
    var range: SourceRange
    /// The binding of the same name this one hides (restored when its scope ends).
    var shadowed: Int?
}

/// The state of one function body being checked.
final class FunctionContext {
    let functionID: FunctionID
    let kind: FunctionKind
    var env: BodyEnvironment
    var locals: [LocalInfo] = []
    var localCaptured: [Bool] = []
    var localAssigned: [Bool] = []
    var captures: [CaptureInfo] = []
    /// For each capture, the variable it ultimately refers to (for box flags at the end).
    var captureRoots: [CaptureRoot?] = []
    var captureIndex: [CaptureKey: Int] = [:]
    /// The declared result type, or nil while a lambda infers it.
    var resultType: WType?
    var inferredReturns: [TypedExpr] = []
    var isCoroutine: Bool
    let isLambda: Bool
    var selfBinding: Int?
    var selfType: WType?
    var loopDepth = 0
    /// The `field` local of a setter.
    var setterField: (fieldIndex: Int, local: LocalID?)?
    /// Names read inside closures of this body (syntactic; vars named here are not narrowed),
    /// computed on first use from `closureScanSource`.
    var namesUsedInClosures: Set<String>?
    var closureScanSource: ClosureScanSource = .none
    /// Index in `Checker.contexts`.
    var depthIndex = 0
    /// Lambda: the expected result type (from an expected function type).
    var expectedResult: WType?
    let isScratch: Bool
    /// Checking an instance whose template already reported its errors.
    var isScratchInstance = false

    init(functionID: FunctionID, kind: FunctionKind, env: BodyEnvironment, resultType: WType?, isCoroutine: Bool,
         isLambda: Bool) {
        self.functionID = functionID
        self.kind = kind
        self.env = env
        self.resultType = resultType
        self.isCoroutine = isCoroutine
        self.isLambda = isLambda
        self.isScratch = env.isTemplateCheck
    }

    func addLocal(_ name: String, _ type: WType, mutable: Bool, kind: LocalKind, range: SourceRange) -> LocalID {
        locals.append(LocalInfo(name: name, type: type, isMutable: mutable, kind: kind, capture: .notCaptured, range: range))
        localCaptured.append(false)
        localAssigned.append(false)
        return LocalID(locals.count - 1)
    }
}

enum CaptureKey: Hashable {
    case binding(Int)
    case parentClosure
}

struct DeclSite: Hashable {
    var module: ModuleID
    var item: Int
}

/// What a function context scans (lazily) for names used in closures.
enum ClosureScanSource {
    case none
    case statements([Stmt])
    case expr(Expr)
}
