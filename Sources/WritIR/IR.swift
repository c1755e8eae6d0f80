import WritBytecode

/// The typed register IR (design.md §3).
///
/// A function is a list of basic blocks of three-address instructions over typed virtual
/// registers. Nothing in it needs a run-time type check: the type checker proved the
/// types, so every operation is specific (`add.i`, `add.f`, `concat`) and every
/// conversion, reference count change, overflow or bounds check and interrupt point is an
/// instruction of its own that passes can see, move or remove.
///
/// Registers
/// - `int` holds an `int`, a `bool` (0/1) or an enum case; `float` a `float`;
/// - `owned` holds a counted reference the function owns (+1) or, if `nullable`, null. An
///   owned register's life must end in exactly one consuming instruction (`release`,
///   `moveOwned`, `ret`, a consuming store), after which it holds nothing;
/// - `borrowed` holds a reference someone else keeps alive for as long as the register is
///   used (a parameter, a string constant, a view of an owned register).
/// Registers are not SSA: a variable is one register assigned in several places. Most
/// temporaries have a single definition, which is what the passes look for.
///
/// Value types (structs, tuples, optionals of scalars, results) are flattened by lowering
/// into several registers; the IR never sees them whole.
package struct IRFunction: Sendable {
    package var name: String
    /// Index of the function in the program.
    package var index: Int
    /// Registers holding the parameters, in slot order (they get slots 0, 1, …).
    package var parameters: [Reg]
    /// Kinds of the result slots.
    package var resultKinds: [RegKind]
    package var registers: [RegisterInfo]
    /// Blocks; `blocks[0]` is the entry. A block's index is its `BlockID`.
    package var blocks: [IRBlock]
    /// Index into the program's files.
    package var file: Int
    /// A helper lowering made (a thunk, a sort): left out of error traces.
    package var isHelper = false

    package init(name: String, index: Int, file: Int) {
        self.name = name
        self.index = index
        self.file = file
        self.parameters = []
        self.resultKinds = []
        self.registers = []
        self.blocks = []
    }

    package func kind(_ reg: Reg) -> RegKind { registers[reg.index].kind }
}

/// A virtual register.
package struct Reg: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: Reg, b: Reg) -> Bool { a.index < b.index }
    package var description: String { "%\(index)" }
}

package enum RegKind: Hashable, Sendable {
    case int
    case float
    case owned(nullable: Bool)
    case borrowed(nullable: Bool)

    package var isReference: Bool {
        switch self {
        case .owned, .borrowed: true
        case .int, .float: false
        }
    }

    package var isOwned: Bool { if case .owned = self { true } else { false } }

    package var isNullable: Bool {
        switch self {
        case .owned(let nullable), .borrowed(let nullable): nullable
        case .int, .float: false
        }
    }

    /// The slot kind a register of this kind needs.
    package var slotKind: SlotKind {
        switch self {
        case .int, .float: .scalar
        case .owned: .owned
        case .borrowed: .borrowed
        }
    }
}

package struct RegisterInfo: Sendable {
    package var kind: RegKind
    /// The source variable, for dumps (nil for temporaries).
    package var name: String?
    package init(kind: RegKind, name: String? = nil) {
        self.kind = kind
        self.name = name
    }
}

package struct BlockID: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var index: Int
    package init(_ index: Int) { self.index = index }
    package static func < (a: BlockID, b: BlockID) -> Bool { a.index < b.index }
    package var description: String { "b\(index)" }
}

package struct IRBlock: Sendable {
    package var instructions: [IRInstruction] = []
    package var terminator: Terminator = .unreachable
    /// Source line of the terminator.
    package var terminatorLine: Int = 0
    package init() {}
}

/// An instruction with the source line it came from (for the line map and stack traces).
package struct IRInstruction: Sendable {
    package var op: IROp
    package var line: Int
    package init(_ op: IROp, line: Int) {
        self.op = op
        self.line = line
    }
}

/// The right operand of a binary operation: a register, or an integer constant that a
/// pass folded in (instruction selection turns it into an immediate form when it fits).
package enum IROperand: Hashable, Sendable, CustomStringConvertible {
    case reg(Reg)
    case imm(Int64)

    package var reg: Reg? { if case .reg(let r) = self { r } else { nil } }
    package var description: String {
        switch self {
        case .reg(let r): r.description
        case .imm(let v): "#\(v)"
        }
    }
}

/// Operations on heap objects. `IROp.object(op, defs, uses)` lists the registers written and
/// read; each case says what they are. Reference results are owned (counted) unless noted;
/// reference operands are read (a stored reference is counted by the object), except where
/// an operand is consumed.
package enum ObjectOp: Hashable, Sendable {
    /// defs [object] — a new class instance or box of `type`, every slot zero.
    case new(type: Int)
    /// defs [value], uses [object] — payload slot `slot` (a weak slot with `weak`).
    case getField(slot: Int, weak: Bool)
    /// uses [object, value] — stores slot `slot`; an owned reference value is consumed, the
    /// old value released (weak slots adjust weak counts only).
    case setField(slot: Int, weak: Bool)
    /// uses [object] — `destroy(obj)`.
    case destroy
    /// defs [bool], uses [object]
    case instanceOf(type: Int)
    /// defs [bool], uses [object]
    case implements(trait: Int)
    /// uses [object] — runtime error unless it is an instance of `type`.
    case castClass(type: Int)
    /// uses [object] — runtime error unless it implements `trait`.
    case castTrait(trait: Int)
    /// defs [closure], uses [captured values…] (a window) — captured references are counted.
    case makeClosure(function: Int, type: Int)
    /// defs [value], uses [closure] — capture `index`; a reference comes out borrowed.
    case getCapture(index: Int)
    /// defs [array], uses [element slots…] (a window, `count` elements of the type's slots).
    case newArray(type: Int, count: Int)
    /// defs [int], uses [array]
    case arrayLength
    /// defs [value], uses [array, index] — slot `slot` of the element; `byte` for bool arrays.
    case arrayGet(slot: Int, byte: Bool)
    /// uses [array, index, value] — stores slot `slot` of the element (an owned reference
    /// value is consumed, the old value released).
    case arraySet(slot: Int, byte: Bool)
    /// uses [array, element slots… (a window)]
    case arrayPush
    /// defs [element slots… (a window)], uses [array]
    case arrayPop
    /// uses [array, index, element slots… (a window)]
    case arrayInsert
    /// defs [element slots… (a window)], uses [array, index]
    case arrayRemove
    /// defs [dictionary]
    case newDict(type: Int)
    /// defs [Optional value slots… (a window)], uses [dictionary, key]
    case dictGet
    /// uses [dictionary, key, value slots… (a window)]
    case dictSet
    /// defs [bool], uses [dictionary, key]
    case dictHas
    /// defs [Optional value slots… (a window)], uses [dictionary, key]
    case dictRemove
    /// defs [int], uses [dictionary]
    case dictLength
    /// defs [array of `type`], uses [dictionary]
    case dictKeys(type: Int)
    case dictValues(type: Int)
    /// uses [target dictionary, source dictionary]
    case dictMerge
    /// defs [string], uses [string (consumed), parts… (a window)] — the first use is the
    /// owned string appended to (in place when it is not shared); the def is the same register.
    case append

    /// Whether removing the operation changes nothing but its results.
    package var isPure: Bool {
        switch self {
        case .getField, .instanceOf, .implements, .getCapture, .arrayLength, .dictHas, .dictLength: true
        default: false
        }
    }

    /// Which of the operation's defs and uses form a window of consecutive slots:
    /// (first def in the window, first use in the window); nil when none.
    package var windowedDefs: Int? {
        switch self {
        case .arrayPop, .arrayRemove, .dictGet, .dictRemove: 0
        default: nil
        }
    }

    package var windowedUses: Int? {
        switch self {
        case .makeClosure, .newArray: 0
        case .arrayPush: 1
        case .append: 1
        case .arrayInsert, .dictSet: 2
        default: nil
        }
    }
}

/// How a dynamic call finds its callee.
package enum DynamicCall: Hashable, Sendable {
    /// Virtual method `slot` of the receiver's class.
    case virtual(slot: Int)
    /// Method `method` of trait `trait` of the receiver's class.
    case trait(trait: Int, method: Int)
    /// The closure's function (the closure is argument 0).
    case closure
}

/// What `start` runs (§22.1).
package enum StartTarget: Hashable, Sendable {
    case function(Int)
    case dynamic(DynamicCall)
}

/// The `yield` forms (§22.3), with the operand each reads.
package enum YieldKind: Int, Hashable, Sendable {
    /// Until the next frame.
    case nextFrame = 0
    /// An int number of frames.
    case frames = 1
    /// A float number of seconds.
    case seconds = 2
    /// A `() -> bool` closure.
    case until = 3
}

package enum BinaryOp: String, Hashable, Sendable, CaseIterable {
    case addI = "add.i", subI = "sub.i", mulI = "mul.i", divI = "div.i", remI = "rem.i"
    case addF = "add.f", subF = "sub.f", mulF = "mul.f", divF = "div.f", remF = "rem.f"
    case eqI = "eq.i", neI = "ne.i", ltI = "lt.i", leI = "le.i", gtI = "gt.i", geI = "ge.i"
    case eqF = "eq.f", neF = "ne.f", ltF = "lt.f", leF = "le.f", gtF = "gt.f", geF = "ge.f"
    case eqS = "eq.s", neS = "ne.s", ltS = "lt.s", leS = "le.s", gtS = "gt.s", geS = "ge.s"
    /// Identity of two references (either may be null).
    case eqR = "eq.ref", neR = "ne.ref"

    /// True for operations that can raise a runtime error (overflow, division by zero).
    package var canFault: Bool {
        switch self {
        case .addI, .subI, .mulI, .divI, .remI: true
        default: false
        }
    }

    /// True for comparisons (their result is a bool).
    package var isComparison: Bool {
        switch self {
        case .addI, .subI, .mulI, .divI, .remI, .addF, .subF, .mulF, .divF, .remF: false
        default: true
        }
    }

    package var operandsAreFloat: Bool {
        switch self {
        case .addF, .subF, .mulF, .divF, .remF, .eqF, .neF, .ltF, .leF, .gtF, .geF: true
        default: false
        }
    }

    package var operandsAreStrings: Bool {
        switch self {
        case .eqS, .neS, .ltS, .leS, .gtS, .geS: true
        default: false
        }
    }

    /// Reference operands (strings and identity comparisons).
    package var operandsAreReferences: Bool { operandsAreStrings || self == .eqR || self == .neR }
}

/// `fused(op, d, a, b, c)`.
package enum FusedOp: String, Hashable, Sendable, CaseIterable {
    /// d = a * b + c
    case mulAddF = "muladd.f"
    /// d = a * b - c
    case mulSubF = "mulsub.f"
    /// d = c - a * b
    case subMulF = "submul.f"
}

package enum UnaryOp: String, Hashable, Sendable, CaseIterable {
    case negI = "neg.i", negF = "neg.f", not = "not"
    /// int → float
    case intToFloat = "i2f"
    /// float → int, checked (`value out of range for int`).
    case floatToInt = "f2i"
    /// Print forms (owned string results).
    case intToString = "tostr.i", floatToString = "tostr.f"
    /// Print form of a bool (a borrowed constant string).
    case boolToString = "tostr.b"

    package var canFault: Bool {
        switch self {
        case .negI, .floatToInt: true
        default: false
        }
    }
}

package enum IROp: Sendable {
    // Constants
    case constInt(Reg, Int64)
    case constFloat(Reg, Double)
    /// A borrowed reference to a string constant.
    case constString(Reg, String)
    case constNull(Reg)

    // Moves and counting
    /// Copy of a scalar, or a borrowed view of a reference.
    case move(Reg, Reg)
    /// Ownership transfer between owned registers: the source is dead afterwards.
    case moveOwned(Reg, Reg)
    /// `dst` (owned) = `src` with one more count.
    case retain(Reg, Reg)
    /// Ends an owned register's life, dropping its count.
    case release(Reg)

    // Arithmetic, comparison, conversions
    case binary(BinaryOp, Reg, Reg, IROperand)
    case unary(UnaryOp, Reg, Reg)

    /// A superinstruction for a float multiply feeding an add or subtract (two roundings, as
    /// the separate operations: no fused multiply-add).
    case fused(FusedOp, Reg, Reg, Reg, Reg)

    // Strings
    /// `dst` (owned) = the strings joined.
    case concat(Reg, [Reg])

    // Globals
    case getGlobal(Reg, Int)
    /// Stores a scalar, or consumes an owned reference (releasing the old value).
    case setGlobal(Int, Reg)
    case initGlobal(Int)
    case checkGlobal(Int)

    // Calls
    /// Calls function `index` with the arguments (borrowed) and receives the results (owned
    /// references).
    case call(Int, arguments: [Reg], results: [Reg])
    case callNative(NativeFunction, arguments: [Reg], results: [Reg])

    /// `dst` (int) = 1 if the reference is null, else 0.
    case refIsNull(Reg, Reg)
    /// Runtime error `unwrapped a null value` unless the flag (int) is 1 or the reference
    /// is not null.
    case checkPresent(Reg)

    // Heap objects: one case with generic operand lists (see `ObjectOp`)
    case object(ObjectOp, defs: [Reg], uses: [Reg])
    /// A dynamic call: `arguments[0]` is the receiver (virtual, trait) or the closure.
    case callDynamic(DynamicCall, arguments: [Reg], results: [Reg])

    // Output and checks
    case print([Reg])
    case assert(Reg, message: Reg)
    /// A place where the host may interrupt the program (fuel, deadline): loop back-edges.
    /// Calls are interrupt points of their own.
    case interruptCheck

    // Coroutines
    /// `start`: the target runs as a new coroutine from the next frame; the arguments
    /// (borrowed) are copied and counted. With `owner`, argument 0 (the receiver) owns it.
    case startCoroutine(StartTarget, arguments: [Reg], owner: Bool)
    /// A `yield` form; the value is the frames, seconds or predicate it waits for.
    case suspend(YieldKind, Reg?)
    /// `dst` (int) = the frame being run.
    case frameCount(Reg)
}

package enum Terminator: Sendable {
    case jump(BlockID)
    case branch(Reg, then: BlockID, else: BlockID)
    /// Fused compare-and-branch: jumps to `then` when `lhs op rhs` holds.
    case compareBranch(BinaryOp, Reg, IROperand, then: BlockID, else: BlockID)
    /// Counted loop back-edge: if `counter < last` then `counter += 1` and go to `body`,
    /// else go to `exit` (the counter never overflows: it was below `last`).
    case forLoop(counter: Reg, last: Reg, body: BlockID, exit: BlockID)
    case ret([Reg])
    /// Ends the program's entry code.
    case halt
    /// Not reached (the end of a block that always left earlier).
    case unreachable

    package var successors: [BlockID] {
        switch self {
        case .jump(let b): [b]
        case .branch(_, let t, let e), .compareBranch(_, _, _, let t, let e): [t, e]
        case .forLoop(_, _, let body, let exit): [body, exit]
        case .ret, .halt, .unreachable: []
        }
    }

    package var uses: [Reg] {
        switch self {
        case .jump, .halt, .unreachable: []
        case .branch(let c, _, _): [c]
        case .compareBranch(_, let a, let b, _, _): b.reg.map { [a, $0] } ?? [a]
        case .forLoop(let counter, let last, _, _): [counter, last]
        case .ret(let values): values
        }
    }

    /// Registers the terminator writes (the loop counter).
    package var defs: [Reg] {
        if case .forLoop(let counter, _, _, _) = self { return [counter] }
        return []
    }
}

extension IROp {
    /// Registers written.
    package var defs: [Reg] {
        switch self {
        case .constInt(let d, _), .constFloat(let d, _), .constString(let d, _), .constNull(let d): [d]
        case .move(let d, _), .moveOwned(let d, _), .retain(let d, _): [d]
        case .binary(_, let d, _, _), .unary(_, let d, _): [d]
        case .fused(_, let d, _, _, _): [d]
        case .concat(let d, _): [d]
        case .getGlobal(let d, _): [d]
        case .refIsNull(let d, _): [d]
        case .call(_, _, let results), .callNative(_, _, let results), .callDynamic(_, _, let results): results
        case .object(_, let defs, _): defs
        case .frameCount(let d): [d]
        case .release, .setGlobal, .initGlobal, .checkGlobal, .print, .assert, .interruptCheck, .checkPresent,
             .startCoroutine, .suspend: []
        }
    }

    /// Registers read.
    package var uses: [Reg] {
        switch self {
        case .constInt, .constFloat, .constString, .constNull, .getGlobal, .initGlobal, .checkGlobal, .interruptCheck,
             .frameCount: []
        case .startCoroutine(_, let arguments, _): arguments
        case .suspend(_, let value): value.map { [$0] } ?? []
        case .move(_, let s), .moveOwned(_, let s), .retain(_, let s): [s]
        case .release(let r): [r]
        case .binary(_, _, let a, let b): b.reg.map { [a, $0] } ?? [a]
        case .unary(_, _, let a): [a]
        case .fused(_, _, let a, let b, let c): [a, b, c]
        case .concat(_, let parts): parts
        case .setGlobal(_, let r): [r]
        case .refIsNull(_, let r), .checkPresent(let r): [r]
        case .call(_, let arguments, _), .callNative(_, let arguments, _), .callDynamic(_, let arguments, _): arguments
        case .object(_, _, let uses): uses
        case .print(let values): values
        case .assert(let c, let m): [c, m]
        }
    }

    /// True if the instruction has an effect besides writing its result registers, so dead
    /// code elimination must keep it even when its results are unused.
    package var hasSideEffects: Bool {
        switch self {
        case .constInt, .constFloat, .constString, .constNull, .move, .getGlobal, .refIsNull: false
        case .binary(let op, _, _, _): op.canFault
        case .unary(let op, _, _): op.canFault
        case .concat, .retain, .fused: false
        case .moveOwned, .release, .setGlobal, .initGlobal, .checkGlobal, .call, .callNative, .print, .assert,
             .interruptCheck, .checkPresent, .callDynamic, .startCoroutine, .suspend: true
        case .frameCount: false
        case .object(let op, _, _): !op.isPure
        }
    }

    /// Owned registers whose life this instruction ends (their slot is null afterwards).
    package var consumes: [Reg] {
        switch self {
        case .moveOwned(_, let s): [s]
        case .release(let r): [r]
        default: []
        }
    }

    /// Rewrites every register with `map` (defs and uses alike).
    package func mapRegisters(_ map: (Reg) -> Reg) -> IROp {
        func operand(_ o: IROperand) -> IROperand {
            if case .reg(let r) = o { return .reg(map(r)) }
            return o
        }
        switch self {
        case .constInt(let d, let v): return .constInt(map(d), v)
        case .constFloat(let d, let v): return .constFloat(map(d), v)
        case .constString(let d, let v): return .constString(map(d), v)
        case .constNull(let d): return .constNull(map(d))
        case .move(let d, let s): return .move(map(d), map(s))
        case .moveOwned(let d, let s): return .moveOwned(map(d), map(s))
        case .retain(let d, let s): return .retain(map(d), map(s))
        case .release(let r): return .release(map(r))
        case .binary(let op, let d, let a, let b): return .binary(op, map(d), map(a), operand(b))
        case .unary(let op, let d, let a): return .unary(op, map(d), map(a))
        case .fused(let op, let d, let a, let b, let c): return .fused(op, map(d), map(a), map(b), map(c))
        case .concat(let d, let parts): return .concat(map(d), parts.map(map))
        case .getGlobal(let d, let g): return .getGlobal(map(d), g)
        case .setGlobal(let g, let r): return .setGlobal(g, map(r))
        case .initGlobal, .checkGlobal, .interruptCheck: return self
        case .refIsNull(let d, let r): return .refIsNull(map(d), map(r))
        case .checkPresent(let r): return .checkPresent(map(r))
        case .call(let f, let args, let results): return .call(f, arguments: args.map(map), results: results.map(map))
        case .callNative(let f, let args, let results):
            return .callNative(f, arguments: args.map(map), results: results.map(map))
        case .callDynamic(let kind, let args, let results):
            return .callDynamic(kind, arguments: args.map(map), results: results.map(map))
        case .object(let op, let defs, let uses): return .object(op, defs: defs.map(map), uses: uses.map(map))
        case .print(let values): return .print(values.map(map))
        case .assert(let c, let m): return .assert(map(c), message: map(m))
        case .startCoroutine(let target, let args, let owner):
            return .startCoroutine(target, arguments: args.map(map), owner: owner)
        case .suspend(let kind, let value): return .suspend(kind, value.map(map))
        case .frameCount(let d): return .frameCount(map(d))
        }
    }

    /// Rewrites only the registers read.
    package func mapUses(_ map: (Reg) -> Reg) -> IROp {
        func operand(_ o: IROperand) -> IROperand {
            if case .reg(let r) = o { return .reg(map(r)) }
            return o
        }
        switch self {
        case .constInt, .constFloat, .constString, .constNull, .getGlobal, .initGlobal, .checkGlobal, .interruptCheck,
             .frameCount:
            return self
        case .startCoroutine(let target, let args, let owner):
            return .startCoroutine(target, arguments: args.map(map), owner: owner)
        case .suspend(let kind, let value): return .suspend(kind, value.map(map))
        case .move(let d, let s): return .move(d, map(s))
        case .moveOwned(let d, let s): return .moveOwned(d, map(s))
        case .retain(let d, let s): return .retain(d, map(s))
        case .release(let r): return .release(map(r))
        case .binary(let op, let d, let a, let b): return .binary(op, d, map(a), operand(b))
        case .unary(let op, let d, let a): return .unary(op, d, map(a))
        case .fused(let op, let d, let a, let b, let c): return .fused(op, d, map(a), map(b), map(c))
        case .concat(let d, let parts): return .concat(d, parts.map(map))
        case .setGlobal(let g, let r): return .setGlobal(g, map(r))
        case .refIsNull(let d, let r): return .refIsNull(d, map(r))
        case .checkPresent(let r): return .checkPresent(map(r))
        case .call(let f, let args, let results): return .call(f, arguments: args.map(map), results: results)
        case .callNative(let f, let args, let results): return .callNative(f, arguments: args.map(map), results: results)
        case .callDynamic(let kind, let args, let results): return .callDynamic(kind, arguments: args.map(map), results: results)
        case .object(let op, let defs, let uses): return .object(op, defs: defs, uses: uses.map(map))
        case .print(let values): return .print(values.map(map))
        case .assert(let c, let m): return .assert(map(c), message: map(m))
        }
    }

    /// Instructions that pass their operands as a contiguous list of slots (a call
    /// window): calls, native calls, print, concat, and the object operations with a window.
    package var isWindowed: Bool {
        switch self {
        case .call, .callNative, .print, .callDynamic, .startCoroutine: true
        case .concat(_, let parts): parts.count > 2
        case .object(let op, _, _): op.windowedDefs != nil || op.windowedUses != nil
        default: false
        }
    }
}

extension Terminator {
    package func mapUses(_ map: (Reg) -> Reg) -> Terminator {
        func operand(_ o: IROperand) -> IROperand {
            if case .reg(let r) = o { return .reg(map(r)) }
            return o
        }
        switch self {
        case .jump, .halt, .unreachable: return self
        case .branch(let c, let t, let e): return .branch(map(c), then: t, else: e)
        case .compareBranch(let op, let a, let b, let t, let e): return .compareBranch(op, map(a), operand(b), then: t, else: e)
        case .forLoop(let counter, let last, let body, let exit):
            return .forLoop(counter: map(counter), last: map(last), body: body, exit: exit)
        case .ret(let values): return .ret(values.map(map))
        }
    }
}

/// A whole program in IR: what lowering produces and the code generator consumes.
package struct IRProgram: Sendable {
    package var functions: [IRFunction] = []
    package var globals: [GlobalInfo] = []
    package var files: [String] = []
    package var entry: Int = 0
    /// Functions the VM runs, in order, to run the program (each module's top-level code).
    package var initializers: [Int] = []
    /// Heap object types; index 0 is `string`.
    package var types: [TypeDescriptor] = [.string]
    /// Trait names by trait number (for messages).
    package var traitNames: [String] = []
    package init() {}
}
