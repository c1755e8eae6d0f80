// The Writ instruction set: the one place that defines every opcode.
//
// ┌──────────────────────────── one instruction word (64 bits) ──────────────────────────────┐
// │ 63            48 47            32 31            16 15       8 7        0                  │
// │ ┌───────────────┬───────────────┬───────────────┬──────────┬──────────┐                  │
// │ │       C       │       B       │       A       │    X     │  opcode  │                  │
// │ └───────────────┴───────────────┴───────────────┴──────────┴──────────┘                  │
// │  B and C together (bits 32–63) form BC, a signed 32-bit field.                            │
// └──────────────────────────────────────────────────────────────────────────────────────────┘
//
// An instruction is one word, followed by `spec.extraWords` 64-bit words (a 64-bit constant,
// a call target, a precomputed divisor). This is the stored form: what the code generator
// emits, the disassembler prints and a `.wbc` file holds. When a function is loaded, the VM
// expands every instruction into a record `[handler][word][extra…]` whose first word is the
// address of the instruction's handler (direct threading) — addresses are per process and
// never stored.
//
// Operands
//   - Slot operands (A, B, C) index 8-byte slots of the current frame: 0 … frameSize-1.
//   - Every slot of a function has one kind for the whole function (design.md §3):
//       scalar    an int, a float or a bool (0/1), unboxed;
//       owned     a counted reference this frame owns (+1) or null; released when the frame
//                 unwinds; zeroed on entry;
//       borrowed  a reference (or null) that something else keeps alive (a parameter, a
//                 string literal, a copy of an owned slot); never released by the frame.
//     Each operand below says which kind it reads or writes; the verifier checks the slot map.
//   - Immediates are signed 16-bit (in B or C) or signed 32-bit (BC).
//   - Jump targets are signed offsets in stored words from the start of the instruction.
//
// Calls (the frame layout, see notes/vm-core.md)
//   A call site reserves a window in the caller's frame:
//       [result 0 … result n-1][return pc][caller fp][arg 0 … arg m-1]
//   `call A, BC` makes the callee frame start at the caller's slot A (arg 0), so the
//   arguments are already in place. The two header slots below it hold the return address
//   and the caller's frame pointer; `ret` writes the results below the header.
//
// Version history (FileFormat.version)
//   1  first instruction set: scalars, strings, calls, globals, print.

/// Every opcode. The order is the numbering (the stored opcode byte); add new opcodes at
/// the end of a family and bump `FileFormat.version`.
package enum Opcode: UInt8, CaseIterable, Sendable {
    // Control
    case halt, jump, jumpIf, jumpIfNot
    // Fused compare-and-branch on ints (jump when the comparison holds)
    case jltI, jleI, jeqI, jneI
    case jltIK, jleIK, jgtIK, jgeIK, jeqIK, jneIK
    // Fused compare-and-branch on floats (the negated forms keep NaN semantics)
    case jltF, jleF, jnltF, jnleF, jeqF, jneF
    // Counted loop back-edge
    case forLoopI
    // Constants and moves
    case loadI, loadK, loadStr, loadNull, move, copyRef, moveRef, retain, retainOpt, release, releaseOpt, zero
    // Int arithmetic
    case addI, subI, mulI, divI, remI, negI, addIK, subIK, mulIK, divIK, remIK
    // Float arithmetic and conversions
    case addF, subF, mulF, divF, remF, negF, i2f, f2i
    // Float superinstructions (a product feeding a sum; two roundings)
    case mulAddF, mulSubF, subMulF
    // Comparisons producing a bool
    case eqI, neI, ltI, leI, eqIK, neIK, ltIK, leIK, gtIK, geIK
    case eqF, neF, ltF, leF, not
    // Optionals
    case isNull, checkFlag, checkNotNull
    // Strings
    case concat, concatN, toStrI, toStrF, toStrB, eqS, ltS, leS, eqRef
    // Globals
    case getGlobal, setGlobal, getGlobalRef, setGlobalRef, initGlobal, checkGlobal
    // Calls
    case call, ret, ret0, callNative
    // Output and faults
    case printLine, assert
    // Class instances, boxes and weak references
    case new, getField, getFieldRef, setField, setFieldRef, getWeak, setWeak, destroy
    case instanceOf, implements, castClass, castTrait
    // Dynamic calls and closures
    case callVirtual, callTrait, callClosure, makeClosure, getCapture, getCaptureRef
    // Arrays
    case newArray, arrayLength, arrayGet, arrayGetRef, arrayGetByte, arraySet, arraySetRef, arraySetByte, arrayPush
    case arrayPop, arrayInsert, arrayRemove
    // Dictionaries
    case newDict, dictGet, dictSet, dictHas, dictRemove, dictLength, dictKeys, dictValues, dictMerge
    // String building
    case append
    // Coroutines
    case startCall, startVirtual, startTrait, startClosure, suspend, frameCount
}

/// Where an operand lives in the instruction.
package enum OperandField: Sendable, Hashable {
    case x, a, b, c
    /// B and C together, signed 32-bit.
    case bc
    /// The n-th extra word after the instruction word.
    case extra(Int)
}

extension OperandField {
    package var isExtra: Bool { if case .extra = self { true } else { false } }
    package var extraIndex: Int { if case .extra(let index) = self { index } else { 0 } }
}

/// What an operand means.
package enum OperandKind: Sendable, Hashable {
    /// Reads a scalar slot.
    case readScalar
    /// Writes a scalar slot.
    case writeScalar
    /// Reads and writes a scalar slot (a loop counter).
    case updateScalar
    /// Reads a reference slot (owned or borrowed); the reference must not be null.
    case readRef
    /// Reads a reference slot that may hold null.
    case readOptRef
    /// Writes a counted reference (+1) into an owned slot, which must be null before.
    case writeOwned
    /// Writes a borrowed reference into a borrowed slot.
    case writeBorrowed
    /// Writes null into a reference slot of either kind.
    case writeNull
    /// Reads an owned slot, takes over its reference and sets the slot to null.
    case consume
    /// Reads `count` consecutive slots starting here; `count` is in the given field.
    case readRefRange(count: OperandField)
    /// Slots of any kind: the first of a call window or of a result list (checked per opcode).
    case window
    /// A signed immediate integer.
    case immediate
    /// A 64-bit constant (int or float bit pattern) in an extra word.
    case constant64
    /// A jump target: signed offset in stored words from the start of this instruction.
    case jumpTarget
    /// An index into the program's function table.
    case function
    /// An index into the native function table (`NativeFunction`).
    case native
    /// An index into the program's string constants.
    case string
    /// An index into the program's globals.
    case global
    /// An index into the program's type table (`TypeDescriptor`).
    case type
    /// A trait number.
    case trait
    /// An unsigned count.
    case count
    /// Filled in by the loader (call target address, frame size); zero in stored code.
    case loaderPatched
}

package struct Operand: Sendable, Hashable {
    package var field: OperandField
    package var kind: OperandKind
    package init(_ field: OperandField, _ kind: OperandKind) {
        self.field = field
        self.kind = kind
    }
}

/// How an instruction affects control flow (for the code generator, verifier and loader).
package enum ControlFlow: Sendable, Hashable {
    /// Continues with the next instruction.
    case next
    /// May continue or jump to its jump target.
    case branch
    /// Always jumps to its jump target.
    case jump
    /// Ends the function or the program.
    case exit
    /// Transfers to another function, which returns to the next instruction.
    case call
    /// Stops the dispatch loop; the coroutine later resumes at the next instruction.
    case suspend
}

/// Everything about one opcode.
package struct OpcodeSpec: Sendable {
    /// The assembler name, e.g. `add.i`.
    package var name: String
    package var operands: [Operand]
    /// 64-bit words that follow the instruction word.
    package var extraWords: Int
    package var control: ControlFlow
    /// True if the instruction can raise a runtime error (or stop the program).
    package var canFault: Bool
    /// One line for the disassembler's documentation and notes/bytecode.md.
    package var doc: String

    package init(_ name: String, _ operands: [Operand], extraWords: Int = 0, control: ControlFlow = .next,
                 faults: Bool = false, doc: String) {
        self.name = name
        self.operands = operands
        self.extraWords = extraWords
        self.control = control
        self.canFault = faults
        self.doc = doc
    }

    /// Words an instruction occupies in stored code.
    package var storedWords: Int { 1 + extraWords }
}

// Shorthands for the table below.
private func w(_ f: OperandField) -> Operand { Operand(f, .writeScalar) }
private func r(_ f: OperandField) -> Operand { Operand(f, .readScalar) }
private func ref(_ f: OperandField) -> Operand { Operand(f, .readRef) }
private func own(_ f: OperandField) -> Operand { Operand(f, .writeOwned) }
private func imm(_ f: OperandField) -> Operand { Operand(f, .immediate) }
private func target(_ f: OperandField) -> Operand { Operand(f, .jumpTarget) }

extension Opcode {
    /// The specification of this opcode. Exhaustive: a new case without a spec does not
    /// compile.
    package var spec: OpcodeSpec {
        switch self {
        // MARK: Control
        case .halt: OpcodeSpec("halt", [], control: .exit, faults: true, doc: "ends the program's entry code")
        case .jump: OpcodeSpec("jump", [target(.bc)], control: .jump, faults: true,
                               doc: "jumps to BC; a backward jump is an interrupt check point")
        case .jumpIf: OpcodeSpec("jump.if", [r(.a), target(.bc)], control: .branch, faults: true,
                                 doc: "jumps to BC if bool A is true")
        case .jumpIfNot: OpcodeSpec("jump.ifnot", [r(.a), target(.bc)], control: .branch, faults: true,
                                    doc: "jumps to BC if bool A is false")
        case .jltI: OpcodeSpec("jlt.i", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if int A < int B")
        case .jleI: OpcodeSpec("jle.i", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if int A <= int B")
        case .jeqI: OpcodeSpec("jeq.i", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if int A == int B")
        case .jneI: OpcodeSpec("jne.i", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if int A != int B")
        case .jltIK: OpcodeSpec("jlt.ik", [r(.a), imm(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C if int A < immediate B")
        case .jleIK: OpcodeSpec("jle.ik", [r(.a), imm(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C if int A <= immediate B")
        case .jgtIK: OpcodeSpec("jgt.ik", [r(.a), imm(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C if int A > immediate B")
        case .jgeIK: OpcodeSpec("jge.ik", [r(.a), imm(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C if int A >= immediate B")
        case .jeqIK: OpcodeSpec("jeq.ik", [r(.a), imm(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C if int A == immediate B")
        case .jneIK: OpcodeSpec("jne.ik", [r(.a), imm(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C if int A != immediate B")
        case .jltF: OpcodeSpec("jlt.f", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if float A < float B")
        case .jleF: OpcodeSpec("jle.f", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if float A <= float B")
        case .jnltF: OpcodeSpec("jnlt.f", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C unless float A < float B (taken when either is NaN)")
        case .jnleF: OpcodeSpec("jnle.f", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                                doc: "jumps to C unless float A <= float B (taken when either is NaN)")
        case .jeqF: OpcodeSpec("jeq.f", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if float A == float B")
        case .jneF: OpcodeSpec("jne.f", [r(.a), r(.b), target(.c)], control: .branch, faults: true,
                               doc: "jumps to C if float A != float B (taken when either is NaN)")
        case .forLoopI: OpcodeSpec("forloop.i", [Operand(.a, .updateScalar), r(.b), target(.c)], control: .branch,
                                   faults: true,
                                   doc: "if A < B (B is the last value): A += 1 and jumps to C (a back-edge)")

        // MARK: Constants and moves
        case .loadI: OpcodeSpec("load.i", [w(.a), imm(.bc)], doc: "A = sign-extended 32-bit immediate BC")
        case .loadK: OpcodeSpec("load.k", [w(.a), Operand(.extra(0), .constant64)], extraWords: 1,
                                doc: "A = the 64-bit constant in the extra word (int or float bits)")
        case .loadStr: OpcodeSpec("load.str", [Operand(.a, .writeBorrowed), Operand(.bc, .string),
                                               Operand(.extra(0), .loaderPatched)], extraWords: 1,
                                  doc: "A = string constant BC (borrowed: the program keeps it alive)")
        case .loadNull: OpcodeSpec("load.null", [Operand(.a, .writeNull)], doc: "A = null")
        case .move: OpcodeSpec("move", [w(.a), r(.b)], doc: "A = B (scalar)")
        case .copyRef: OpcodeSpec("copy.ref", [Operand(.a, .writeBorrowed), Operand(.b, .readOptRef)],
                                  doc: "A = B as a borrowed reference (no count change)")
        case .moveRef: OpcodeSpec("move.ref", [own(.a), Operand(.b, .consume)],
                                  doc: "A = B, transferring ownership; B becomes null")
        case .retain: OpcodeSpec("retain", [own(.a), ref(.b)], doc: "A = B and counts one more reference")
        case .retainOpt: OpcodeSpec("retain.opt", [own(.a), Operand(.b, .readOptRef)],
                                    doc: "A = B and counts one more reference unless B is null")
        case .release: OpcodeSpec("release", [Operand(.a, .consume)],
                                  doc: "drops the reference in A (freeing the object at zero); A = null")
        case .releaseOpt: OpcodeSpec("release.opt", [Operand(.a, .consume)],
                                     doc: "as release, but A may be null")
        case .zero: OpcodeSpec("zero", [Operand(.a, .window), Operand(.x, .count)],
                               doc: "sets the X slots from A to zero (a prologue clears the owned slots)")

        // MARK: Int arithmetic
        case .addI: OpcodeSpec("add.i", [w(.a), r(.b), r(.c)], faults: true, doc: "A = B + C; overflow is a runtime error")
        case .subI: OpcodeSpec("sub.i", [w(.a), r(.b), r(.c)], faults: true, doc: "A = B - C; overflow is a runtime error")
        case .mulI: OpcodeSpec("mul.i", [w(.a), r(.b), r(.c)], faults: true, doc: "A = B * C; overflow is a runtime error")
        case .divI: OpcodeSpec("div.i", [w(.a), r(.b), r(.c)], faults: true,
                               doc: "A = B / C truncated; C == 0 and MIN / -1 are runtime errors")
        case .remI: OpcodeSpec("rem.i", [w(.a), r(.b), r(.c)], faults: true,
                               doc: "A = B % C with the sign of B; C == 0 is a runtime error")
        case .negI: OpcodeSpec("neg.i", [w(.a), r(.b)], faults: true, doc: "A = -B; -MIN is a runtime error")
        case .addIK: OpcodeSpec("add.ik", [w(.a), r(.b), imm(.c)], faults: true, doc: "A = B + immediate C")
        case .subIK: OpcodeSpec("sub.ik", [w(.a), r(.b), imm(.c)], faults: true, doc: "A = B - immediate C")
        case .mulIK: OpcodeSpec("mul.ik", [w(.a), r(.b), imm(.c)], faults: true, doc: "A = B * immediate C")
        case .divIK: OpcodeSpec("div.ik", [w(.a), r(.b), imm(.c), Operand(.extra(0), .constant64)], extraWords: 1,
                                doc: "A = B / immediate C (C > 0); the extra word is C's reciprocal ⌈2^64 / C⌉")
        case .remIK: OpcodeSpec("rem.ik", [w(.a), r(.b), imm(.c), Operand(.extra(0), .constant64)], extraWords: 1,
                                doc: "A = B % immediate C (C > 0); the extra word is C's reciprocal ⌈2^64 / C⌉")

        // MARK: Float arithmetic and conversions
        case .addF: OpcodeSpec("add.f", [w(.a), r(.b), r(.c)], doc: "A = B + C (IEEE)")
        case .subF: OpcodeSpec("sub.f", [w(.a), r(.b), r(.c)], doc: "A = B - C (IEEE)")
        case .mulF: OpcodeSpec("mul.f", [w(.a), r(.b), r(.c)], doc: "A = B * C (IEEE)")
        case .divF: OpcodeSpec("div.f", [w(.a), r(.b), r(.c)], doc: "A = B / C (IEEE; dividing by zero gives inf or nan)")
        case .remF: OpcodeSpec("rem.f", [w(.a), r(.b), r(.c)], doc: "A = fmod(B, C)")
        case .negF: OpcodeSpec("neg.f", [w(.a), r(.b)], doc: "A = -B")
        case .i2f: OpcodeSpec("i2f", [w(.a), r(.b)], doc: "A = float(int B), the nearest float")
        case .mulAddF: OpcodeSpec("muladd.f", [w(.a), r(.b), r(.c), r(.x)], doc: "A = B * C + X (rounded twice)")
        case .mulSubF: OpcodeSpec("mulsub.f", [w(.a), r(.b), r(.c), r(.x)], doc: "A = B * C - X (rounded twice)")
        case .subMulF: OpcodeSpec("submul.f", [w(.a), r(.b), r(.c), r(.x)], doc: "A = X - B * C (rounded twice)")
        case .f2i: OpcodeSpec("f2i", [w(.a), r(.b)], faults: true,
                              doc: "A = int(float B) truncated; nan, infinities and out-of-range values are runtime errors")

        // MARK: Comparisons
        case .eqI: OpcodeSpec("eq.i", [w(.a), r(.b), r(.c)], doc: "A = int B == int C")
        case .neI: OpcodeSpec("ne.i", [w(.a), r(.b), r(.c)], doc: "A = int B != int C")
        case .ltI: OpcodeSpec("lt.i", [w(.a), r(.b), r(.c)], doc: "A = int B < int C")
        case .leI: OpcodeSpec("le.i", [w(.a), r(.b), r(.c)], doc: "A = int B <= int C")
        case .eqIK: OpcodeSpec("eq.ik", [w(.a), r(.b), imm(.c)], doc: "A = int B == immediate C")
        case .neIK: OpcodeSpec("ne.ik", [w(.a), r(.b), imm(.c)], doc: "A = int B != immediate C")
        case .ltIK: OpcodeSpec("lt.ik", [w(.a), r(.b), imm(.c)], doc: "A = int B < immediate C")
        case .leIK: OpcodeSpec("le.ik", [w(.a), r(.b), imm(.c)], doc: "A = int B <= immediate C")
        case .gtIK: OpcodeSpec("gt.ik", [w(.a), r(.b), imm(.c)], doc: "A = int B > immediate C")
        case .geIK: OpcodeSpec("ge.ik", [w(.a), r(.b), imm(.c)], doc: "A = int B >= immediate C")
        case .eqF: OpcodeSpec("eq.f", [w(.a), r(.b), r(.c)], doc: "A = float B == float C")
        case .neF: OpcodeSpec("ne.f", [w(.a), r(.b), r(.c)], doc: "A = float B != float C")
        case .ltF: OpcodeSpec("lt.f", [w(.a), r(.b), r(.c)], doc: "A = float B < float C")
        case .leF: OpcodeSpec("le.f", [w(.a), r(.b), r(.c)], doc: "A = float B <= float C")
        case .not: OpcodeSpec("not", [w(.a), r(.b)], doc: "A = !bool B")

        // MARK: Optionals
        case .isNull: OpcodeSpec("is.null", [w(.a), Operand(.b, .readOptRef)], doc: "A = (reference B is null)")
        case .checkFlag: OpcodeSpec("check.flag", [r(.a)], faults: true,
                                    doc: "runtime error 'unwrapped a null value' unless the presence flag A is set")
        case .checkNotNull: OpcodeSpec("check.notnull", [Operand(.a, .readOptRef)], faults: true,
                                       doc: "runtime error 'unwrapped a null value' if reference A is null")

        // MARK: Strings
        case .concat: OpcodeSpec("concat", [own(.a), ref(.b), ref(.c)], faults: true,
                                 doc: "A = string B followed by string C")
        case .concatN: OpcodeSpec("concat.n", [own(.a), Operand(.b, .readRefRange(count: .x)), Operand(.x, .count)],
                                  faults: true, doc: "A = the X strings in B, B+1, … joined")
        case .toStrI: OpcodeSpec("tostr.i", [own(.a), r(.b)], faults: true, doc: "A = the print form of int B")
        case .toStrF: OpcodeSpec("tostr.f", [own(.a), r(.b)], faults: true, doc: "A = the print form of float B")
        case .toStrB: OpcodeSpec("tostr.b", [Operand(.a, .writeBorrowed), r(.b)],
                                 doc: "A = \"true\" or \"false\" (borrowed constants)")
        case .eqS: OpcodeSpec("eq.s", [w(.a), ref(.b), ref(.c)], doc: "A = string B == string C (same scalars)")
        case .ltS: OpcodeSpec("lt.s", [w(.a), ref(.b), ref(.c)], doc: "A = string B < string C (by scalar values)")
        case .leS: OpcodeSpec("le.s", [w(.a), ref(.b), ref(.c)], doc: "A = string B <= string C (by scalar values)")
        case .eqRef: OpcodeSpec("eq.ref", [w(.a), Operand(.b, .readOptRef), Operand(.c, .readOptRef)],
                                doc: "A = B and C are the same object (or both null)")

        // MARK: Globals
        case .getGlobal: OpcodeSpec("get.global", [w(.a), Operand(.bc, .global)], doc: "A = scalar global BC")
        case .setGlobal: OpcodeSpec("set.global", [r(.a), Operand(.bc, .global)], doc: "scalar global BC = A")
        case .getGlobalRef: OpcodeSpec("get.global.ref", [Operand(.a, .writeOwned), Operand(.bc, .global)],
                                       doc: "A = reference global BC, counted (+1; null stays null)")
        case .setGlobalRef: OpcodeSpec("set.global.ref", [Operand(.a, .consume), Operand(.bc, .global)],
                                       doc: "reference global BC = A (taking A's reference); releases the old value")
        case .initGlobal: OpcodeSpec("init.global", [Operand(.bc, .global)],
                                     doc: "marks global BC as initialised (§3.2)")
        case .checkGlobal: OpcodeSpec("check.global", [Operand(.bc, .global)], faults: true,
                                      doc: "runtime error 'variable used before initialization' unless global BC is initialised")

        // MARK: Calls
        case .call: OpcodeSpec("call", [Operand(.a, .window), Operand(.bc, .function),
                                        Operand(.extra(0), .loaderPatched), Operand(.extra(1), .loaderPatched)],
                               extraWords: 2, control: .call, faults: true,
                               doc: "calls function BC with its frame at slot A (arguments in place, header below)")
        case .ret: OpcodeSpec("ret", [Operand(.a, .window), Operand(.x, .count)], control: .exit,
                              doc: "returns the X slots from A into the caller's result slots")
        case .ret0: OpcodeSpec("ret0", [], control: .exit, doc: "returns from a function with no result")
        case .callNative: OpcodeSpec("call.native", [Operand(.a, .window), Operand(.b, .window), Operand(.c, .native)],
                                     faults: true,
                                     doc: "calls native function C with arguments from slot A, results into slots from B")

        // MARK: Output and faults
        case .printLine: OpcodeSpec("print", [Operand(.a, .readRefRange(count: .x)), Operand(.x, .count)], faults: true,
                                    doc: "writes the X strings from A separated by spaces, then a line feed")
        case .assert: OpcodeSpec("assert", [r(.a), ref(.b)], faults: true,
                                 doc: "runtime error 'assertion failed: B' unless bool A is true")

        // MARK: Class instances, boxes and weak references (layouts in WritVM/Memory/HeapObjects.swift)
        case .new: OpcodeSpec("new", [own(.a), Operand(.bc, .type)], faults: true,
                              doc: "A = a new instance (or box) of type BC with every slot zero")
        case .getField: OpcodeSpec("get.field", [w(.a), ref(.b), Operand(.c, .count)],
                                   doc: "A = scalar slot C of object B")
        case .getFieldRef: OpcodeSpec("get.field.ref", [own(.a), ref(.b), Operand(.c, .count)],
                                      doc: "A = reference slot C of object B, counted (null stays null)")
        case .setField: OpcodeSpec("set.field", [ref(.a), Operand(.b, .count), r(.c)],
                                   doc: "scalar slot B of object A = C")
        case .setFieldRef: OpcodeSpec("set.field.ref", [ref(.a), Operand(.b, .count), Operand(.c, .consume)],
                                      doc: "reference slot B of object A = C, taking C's reference; releases the old value")
        case .getWeak: OpcodeSpec("get.weak", [own(.a), ref(.b), Operand(.c, .count)],
                                  doc: "A = the object weak slot C of B refers to, counted; null if it was freed or destroyed")
        case .setWeak: OpcodeSpec("set.weak", [ref(.a), Operand(.b, .count), Operand(.c, .readOptRef)],
                                  doc: "weak slot B of object A = C (not counted)")
        case .destroy: OpcodeSpec("destroy", [ref(.a)], doc: "marks object A destroyed: weak references to it read null")
        case .instanceOf: OpcodeSpec("instance.of", [w(.a), ref(.b), Operand(.c, .type)],
                                    doc: "A = object B is an instance of class C or a descendant")
        case .implements: OpcodeSpec("implements", [w(.a), ref(.b), Operand(.c, .trait)],
                                     doc: "A = object B's class implements trait C")
        case .castClass: OpcodeSpec("cast.class", [ref(.a), Operand(.bc, .type)], faults: true,
                                    doc: "runtime error 'cannot cast X to Y' unless object A is an instance of class BC")
        case .castTrait: OpcodeSpec("cast.trait", [ref(.a), Operand(.bc, .trait)], faults: true,
                                    doc: "runtime error 'cannot cast X to Y' unless object A implements trait BC")

        // MARK: Dynamic calls and closures
        case .callVirtual: OpcodeSpec("call.virtual", [Operand(.a, .window), Operand(.b, .count)], control: .call,
                                      faults: true,
                                      doc: "calls virtual method B of the receiver in slot A (argument 0), frame at A")
        case .callTrait: OpcodeSpec("call.trait", [Operand(.a, .window), Operand(.b, .trait), Operand(.c, .count)],
                                    control: .call, faults: true,
                                    doc: "calls method C of trait B on the receiver in slot A (argument 0), frame at A")
        case .callClosure: OpcodeSpec("call.closure", [Operand(.a, .window)], control: .call, faults: true,
                                      doc: "calls the closure in slot A (argument 0), frame at A")
        case .makeClosure: OpcodeSpec("make.closure", [own(.a), Operand(.b, .window), Operand(.c, .type),
                                                       Operand(.x, .count), Operand(.extra(0), .function),
                                                       Operand(.extra(1), .loaderPatched)],
                                      extraWords: 2, faults: true,
                                      doc: "A = a closure of type C over function E0 capturing the X slots from B (references counted)")
        case .getCapture: OpcodeSpec("get.capture", [w(.a), ref(.b), Operand(.c, .count)],
                                     doc: "A = scalar capture C of closure B")
        case .getCaptureRef: OpcodeSpec("get.capture.ref", [Operand(.a, .writeBorrowed), ref(.b), Operand(.c, .count)],
                                        doc: "A = reference capture C of closure B, borrowed (the closure keeps it)")

        // MARK: Arrays
        case .newArray: OpcodeSpec("new.array", [own(.a), Operand(.b, .window), Operand(.c, .type), Operand(.x, .count)],
                                   faults: true,
                                   doc: "A = a new array of type C holding X elements read from the slots from B (references counted)")
        case .arrayLength: OpcodeSpec("array.length", [w(.a), ref(.b)], doc: "A = the length of array B")
        case .arrayGet: OpcodeSpec("array.get", [w(.a), ref(.b), r(.c), Operand(.x, .count)], faults: true,
                                   doc: "A = scalar slot X of element C of array B; 'index out of range' unless 0 <= C < length")
        case .arrayGetRef: OpcodeSpec("array.get.ref", [own(.a), ref(.b), r(.c), Operand(.x, .count)], faults: true,
                                      doc: "A = reference slot X of element C of array B, counted")
        case .arrayGetByte: OpcodeSpec("array.get.byte", [w(.a), ref(.b), r(.c)], faults: true,
                                       doc: "A = element C of bool array B")
        case .arraySet: OpcodeSpec("array.set", [ref(.a), r(.b), r(.c), Operand(.x, .count)], faults: true,
                                   doc: "scalar slot X of element B of array A = C")
        case .arraySetRef: OpcodeSpec("array.set.ref", [ref(.a), r(.b), Operand(.c, .consume), Operand(.x, .count)],
                                      faults: true,
                                      doc: "reference slot X of element B of array A = C, taking C's reference; releases the old value")
        case .arraySetByte: OpcodeSpec("array.set.byte", [ref(.a), r(.b), r(.c)], faults: true,
                                       doc: "element B of bool array A = C")
        case .arrayPush: OpcodeSpec("array.push", [ref(.a), Operand(.b, .window)], faults: true,
                                    doc: "appends the element in the slots from B to array A (references counted)")
        case .arrayPop: OpcodeSpec("array.pop", [Operand(.a, .window), ref(.b)], faults: true,
                                   doc: "removes the last element of array B into the slots from A (its references move there)")
        case .arrayInsert: OpcodeSpec("array.insert", [ref(.a), r(.b), Operand(.c, .window)], faults: true,
                                      doc: "inserts the element in the slots from C before index B of array A (0 <= B <= length)")
        case .arrayRemove: OpcodeSpec("array.remove", [Operand(.a, .window), ref(.b), r(.c)], faults: true,
                                      doc: "removes element C of array B into the slots from A")

        // MARK: Dictionaries (insertion ordered; int or string keys)
        case .newDict: OpcodeSpec("new.dict", [own(.a), Operand(.bc, .type)], faults: true,
                                  doc: "A = a new empty dictionary of type BC")
        case .dictGet: OpcodeSpec("dict.get", [Operand(.a, .window), ref(.b), Operand(.c, .window)], faults: true,
                                  doc: "the Optional value of key C in dictionary B into the slots from A (counted)")
        case .dictSet: OpcodeSpec("dict.set", [ref(.a), Operand(.b, .window), Operand(.c, .window)], faults: true,
                                  doc: "dictionary A[key B] = the value in the slots from C (references counted)")
        case .dictHas: OpcodeSpec("dict.has", [w(.a), ref(.b), Operand(.c, .window)], doc: "A = dictionary B has key C")
        case .dictRemove: OpcodeSpec("dict.remove", [Operand(.a, .window), ref(.b), Operand(.c, .window)], faults: true,
                                     doc: "removes key C from dictionary B; its Optional value into the slots from A")
        case .dictLength: OpcodeSpec("dict.length", [w(.a), ref(.b)], doc: "A = the number of entries of dictionary B")
        case .dictKeys: OpcodeSpec("dict.keys", [own(.a), ref(.b), Operand(.c, .type)], faults: true,
                                   doc: "A = a new array (type C) of the keys of dictionary B in order")
        case .dictValues: OpcodeSpec("dict.values", [own(.a), ref(.b), Operand(.c, .type)], faults: true,
                                     doc: "A = a new array (type C) of the values of dictionary B in order")
        case .dictMerge: OpcodeSpec("dict.merge", [ref(.a), ref(.b)], faults: true,
                                    doc: "inserts or replaces every entry of dictionary B into dictionary A, in B's order")

        // MARK: String building
        case .append: OpcodeSpec("append", [Operand(.a, .consume), Operand(.b, .readRefRange(count: .x)),
                                            Operand(.x, .count)], faults: true,
                                 doc: "A = A followed by the X strings from B; appends in place when A's string is not shared")

        // MARK: Coroutines (WritVM/Semantics/StartAndYield.swift)
        case .startCall: OpcodeSpec("start", [Operand(.a, .window), Operand(.bc, .function), Operand(.x, .count)],
                                    faults: true,
                                    doc: "starts function BC as a new coroutine with the arguments from slot A (counted); X = 1: argument 0 owns it")
        case .startVirtual: OpcodeSpec("start.virtual", [Operand(.a, .window), Operand(.b, .count), Operand(.x, .count)],
                                       faults: true,
                                       doc: "starts virtual method B of the receiver in slot A as a new coroutine; X = 1: the receiver owns it")
        case .startTrait: OpcodeSpec("start.trait", [Operand(.a, .window), Operand(.b, .trait), Operand(.c, .count),
                                                     Operand(.x, .count)],
                                     faults: true,
                                     doc: "starts method C of trait B on the receiver in slot A as a new coroutine; X = 1: the receiver owns it")
        case .startClosure: OpcodeSpec("start.closure", [Operand(.a, .window), Operand(.x, .count)], faults: true,
                                       doc: "starts the closure in slot A as a new coroutine with the arguments after it")
        case .suspend: OpcodeSpec("yield", [Operand(.x, .count), Operand(.a, .window)], control: .suspend, faults: true,
                                doc: "suspends the running coroutine: X = 0 until the next frame, 1 for int A frames, 2 for float A seconds, 3 until closure A returns true")
        case .frameCount: OpcodeSpec("frame.count", [w(.a)], doc: "A = the number of the frame being run (0 in top-level code)")
        }
    }
}
