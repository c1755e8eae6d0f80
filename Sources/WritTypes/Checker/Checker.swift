import WritSyntax

/// The Writ type checker: turns parsed modules into a `TypedProgram` (language.md, whole).
///
/// How it works, in phases (each a method of this class, in `run()`):
/// 1. **Load**: parse the entry file and, depth first, every module it imports
///    (`ModuleLoader`); detect `circular import`; number modules in initialisation order.
/// 2. **Declare**: put every top-level name of every module in its module scope (hoisting,
///    §3.2); give non-generic functions, classes, structs, enums, traits and globals their
///    IDs; generic declarations become *templates*. Then resolve imports.
/// 3. **Headers, members, layouts**: superclasses and traits (cycles are errors), then field
///    types and method signatures, then vtables and trait tables.
/// 4. **Top-level code**: each module's statements, in initialisation order, as its
///    `<main>` function. A global's type is known once its declaration is checked; a
///    closure that reads a later global infers that global's initializer on demand.
/// 5. **Bodies**: every function and method body; every template once *generically*
///    (type parameters are opaque types that only allow what their constraints allow;
///    the typed output is discarded); field defaults and enum case constants.
/// 6. **Instances** (monomorphisation, §20.2): a worklist of the bodies of generic
///    function and class instances, each checked again with concrete type arguments.
///    Instantiation that keeps growing stops at `CheckerLimits.maxInstantiationDepth`.
/// 7. **Finish**: capture boxing, global flags, output tables.
///
/// Conventions: an erroneous expression gets type `.error`, which is assignable to and
/// from everything and has every member, so one mistake gives one message. Diagnostics are
/// sorted by module initialisation order and position at the end.
final class Checker {
    let loader: any ModuleLoader
    let host: HostDeclarations
    /// NodeIDs stay unique across the files of a program.
    var nextNodeID: UInt32 = 0

    // MARK: Output tables (real entities)
    var files: [SourceFile] = []
    var modules: [ModuleState] = []
    var functions: [FunctionState] = []
    var classes: [TypeState] = []
    var structs: [TypeState] = []
    var enums: [EnumState] = []
    var traits: [TraitState] = []
    var globals: [GlobalState] = []

    // MARK: Checking-only tables
    /// Functions, classes and structs created while checking templates generically; their
    /// IDs start at `scratchBase`. Nothing in the output refers to them.
    var scratchFunctions: [FunctionState] = []
    var scratchClasses: [TypeState] = []
    var scratchStructs: [TypeState] = []
    static let scratchBase = 1 << 40
    var templates: [TemplateState] = []
    var typeParameters: [TypeParameterState] = []

    /// Bodies still to check (instances created while checking other bodies).
    var worklist: [FunctionID] = []
    /// True once headers, members and layouts of all declared types are done: from then on
    /// a new generic instance is completed as soon as it is created.
    var declarationsComplete = false
    var pendingLayouts: [ClassID] = []
    var pendingStructChecks: [StructID] = []

    // MARK: Diagnostics
    var diagnostics: [Diagnostic] = []
    var reported: Set<DiagnosticKey> = []
    /// Nonzero while checking something whose diagnostics were already reported (a field
    /// default re-checked at a constructor call site).
    var silence = 0

    // MARK: Body checking state
    var contexts: [FunctionContext] = []
    var bindings: [Binding] = []
    /// Each visible local name → its innermost binding (which records the one it shadows).
    var scopeNames: [String: Int] = [:]
    /// The bindings declared in each open scope.
    var scopeStack: [[Int]] = []
    var narrowed: [NarrowKey: WType] = [:]
    var depth = 0
    /// How deep in a chain of generic instantiations the current work is.
    var instantiationDepth = 0
    /// Top-level code: the item being checked (globals declared at or after it are not
    /// visible to it, §3.2), and the statements of the module.
    var currentTopLevelItem = Int.max
    var topLevelItemIndices: [Int] = []
    var currentTopLevelStatements: [Stmt] = []
    var currentTopLevelPosition = 0
    /// Global declarations whose initializer was checked on demand (a closure read the
    /// global before top-level code reached it).
    var onDemandDecls: [DeclSite: TypedStmt] = [:]
    /// The globals each top-level declaration declares.
    func globalsOfItem(_ module: ModuleID, _ item: Int) -> [GlobalID] {
        let table = modules[module.index].itemGlobals
        return item < table.count ? table[item] : []
    }
    /// Nonzero while checking a field default expression (function-like code).
    var fieldDefaultDepth = 0
    var reportedNestingLimit = false
    var templateSignatures: [TemplateID: Signature] = [:]
    /// `containsYield` answers, by body range.
    var coroutineBodies: [SourceRange: Bool] = [:]

    init(loader: any ModuleLoader, host: HostDeclarations) {
        self.loader = loader
        self.host = host
    }

    func parse(_ file: SourceFile) -> (SourceFileSyntax, [Diagnostic]) {
        let result = Parser.parse(file, firstNodeID: nextNodeID)
        nextNodeID = result.nextNodeID
        return (result.syntax, result.diagnostics)
    }

    /// Checks the program whose entry file is `entry`.
    func run(entry: SourceFile) -> TypedProgram? {
        loadModules(entry: entry)
        if modules.isEmpty { return nil }
        declareAll()
        resolveImports()
        resolveTypeDeclarations()
        checkTopLevelCode()
        checkBodies()
        drainWorklist()
        return finish()
    }

    // MARK: Diagnostics

    struct DiagnosticKey: Hashable {
        var message: String
        var range: SourceRange
    }

    func report(_ message: CheckerMessage, at range: SourceRange, help: [String] = []) {
        if silence > 0 { return }
        if let ctx = contexts.last, ctx.isScratchInstance { return }
        let key = DiagnosticKey(message: message.text, range: range)
        if !reported.insert(key).inserted { return }
        diagnostics.append(.error(message.text, at: range, help: help))
    }

    /// `report` with the "did you mean" help of §26.1.
    func report(_ message: CheckerMessage, at range: SourceRange, name: String, candidates: some Sequence<String>) {
        if silence > 0 { return }
        if let s = suggestion(for: name, among: candidates) {
            report(message, at: range, help: ["did you mean '\(s)'?"])
        } else {
            report(message, at: range)
        }
    }

    /// Diagnostics in source order of modules in initialisation order (§26.1).
    func sortedDiagnostics() -> [Diagnostic] {
        var fileOrder: [FileID: Int] = [:]
        for m in modules { fileOrder[m.file.id] = m.id.index }
        return diagnostics.enumerated().sorted { a, b in
            let fa = fileOrder[a.element.range.file] ?? Int.max
            let fb = fileOrder[b.element.range.file] ?? Int.max
            if fa != fb { return fa < fb }
            if a.element.range.start != b.element.range.start { return a.element.range.start < b.element.range.start }
            return a.offset < b.offset
        }.map(\.element)
    }

    var hasErrors: Bool { !diagnostics.isEmpty }
}

// MARK: - Entry point

/// The type checker's entry point.
package enum TypeChecker {
    /// The result of checking a program.
    package struct Output: Sendable {
        /// Nil when there is any error.
        package var program: TypedProgram?
        /// In source order (imported modules first, §26.1), parse errors included.
        package var diagnostics: [Diagnostic]
        /// Every file read (for rendering diagnostics): index = `FileID.rawValue`.
        package var files: [SourceFile]
    }

    /// Checks the program whose entry file is `entry`: parses it and every module it imports
    /// (through `loader`), type-checks everything, and returns the typed program, or nil when
    /// there is any error.
    ///
    /// The checker recurses over syntax trees whose height the parser bounds; it runs on a
    /// thread of its own with a stack of `CheckerLimits.stackSize`, so the caller's stack
    /// size does not matter.
    package static func check(entry: SourceFile, loader: any ModuleLoader = NoModuleLoader(),
                              host: HostDeclarations = HostDeclarations()) -> Output {
        runOnLargeStack(stackSize: CheckerLimits.stackSize) {
            checkOnCurrentStack(entry: entry, loader: loader, host: host)
        }
    }

    /// `check` on the caller's stack, which must be deep enough.
    package static func checkOnCurrentStack(entry: SourceFile, loader: any ModuleLoader, host: HostDeclarations) -> Output {
        let checker = Checker(loader: loader, host: host)
        let program = checker.run(entry: entry)
        let diagnostics = checker.sortedDiagnostics()
        let failed = diagnostics.contains { $0.severity == .error }
        let output = Output(program: failed ? nil : program, diagnostics: diagnostics, files: checker.files)
        // The syntax trees and the checker's tables take about a fifth of the checking time to
        // free; the caller does not need to wait for that.
        Task.detached(priority: .background) { withExtendedLifetime(checker) {} }
        return output
    }

    /// Checks one source text with no imports available (tests, `writ check` of one file).
    package static func check(source: String, path: String = "main.writ", host: HostDeclarations = HostDeclarations()) -> Output {
        check(entry: SourceFile(path: path, text: source), loader: NoModuleLoader(), host: host)
    }
}
