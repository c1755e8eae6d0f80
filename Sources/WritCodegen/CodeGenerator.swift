import WritBytecode
import WritIR

/// Turns IR into bytecode: allocates slots (`SlotAllocator`), selects instructions
/// (immediate and fused forms), lays out blocks so that branches fall through where they
/// can, interns string constants and records the line of every instruction.
///
/// This is the one module that sees both the IR and the instruction table: which
/// superinstructions exist and how far a jump can reach are decided here.
package enum CodeGenerator {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    package static func generate(_ program: IRProgram) throws(Failure) -> BytecodeProgram {
        var output = BytecodeProgram()
        output.globals = program.globals
        output.files = program.files
        output.entry = program.entry
        output.initializers = program.initializers
        output.types = program.types
        output.traitNames = program.traitNames
        var strings = StringTable()
        for function in program.functions {
            var emitter = FunctionEmitter(function, program: program)
            output.functions.append(try emitter.emit(strings: &strings))
        }
        output.strings = strings.strings
        return output
    }
}

/// Interned string constants of a program, keyed by their UTF-8 bytes: Swift's `String`
/// equality is canonical equivalence ("é" equals "e" + U+0301), Writ's is scalar equality.
struct StringTable {
    var strings: [String] = []
    var index: [[UInt8]: Int] = [:]

    mutating func intern(_ text: String) -> Int {
        let key = Array(text.utf8)
        if let existing = index[key] { return existing }
        strings.append(text)
        index[key] = strings.count - 1
        return strings.count - 1
    }
}

struct FunctionEmitter {
    let function: IRFunction
    let program: IRProgram
    var allocator: SlotAllocator
    var builder = CodeBuilder()
    var labels: [CodeBuilder.Label] = []
    /// Use 16-bit branch offsets (the function is small enough for every jump to reach).
    var shortBranches = true
    var scratchScalar = -1
    var returnScratch: [Int] = []
    /// Slots of kind owned, ascending.
    var ownedSlots: [Int] = []

    init(_ function: IRFunction, program: IRProgram) {
        self.function = function
        self.program = program
        allocator = SlotAllocator(function, liveness: Liveness(function))
    }

    func slot(_ reg: Reg) -> Int { allocator.slotOf[reg.index] }

    mutating func emit(strings: inout StringTable) throws(CodeGenerator.Failure) -> BytecodeFunction {
        allocator.run()
        // Every jump must fit a 16-bit field after the loader roughly doubles distances;
        // estimate the code size generously and fall back to 32-bit jumps for big functions.
        let instructionCount = function.blocks.reduce(0) { $0 + $1.instructions.count + 1 }
        shortBranches = instructionCount * 8 < 0x3000
        // Scratch slots the emitter needs beyond the registers.
        let needsScalarScratch = !shortBranches || function.blocks.contains { block in
            if case .compareBranch(let op, _, _, _, _) = block.terminator, op.operandsAreReferences { return true }
            return false
        } || function.blocks.contains { $0.instructions.contains {
            switch $0.op {
            case .binary(.neS, _, _, _), .binary(.neR, _, _, _), .fused: true
            default: false
            }
        } }
        if needsScalarScratch { scratchScalar = allocator.addSlot(.scalar) }
        if function.resultKinds.count > 1 {
            returnScratch = function.resultKinds.map { allocator.addSlot($0.slotKind) }
        }
        let slotKinds = allocator.finalSlotKinds
        guard slotKinds.count <= Limits.maxFrameSlots else {
            throw .init(description: "function '\(function.name)' needs \(slotKinds.count) slots; the limit is \(Limits.maxFrameSlots)")
        }

        labels = function.blocks.map { _ in builder.makeLabel() }
        // Prologue: clear the owned slots (the unwinder releases what they hold).
        ownedSlots = slotKinds.indices.filter { slotKinds[$0] == .owned }
        if !ownedSlots.isEmpty {
            builder.setLine(function.blocks.first?.instructions.first?.line ?? function.blocks.first?.terminatorLine ?? 0)
            emitClearOwned(from: 0)
        }
        var k = 0
        for (b, block) in function.blocks.enumerated() {
            builder.bind(labels[b])
            for instruction in block.instructions {
                builder.setLine(instruction.line)
                try emit(instruction.op, at: k, strings: &strings)
                k += 1
            }
            builder.setLine(block.terminatorLine)
            try emit(block.terminator, in: b)
            k += 1
        }
        do {
            try builder.finish()
        } catch {
            throw .init(description: "function '\(function.name)': jump does not fit (\(error))")
        }
        return BytecodeFunction(
            name: function.name, code: builder.code, slotKinds: slotKinds,
            parameterCount: function.parameters.count,
            resultKinds: function.resultKinds.map(\.slotKind), file: function.file, lines: builder.lines,
            isHelper: function.isHelper)
    }

    // MARK: Instructions

    mutating func emitMove(to destination: Int, from source: Int, kind: SlotKind) {
        guard destination != source else { return }
        switch kind {
        case .scalar: builder.emit(.move, a: destination, b: source)
        case .borrowed: builder.emit(.copyRef, a: destination, b: source)
        case .owned: builder.emit(.moveRef, a: destination, b: source)
        }
    }

    /// After a call returns, the slots from its callee's frame pointer up hold what the callee
    /// left there. Owned slots among them are dead here (a call's window lies above everything
    /// live across it) but the unwinder would release whatever they hold, so they are cleared.
    mutating func emitClearOwned(from calleeFrame: Int) {
        guard let first = ownedSlots.first(where: { $0 >= calleeFrame }), let last = ownedSlots.last else { return }
        var start = first
        while start <= last {
            let count = min(last - start + 1, Limits.maxListOperands)
            builder.emit(.zero, x: count, a: start)
            start += count
        }
    }

    mutating func emitWindowed(_ op: IROp, at k: Int) {
        guard let window = allocator.windows[k] else { preconditionFailure("no window for a windowed instruction") }
        // Arguments not computed in place are copied into the window.
        for (position, argument) in window.arguments.enumerated() where !window.eligibleArguments.contains(position) {
            let destination = window.argumentBase + position
            let kind: SlotKind = window.argumentKinds[position] == .scalar ? .scalar : .borrowed
            emitMove(to: destination, from: slot(argument), kind: kind)
        }
        switch op {
        case .call(let index, _, _):
            builder.emit(.call, a: window.argumentBase, bc: index, extra: [0, 0])
        case .callDynamic(let kind, _, _):
            switch kind {
            case .virtual(let slot): builder.emit(.callVirtual, a: window.argumentBase, b: slot)
            case .trait(let trait, let method): builder.emit(.callTrait, a: window.argumentBase, b: trait, c: method)
            case .closure: builder.emit(.callClosure, a: window.argumentBase)
            }
        case .object(let objectOp, let defs, let uses):
            emitWindowedObject(objectOp, defs: defs, uses: uses, window: window)
        case .callNative(let native, _, _):
            builder.emit(.callNative, a: window.argumentBase, b: window.base, c: Int(native.rawValue))
        case .startCoroutine(let target, _, let owner):
            let x = owner ? 1 : 0
            switch target {
            case .function(let index): builder.emit(.startCall, x: x, a: window.argumentBase, bc: index)
            case .dynamic(.virtual(let slot)): builder.emit(.startVirtual, x: x, a: window.argumentBase, b: slot)
            case .dynamic(.trait(let trait, let method)):
                builder.emit(.startTrait, x: x, a: window.argumentBase, b: trait, c: method)
            case .dynamic(.closure): builder.emit(.startClosure, x: x, a: window.argumentBase)
            }
        case .print(let values):
            builder.emit(.printLine, x: values.count, a: window.argumentBase)
        case .concat(let destination, let parts):
            builder.emit(.concatN, x: parts.count, a: slot(destination), b: window.argumentBase)
        default:
            preconditionFailure("not a windowed instruction")
        }
        if window.hasHeader { emitClearOwned(from: window.argumentBase) }
        for (position, result) in window.results.enumerated() where !window.eligibleResults.contains(position) {
            emitMove(to: slot(result), from: window.base + position, kind: window.resultKinds[position])
        }
    }

    /// Object operations whose results or arguments sit in a window.
    mutating func emitWindowedObject(_ op: ObjectOp, defs: [Reg], uses: [Reg], window: SlotAllocator.Window) {
        let count = window.arguments.count
        switch op {
        case .makeClosure(let function, let type):
            builder.emit(.makeClosure, x: count, a: slot(defs[0]), b: window.argumentBase, c: type,
                         extra: [UInt64(function), 0])
        case .newArray(let type, let elements):
            builder.emit(.newArray, x: elements, a: slot(defs[0]), b: window.argumentBase, c: type)
        case .arrayPush:
            builder.emit(.arrayPush, a: slot(uses[0]), b: window.argumentBase)
        case .arrayInsert:
            builder.emit(.arrayInsert, a: slot(uses[0]), b: slot(uses[1]), c: window.argumentBase)
        case .arrayPop:
            builder.emit(.arrayPop, a: window.base, b: slot(uses[0]))
        case .arrayRemove:
            builder.emit(.arrayRemove, a: window.base, b: slot(uses[0]), c: slot(uses[1]))
        case .dictGet:
            builder.emit(.dictGet, a: window.base, b: slot(uses[0]), c: slot(uses[1]))
        case .dictRemove:
            builder.emit(.dictRemove, a: window.base, b: slot(uses[0]), c: slot(uses[1]))
        case .dictSet:
            builder.emit(.dictSet, a: slot(uses[0]), b: slot(uses[1]), c: window.argumentBase)
        case .append:
            builder.emit(.append, x: count, a: slot(uses[0]), b: window.argumentBase)
        default:
            preconditionFailure("\(op) has no window")
        }
    }

    mutating func emitObject(_ op: ObjectOp, defs: [Reg], uses: [Reg]) {
        switch op {
        case .new(let type):
            builder.emit(.new, a: slot(defs[0]), bc: type)
        case .getField(let field, let weak):
            let opcode: Opcode = weak ? .getWeak : (function.kind(defs[0]).isReference ? .getFieldRef : .getField)
            builder.emit(opcode, a: slot(defs[0]), b: slot(uses[0]), c: field)
        case .setField(let field, let weak):
            let opcode: Opcode = weak ? .setWeak : (function.kind(uses[1]).isReference ? .setFieldRef : .setField)
            builder.emit(opcode, a: slot(uses[0]), b: field, c: slot(uses[1]))
        case .destroy:
            builder.emit(.destroy, a: slot(uses[0]))
        case .instanceOf(let type):
            builder.emit(.instanceOf, a: slot(defs[0]), b: slot(uses[0]), c: type)
        case .implements(let trait):
            builder.emit(.implements, a: slot(defs[0]), b: slot(uses[0]), c: trait)
        case .castClass(let type):
            builder.emit(.castClass, a: slot(uses[0]), bc: type)
        case .castTrait(let trait):
            builder.emit(.castTrait, a: slot(uses[0]), bc: trait)
        case .getCapture(let index):
            builder.emit(function.kind(defs[0]).isReference ? .getCaptureRef : .getCapture,
                         a: slot(defs[0]), b: slot(uses[0]), c: index)
        case .arrayLength:
            builder.emit(.arrayLength, a: slot(defs[0]), b: slot(uses[0]))
        case .arrayGet(let field, let byte):
            let opcode: Opcode = byte ? .arrayGetByte : (function.kind(defs[0]).isReference ? .arrayGetRef : .arrayGet)
            builder.emit(opcode, x: byte ? 0 : field, a: slot(defs[0]), b: slot(uses[0]), c: slot(uses[1]))
        case .arraySet(let field, let byte):
            let opcode: Opcode = byte ? .arraySetByte : (function.kind(uses[2]).isReference ? .arraySetRef : .arraySet)
            builder.emit(opcode, x: byte ? 0 : field, a: slot(uses[0]), b: slot(uses[1]), c: slot(uses[2]))
        case .newDict(let type):
            builder.emit(.newDict, a: slot(defs[0]), bc: type)
        case .dictHas:
            builder.emit(.dictHas, a: slot(defs[0]), b: slot(uses[0]), c: slot(uses[1]))
        case .dictLength:
            builder.emit(.dictLength, a: slot(defs[0]), b: slot(uses[0]))
        case .dictKeys(let type):
            builder.emit(.dictKeys, a: slot(defs[0]), b: slot(uses[0]), c: type)
        case .dictValues(let type):
            builder.emit(.dictValues, a: slot(defs[0]), b: slot(uses[0]), c: type)
        case .dictMerge:
            builder.emit(.dictMerge, a: slot(uses[0]), b: slot(uses[1]))
        case .makeClosure, .newArray, .arrayPush, .arrayInsert, .arrayPop, .arrayRemove, .dictGet, .dictRemove,
             .dictSet, .append:
            preconditionFailure("windowed object operations are emitted by emitWindowedObject")
        }
    }

    mutating func emit(_ op: IROp, at k: Int, strings: inout StringTable) throws(CodeGenerator.Failure) {
        if op.isWindowed {
            emitWindowed(op, at: k)
            return
        }
        switch op {
        case .constInt(let d, let value):
            if value >= Int64(Int32.min) && value <= Int64(Int32.max) {
                builder.emit(.loadI, a: slot(d), bc: Int(value))
            } else {
                builder.emit(.loadK, a: slot(d), extra: [UInt64(bitPattern: value)])
            }
        case .constFloat(let d, let value):
            builder.emit(.loadK, a: slot(d), extra: [value.bitPattern])
        case .constString(let d, let text):
            builder.emit(.loadStr, a: slot(d), bc: strings.intern(text), extra: [0])
        case .constNull(let d):
            builder.emit(.loadNull, a: slot(d))
        case .move(let d, let s):
            emitMove(to: slot(d), from: slot(s), kind: function.kind(d).isReference ? .borrowed : .scalar)
        case .moveOwned(let d, let s):
            emitMove(to: slot(d), from: slot(s), kind: .owned)
        case .retain(let d, let s):
            builder.emit(function.kind(s).isNullable ? .retainOpt : .retain, a: slot(d), b: slot(s))
        case .release(let r):
            builder.emit(function.kind(r).isNullable ? .releaseOpt : .release, a: slot(r))
        case .binary(let bop, let d, let a, let b):
            emitBinary(bop, slot(d), slot(a), b)
        case .unary(let uop, let d, let a):
            let opcode: Opcode = switch uop {
            case .negI: .negI
            case .negF: .negF
            case .not: .not
            case .intToFloat: .i2f
            case .floatToInt: .f2i
            case .intToString: .toStrI
            case .floatToString: .toStrF
            case .boolToString: .toStrB
            }
            builder.emit(opcode, a: slot(d), b: slot(a))
        case .fused(let op, let d, let a, let b, let c):
            if slot(c) <= 0xFF {
                let opcode: Opcode = switch op {
                case .mulAddF: .mulAddF
                case .mulSubF: .mulSubF
                case .subMulF: .subMulF
                }
                builder.emit(opcode, x: slot(c), a: slot(d), b: slot(a), c: slot(b))
            } else {
                // The addend's slot does not fit the 8-bit X field: the two instructions.
                builder.emit(.mulF, a: scratchScalar, b: slot(a), c: slot(b))
                switch op {
                case .mulAddF: builder.emit(.addF, a: slot(d), b: scratchScalar, c: slot(c))
                case .mulSubF: builder.emit(.subF, a: slot(d), b: scratchScalar, c: slot(c))
                case .subMulF: builder.emit(.subF, a: slot(d), b: slot(c), c: scratchScalar)
                }
            }
        case .concat(let d, let parts):
            builder.emit(.concat, a: slot(d), b: slot(parts[0]), c: slot(parts[1]))
        case .getGlobal(let d, let global):
            builder.emit(function.kind(d).isReference ? .getGlobalRef : .getGlobal, a: slot(d), bc: global)
        case .setGlobal(let global, let r):
            builder.emit(function.kind(r).isReference ? .setGlobalRef : .setGlobal, a: slot(r), bc: global)
        case .initGlobal(let global):
            builder.emit(.initGlobal, bc: global)
        case .checkGlobal(let global):
            builder.emit(.checkGlobal, bc: global)
        case .assert(let condition, let message):
            builder.emit(.assert, a: slot(condition), b: slot(message))
        case .refIsNull(let d, let r):
            builder.emit(.isNull, a: slot(d), b: slot(r))
        case .checkPresent(let r):
            builder.emit(function.kind(r).isReference ? .checkNotNull : .checkFlag, a: slot(r))
        case .interruptCheck:
            // The back-edge that follows checks for interrupts itself: a taken backward
            // branch spends fuel in the VM (see Semantics/Control.swift).
            break
        case .object(let objectOp, let defs, let uses):
            emitObject(objectOp, defs: defs, uses: uses)
        case .suspend(let kind, let value):
            builder.emit(.suspend, x: kind.rawValue, a: value.map(slot) ?? 0)
        case .frameCount(let d):
            builder.emit(.frameCount, a: slot(d))
        case .call, .callNative, .print, .callDynamic, .startCoroutine:
            preconditionFailure("windowed instructions are emitted by emitWindowed")
        }
    }

    mutating func emitBinary(_ op: BinaryOp, _ d: Int, _ a: Int, _ b: IROperand) {
        switch b {
        case .imm(let value):
            let immediate = Int(value)
            switch op {
            case .addI: builder.emit(.addIK, a: d, b: a, c: immediate)
            case .subI: builder.emit(.subIK, a: d, b: a, c: immediate)
            case .mulI: builder.emit(.mulIK, a: d, b: a, c: immediate)
            case .divI: builder.emit(.divIK, a: d, b: a, c: immediate, extra: [CodeBuilder.reciprocal(of: immediate)])
            case .remI: builder.emit(.remIK, a: d, b: a, c: immediate, extra: [CodeBuilder.reciprocal(of: immediate)])
            case .eqI: builder.emit(.eqIK, a: d, b: a, c: immediate)
            case .neI: builder.emit(.neIK, a: d, b: a, c: immediate)
            case .ltI: builder.emit(.ltIK, a: d, b: a, c: immediate)
            case .leI: builder.emit(.leIK, a: d, b: a, c: immediate)
            case .gtI: builder.emit(.gtIK, a: d, b: a, c: immediate)
            case .geI: builder.emit(.geIK, a: d, b: a, c: immediate)
            default: preconditionFailure("\(op.rawValue) has no immediate form")
            }
        case .reg(let rb):
            let c = slot(rb)
            switch op {
            case .addI: builder.emit(.addI, a: d, b: a, c: c)
            case .subI: builder.emit(.subI, a: d, b: a, c: c)
            case .mulI: builder.emit(.mulI, a: d, b: a, c: c)
            case .divI: builder.emit(.divI, a: d, b: a, c: c)
            case .remI: builder.emit(.remI, a: d, b: a, c: c)
            case .addF: builder.emit(.addF, a: d, b: a, c: c)
            case .subF: builder.emit(.subF, a: d, b: a, c: c)
            case .mulF: builder.emit(.mulF, a: d, b: a, c: c)
            case .divF: builder.emit(.divF, a: d, b: a, c: c)
            case .remF: builder.emit(.remF, a: d, b: a, c: c)
            case .eqI: builder.emit(.eqI, a: d, b: a, c: c)
            case .neI: builder.emit(.neI, a: d, b: a, c: c)
            case .ltI: builder.emit(.ltI, a: d, b: a, c: c)
            case .leI: builder.emit(.leI, a: d, b: a, c: c)
            case .gtI: builder.emit(.ltI, a: d, b: c, c: a)
            case .geI: builder.emit(.leI, a: d, b: c, c: a)
            case .eqF: builder.emit(.eqF, a: d, b: a, c: c)
            case .neF: builder.emit(.neF, a: d, b: a, c: c)
            case .ltF: builder.emit(.ltF, a: d, b: a, c: c)
            case .leF: builder.emit(.leF, a: d, b: a, c: c)
            case .gtF: builder.emit(.ltF, a: d, b: c, c: a)
            case .geF: builder.emit(.leF, a: d, b: c, c: a)
            case .eqS: builder.emit(.eqS, a: d, b: a, c: c)
            case .neS:
                builder.emit(.eqS, a: d, b: a, c: c)
                builder.emit(.not, a: d, b: d)
            case .ltS: builder.emit(.ltS, a: d, b: a, c: c)
            case .leS: builder.emit(.leS, a: d, b: a, c: c)
            case .gtS: builder.emit(.ltS, a: d, b: c, c: a)
            case .geS: builder.emit(.leS, a: d, b: c, c: a)
            case .eqR: builder.emit(.eqRef, a: d, b: a, c: c)
            case .neR:
                builder.emit(.eqRef, a: d, b: a, c: c)
                builder.emit(.not, a: d, b: d)
            }
        }
    }

    // MARK: Terminators

    mutating func emit(_ terminator: Terminator, in b: Int) throws(CodeGenerator.Failure) {
        let next = b + 1
        switch terminator {
        case .jump(let target):
            if target.index != next { builder.emitJump(.jump, to: labels[target.index]) }
        case .branch(let condition, let thenBlock, let elseBlock):
            emitConditional(thenBlock: thenBlock, elseBlock: elseBlock, next: next,
                            whenTrue: { emitter, label in emitter.builder.emitJump(.jumpIf, a: emitter.slot(condition), to: label) },
                            whenFalse: { emitter, label in emitter.builder.emitJump(.jumpIfNot, a: emitter.slot(condition), to: label) })
        case .compareBranch(let op, let lhs, let rhs, let thenBlock, let elseBlock):
            emitConditional(thenBlock: thenBlock, elseBlock: elseBlock, next: next,
                            whenTrue: { emitter, label in emitter.emitCompareJump(op, lhs, rhs, negated: false, to: label) },
                            whenFalse: { emitter, label in emitter.emitCompareJump(op, lhs, rhs, negated: true, to: label) })
        case .forLoop(let counter, let last, let body, let exit):
            if shortBranches {
                builder.emitJump(.forLoopI, a: slot(counter), b: slot(last), to: labels[body.index])
            } else {
                let done = builder.makeLabel()
                builder.emit(.ltI, a: scratchScalar, b: slot(counter), c: slot(last))
                builder.emitJump(.jumpIfNot, a: scratchScalar, to: done)
                builder.emit(.addIK, a: slot(counter), b: slot(counter), c: 1)
                builder.emitJump(.jump, to: labels[body.index])
                builder.bind(done)
            }
            if exit.index != next { builder.emitJump(.jump, to: labels[exit.index]) }
        case .ret(let values):
            switch values.count {
            case 0: builder.emit(.ret0)
            case 1: builder.emit(.ret, x: 1, a: slot(values[0]))
            default:
                let slots = values.map(slot)
                if slots == Array(slots[0]..<(slots[0] + slots.count)) {
                    builder.emit(.ret, x: values.count, a: slots[0])
                } else {
                    for (index, value) in values.enumerated() {
                        emitMove(to: returnScratch[index], from: slot(value), kind: function.kind(value).slotKind)
                    }
                    builder.emit(.ret, x: values.count, a: returnScratch[0])
                }
            }
        case .halt, .unreachable:
            builder.emit(.halt)
        }
    }

    /// Emits a two-way branch, falling through to whichever successor comes next.
    mutating func emitConditional(thenBlock: BlockID, elseBlock: BlockID, next: Int,
                                  whenTrue: (inout FunctionEmitter, CodeBuilder.Label) -> Void,
                                  whenFalse: (inout FunctionEmitter, CodeBuilder.Label) -> Void)
    {
        if elseBlock.index == next {
            whenTrue(&self, labels[thenBlock.index])
        } else if thenBlock.index == next {
            whenFalse(&self, labels[elseBlock.index])
        } else {
            whenTrue(&self, labels[thenBlock.index])
            builder.emitJump(.jump, to: labels[elseBlock.index])
        }
    }

    /// Jumps to `label` when `lhs op rhs` holds (or, `negated`, when it does not).
    mutating func emitCompareJump(_ op: BinaryOp, _ lhs: Reg, _ rhs: IROperand, negated: Bool, to label: CodeBuilder.Label) {
        let a = slot(lhs)
        if !shortBranches || op.operandsAreReferences {
            emitBinary(op, scratchScalar, a, rhs)
            builder.emitJump(negated ? .jumpIfNot : .jumpIf, a: scratchScalar, to: label)
            return
        }
        switch rhs {
        case .imm(let value):
            let effective = negated ? op.negatedIntComparison : op
            let opcode: Opcode = switch effective {
            case .ltI: .jltIK
            case .leI: .jleIK
            case .gtI: .jgtIK
            case .geI: .jgeIK
            case .eqI: .jeqIK
            default: .jneIK
            }
            builder.emitJump(opcode, a: a, b: Int(value), to: label)
        case .reg(let rb):
            let b = slot(rb)
            if op.operandsAreFloat {
                // NaN: the negation of `a < b` is "not less", not `a >= b`.
                let (opcode, x, y): (Opcode, Int, Int) = switch (op, negated) {
                case (.ltF, false): (.jltF, a, b)
                case (.leF, false): (.jleF, a, b)
                case (.gtF, false): (.jltF, b, a)
                case (.geF, false): (.jleF, b, a)
                case (.eqF, false): (.jeqF, a, b)
                case (.neF, false): (.jneF, a, b)
                case (.ltF, true): (.jnltF, a, b)
                case (.leF, true): (.jnleF, a, b)
                case (.gtF, true): (.jnltF, b, a)
                case (.geF, true): (.jnleF, b, a)
                case (.eqF, true): (.jneF, a, b)
                default: (.jeqF, a, b)
                }
                builder.emitJump(opcode, a: x, b: y, to: label)
            } else {
                let effective = negated ? op.negatedIntComparison : op
                let (opcode, x, y): (Opcode, Int, Int) = switch effective {
                case .ltI: (.jltI, a, b)
                case .leI: (.jleI, a, b)
                case .gtI: (.jltI, b, a)
                case .geI: (.jleI, b, a)
                case .eqI: (.jeqI, a, b)
                default: (.jneI, a, b)
                }
                builder.emitJump(opcode, a: x, b: y, to: label)
            }
        }
    }
}

extension BinaryOp {
    /// The int comparison that holds exactly when this one does not.
    var negatedIntComparison: BinaryOp {
        switch self {
        case .ltI: .geI
        case .leI: .gtI
        case .gtI: .leI
        case .geI: .ltI
        case .eqI: .neI
        case .neI: .eqI
        default: preconditionFailure("not an int comparison")
        }
    }
}
