import WritBytecode
import WritSyntax
import WritTypes

/// A value lowering computed: its registers, in layout order.
///
/// `isTemporary` says who owns the owned registers in it: a temporary's owned registers
/// belong to whoever asked for the value, who must consume them (store, return) or release
/// them (`dispose`). A non-temporary value is a view of a variable's registers: reading it
/// takes nothing, keeping it needs a retain.
struct Value {
    var regs: [Reg]
    var isTemporary: Bool

    static let void = Value(regs: [], isTemporary: true)

    init(regs: [Reg], isTemporary: Bool = true) {
        self.regs = regs
        self.isTemporary = isTemporary
    }

    init(_ reg: Reg, isTemporary: Bool = true) {
        self.regs = [reg]
        self.isTemporary = isTemporary
    }

    var reg: Reg { regs[0] }
}

/// Where a local variable lives.
enum LocalStorage {
    /// In registers of the function (owned for references, borrowed for parameters).
    case registers([Reg])
    /// In a heap box (owned by the function's register) shared with closures: a captured
    /// variable that is assigned after capture (§9.2).
    case box(Reg, WType)
}

/// Lowers one typed function to IR.
///
/// Ownership discipline (see IR.swift for the register kinds):
/// - a variable's references are held in owned registers, released when its scope ends
///   (also on `return`, `break`, `continue`); parameters are borrowed;
/// - reading a variable gives a non-temporary view; storing a value into a variable, a
///   global or (later) a field takes a reference of its own: an owned temporary is moved
///   in, anything else is retained;
/// - every other reference an expression produces (a call result, a concatenation, a
///   global's value) is an owned temporary that the consumer moves or releases.
struct FunctionLowering {
    let context: LoweringContext
    /// The function being lowered (nil while synthesising a helper, which uses only the
    /// value operations).
    let typed: TypedFunction?
    var function: TypedFunction { typed! }
    var b: IRBuilder
    /// The line of the statement being lowered (see `atStatement`).
    var statementLine = 0
    /// The closure register of a lambda or nested function (its parameter 0).
    var closureRegister: Reg?
    var locals: [LocalStorage?]
    /// Owned registers to release at the end of each open scope, innermost last.
    var scopes: [[Reg]] = []
    /// Innermost loop last: where `break` and `continue` go, and how many scopes to close.
    var loops: [(breakTarget: BlockID, continueTarget: BlockID, scopeDepth: Int)] = []
    /// Top-level variables of this `<main>` that live in its registers.
    var mainGlobals: [GlobalID: [Reg]] = [:]
    /// The element being copied while a spread's element conversion is lowered.
    var spreadElement: Value?

    var program: TypedProgram { context.program }

    init(function: TypedFunction, context: LoweringContext) {
        self.context = context
        self.typed = function
        let fileIndex = Int(function.range.file.rawValue)
        self.b = IRBuilder(name: function.displayName, index: function.id.index,
                           file: fileIndex < context.program.files.count ? fileIndex : 0)
        self.locals = Array(repeating: nil, count: function.locals.count)
    }

    /// For a helper function lowering synthesises.
    init(helperNamed name: String, index: Int, context: LoweringContext) {
        self.context = context
        self.typed = nil
        self.b = IRBuilder(name: name, index: index, file: 0)
        self.locals = []
    }

    func fail(_ message: String, _ range: SourceRange) -> Lowering.Failure {
        Lowering.Failure(message: message, range: range)
    }

    /// The source line of a range (for the line map).
    func line(_ range: SourceRange) -> Int {
        let file = Int(range.file.rawValue)
        guard file < program.files.count else { return 0 }
        return program.files[file].line(of: Int(range.start))
    }

    /// Marks what follows as coming from `range` (a statement, a call, a loop header).
    mutating func at(_ range: SourceRange) { b.line = line(range) }

    /// Marks what follows as coming from the statement being lowered: an operation inside
    /// an expression that spans lines reports the line where its statement starts
    /// (language.md §26.3); only calls report their own line.
    mutating func atStatement() { b.line = statementLine }

    mutating func lower() throws(Lowering.Failure) -> IRFunction {
        statementLine = line(function.range)
        at(function.range)
        // Parameters: borrowed views for references, plain registers for scalars. A lambda
        // or nested function receives its closure first.
        var parameterRegs: [Reg] = []
        if function.kind == .lambda || function.kind == .nested {
            let closure = b.newRegister(.borrowed(nullable: false), name: "closure")
            closureRegister = closure
            parameterRegs.append(closure)
        }
        for local in function.parameters {
            let info = function.locals[local.index]
            let regs = newRegisters(for: info.type, owned: false, name: info.name)
            locals[local.index] = .registers(regs)
            parameterRegs += regs
        }
        b.function.parameters = parameterRegs
        b.function.resultKinds = resultLayout.map { slot in
            switch slot {
            case .int: .int
            case .float: .float
            case .ref(let nullable): .owned(nullable: nullable)
            }
        }
        scopes.append([])
        try lowerStatements(function.body)
        // Falling off the end: release what is open and return nothing (or null).
        closeScopes(downTo: 0)
        try emitImplicitReturn()
        return b.finish()
    }

    var resultLayout: [LayoutSlot] {
        mutating get { context.layouts.layout(function.resultType) }
    }

    mutating func emitImplicitReturn() throws(Lowering.Failure) {
        if function.resultType == .void {
            b.terminate(.ret([]))
        } else if function.kind == .main, case .optional = function.resultType {
            let value = nullValue(function.resultType)
            b.terminate(.ret(ownedCopy(value).regs))
        } else {
            // The checker proved every path returns; this block is unreachable.
            b.terminate(.unreachable)
        }
    }

    // MARK: Registers and values

    mutating func newRegisters(for type: WType, owned: Bool, name: String? = nil) -> [Reg] {
        context.layouts.layout(type).map { slot in
            switch slot {
            case .int: b.newRegister(.int, name: name)
            case .float: b.newRegister(.float, name: name)
            case .ref(let nullable): b.newRegister(owned ? .owned(nullable: nullable) : .borrowed(nullable: nullable), name: name)
            }
        }
    }

    func kind(_ reg: Reg) -> RegKind { b.kind(reg) }

    /// Releases the owned registers of a temporary that nobody consumed.
    mutating func dispose(_ value: Value) {
        guard value.isTemporary else { return }
        for reg in value.regs where kind(reg).isOwned { b.emit(.release(reg)) }
    }

    /// A temporary whose references are all owned: owned temporaries pass through, anything
    /// else is retained.
    mutating func ownedCopy(_ value: Value) -> Value {
        var regs: [Reg] = []
        for reg in value.regs {
            let k = kind(reg)
            if k.isReference && !(k.isOwned && value.isTemporary) {
                let copy = b.newRegister(.owned(nullable: k.isNullable))
                b.emit(.retain(copy, reg))
                regs.append(copy)
            } else {
                regs.append(reg)
            }
        }
        return Value(regs: regs, isTemporary: true)
    }

    /// Stores `value` into the registers of a variable. With `replacing`, the variable's old
    /// references are released (after the new ones are counted, so `x = x` is safe).
    mutating func store(_ value: Value, into destination: [Reg], replacing: Bool) {
        let owned = ownedCopy(value)
        for (target, source) in zip(destination, owned.regs) {
            let k = kind(target)
            if k.isReference {
                if replacing { b.emit(.release(target)) }
                b.emit(.moveOwned(target, source))
            } else {
                b.emit(.move(target, source))
            }
        }
    }

    /// Declares local `local` holding `value` in the innermost scope: in registers, or in a
    /// box when closures share it.
    mutating func declareLocal(_ local: LocalID, type: WType, value: Value) {
        let info = function.locals[local.index]
        if info.capture == .byBox {
            let box = newBox(type, value: value)
            scopes[scopes.count - 1].append(box)
            locals[local.index] = .box(box, type)
        } else {
            locals[local.index] = .registers(declare(type, value: value, name: info.name))
        }
    }

    /// A fresh variable holding `value` (its scope is the innermost open one).
    mutating func declare(_ type: WType, value: Value, name: String) -> [Reg] {
        let regs = newRegisters(for: type, owned: true, name: name)
        store(value, into: regs, replacing: false)
        scopes[scopes.count - 1] += regs.filter { kind($0).isOwned }
        return regs
    }

    /// The value `null` of an optional type: zeros and nulls in every slot of its layout
    /// (also the absent part of a Result).
    mutating func nullValue(_ type: WType) -> Value {
        var regs: [Reg] = []
        for slot in context.layouts.layout(type) {
            switch slot {
            case .int:
                regs.append(b.constInt(0))
            case .float:
                regs.append(b.constFloat(0))
            case .ref:
                let r = b.newRegister(.borrowed(nullable: true))
                b.emit(.constNull(r))
                regs.append(r)
            }
        }
        return Value(regs: regs)
    }

    // MARK: Scopes

    mutating func withScope(_ body: (inout FunctionLowering) throws(Lowering.Failure) -> Void) throws(Lowering.Failure) {
        scopes.append([])
        try body(&self)
        let regs = scopes.removeLast()
        for reg in regs.reversed() { b.emit(.release(reg)) }
    }

    /// Emits the releases of every scope above `depth` (without closing them: used before
    /// `return`, `break` and `continue`).
    mutating func closeScopes(downTo depth: Int) {
        for scope in scopes[depth...].reversed() {
            for reg in scope.reversed() { b.emit(.release(reg)) }
        }
    }

    // MARK: Globals

    /// Registers of a top-level variable read or written in its own `<main>`, or nil if it
    /// is a VM global.
    mutating func mainRegisters(_ global: GlobalID) -> [Reg]? {
        guard context.globalSlots[global.index] == nil else { return nil }
        return mainGlobals[global]
    }
}
