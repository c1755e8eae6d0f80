import WritBytecode
import WritIR

/// Maps a function's virtual registers to frame slots (design.md §3).
///
/// Rules:
/// - parameters take slots 0, 1, … for the whole function;
/// - a slot has one kind (scalar, owned, borrowed) for the whole function, so two registers
///   share a slot only if their kinds match and their live intervals do not overlap;
/// - instructions that take a list of consecutive slots — calls, native calls, `print`,
///   `concat` of more than two parts — get a *window* (see InstructionSet.swift for a
///   call's: results, two header slots, arguments). Arguments computed just for the window
///   (defined once after the previous window, used only there) are allocated straight into
///   their window slot, and so are results defined only by the call; other values are moved
///   in and out around the instruction;
/// - a call's window lies above every register live across the call, because the callee's
///   frame starts inside it and may overwrite every slot above.
struct SlotAllocator {
    let function: IRFunction
    let liveness: Liveness
    /// Every instruction in layout order: block and index (nil for the terminator).
    let order: [(block: Int, index: Int?)]

    private(set) var slotOf: [Int]
    private(set) var slotKinds: [SlotKind?] = []
    /// Last position at which each slot's current occupant is live (-1: free).
    private var busyUntil: [Int] = []
    /// Slots set aside for a window between two positions.
    private var reservations: [(slots: Range<Int>, from: Int, to: Int)] = []
    private(set) var windows: [Int: Window] = [:]
    /// Highest slot + 1 that any window needs (arguments above the header included).
    private(set) var windowTop = 0

    struct Window {
        /// Instruction number of the windowed instruction.
        var instruction: Int
        var results: [Reg]
        var arguments: [Reg]
        var hasHeader: Bool
        var resultKinds: [SlotKind]
        var argumentKinds: [SlotKind]
        /// Arguments (by position) computed straight into their slot.
        var eligibleArguments: Set<Int>
        var eligibleResults: Set<Int>
        /// Instruction number where the window's slots start being used.
        var spanStart: Int
        /// First slot of the window.
        var base = 0

        var size: Int { results.count + (hasHeader ? 2 : 0) + arguments.count }
        var argumentBase: Int { base + results.count + (hasHeader ? 2 : 0) }
        var kinds: [SlotKind] {
            resultKinds + (hasHeader ? [.scalar, .scalar] : []) + argumentKinds
        }
    }

    init(_ function: IRFunction, liveness: Liveness) {
        self.function = function
        self.liveness = liveness
        var order: [(Int, Int?)] = []
        for (b, block) in function.blocks.enumerated() {
            for i in block.instructions.indices { order.append((b, i)) }
            order.append((b, nil))
        }
        self.order = order
        slotOf = Array(repeating: -1, count: function.registers.count)
    }

    func op(at k: Int) -> IROp? {
        let (b, i) = order[k]
        guard let i else { return nil }
        return function.blocks[b].instructions[i].op
    }

    func slotKind(_ reg: Reg) -> SlotKind { function.kind(reg).slotKind }

    // MARK: Windows

    mutating func planWindows() {
        let parameters = Set(function.parameters)
        var defCount = Array(repeating: 0, count: function.registers.count)
        var useCount = Array(repeating: 0, count: function.registers.count)
        var defAt = Array(repeating: -1, count: function.registers.count)
        for k in order.indices {
            if let op = op(at: k) {
                for d in op.defs {
                    defCount[d.index] += 1
                    defAt[d.index] = k
                }
                for u in op.uses { useCount[u.index] += 1 }
            } else {
                let terminator = function.blocks[order[k].block].terminator
                for d in terminator.defs { defCount[d.index] += 1 }
                for u in terminator.uses { useCount[u.index] += 1 }
            }
        }
        var previousWindow = -1
        for k in order.indices {
            if order[k].index == nil {
                // Windows never span blocks.
                previousWindow = k
                continue
            }
            guard let op = op(at: k), op.isWindowed else { continue }
            guard let shape = Self.windowShape(op) else { continue }
            var window = Window(instruction: k, results: shape.results, arguments: shape.arguments,
                                hasHeader: shape.hasHeader, resultKinds: shape.results.map(slotKind),
                                argumentKinds: shape.arguments.map {
                                    function.kind($0).isReference ? .borrowed : .scalar
                                },
                                eligibleArguments: [], eligibleResults: [], spanStart: k)
            // Arguments defined once, after the previous window, in this block, by an
            // ordinary instruction, and read only here. Calls take scalars and borrowed
            // references in their argument slots; print and concat read any reference, so
            // an owned temporary is allocated there with its own kind.
            var candidates: [(position: Int, def: Int)] = []
            for (position, argument) in window.arguments.enumerated() {
                let d = defAt[argument.index]
                guard !parameters.contains(argument), defCount[argument.index] == 1, useCount[argument.index] == 1,
                      d > previousWindow, d < k, let defining = self.op(at: d), !defining.isWindowed,
                      shape.ownedArgumentsAllowed || !function.kind(argument).isOwned
                else { continue }
                candidates.append((position, d))
            }
            // A register that starts inside the span and lives across a call must get a
            // slot below the window, which is chosen at the span's start: drop arguments
            // defined before such a register.
            if window.hasHeader {
                while let first = candidates.map(\.def).min() {
                    var latest = -1
                    for r in 0..<function.registers.count where liveness.exists(Reg(r)) {
                        let start = liveness.intervalStart[r]
                        if start > 2 * first && start < 2 * k && liveness.intervalEnd[r] > 2 * k + 1 {
                            latest = max(latest, start)
                        }
                    }
                    if latest < 0 { break }
                    candidates.removeAll { 2 * $0.def < latest }
                }
            }
            for candidate in candidates {
                window.eligibleArguments.insert(candidate.position)
                if shape.ownedArgumentsAllowed {
                    window.argumentKinds[candidate.position] = slotKind(window.arguments[candidate.position])
                }
            }
            window.spanStart = candidates.map(\.def).min() ?? k
            for (position, result) in window.results.enumerated() where defCount[result.index] == 1 {
                window.eligibleResults.insert(position)
            }
            windows[k] = window
            previousWindow = k
        }
    }

    /// The registers of an instruction that need consecutive slots: results (written by the
    /// instruction) and arguments (read by it), and whether a call header sits between them.
    struct WindowShape {
        var results: [Reg]
        var arguments: [Reg]
        var hasHeader: Bool
        /// Whether an owned temporary may sit in an argument slot (the instruction only
        /// reads it): not for calls, whose argument slots become the callee's borrowed
        /// parameters.
        var ownedArgumentsAllowed: Bool
    }

    static func windowShape(_ op: IROp) -> WindowShape? {
        switch op {
        case .call(_, let arguments, let results), .callDynamic(_, let arguments, let results):
            return WindowShape(results: results, arguments: arguments, hasHeader: true, ownedArgumentsAllowed: false)
        case .callNative(_, let arguments, let results):
            return WindowShape(results: results, arguments: arguments, hasHeader: false, ownedArgumentsAllowed: false)
        case .startCoroutine(_, let arguments, _):
            // The VM copies the arguments into the coroutine's own stack and counts them.
            return WindowShape(results: [], arguments: arguments, hasHeader: false, ownedArgumentsAllowed: true)
        case .print(let values):
            return WindowShape(results: [], arguments: values, hasHeader: false, ownedArgumentsAllowed: true)
        case .concat(_, let parts) where parts.count > 2:
            return WindowShape(results: [], arguments: parts, hasHeader: false, ownedArgumentsAllowed: true)
        case .object(let objectOp, let defs, let uses):
            let results = objectOp.windowedDefs.map { Array(defs[$0...]) } ?? []
            let arguments = objectOp.windowedUses.map { Array(uses[$0...]) } ?? []
            guard !results.isEmpty || objectOp.windowedUses != nil else { return nil }
            return WindowShape(results: results, arguments: arguments, hasHeader: false, ownedArgumentsAllowed: true)
        default:
            return nil
        }
    }

    // MARK: Allocation

    private mutating func ensureSlot(_ slot: Int) {
        while slotKinds.count <= slot {
            slotKinds.append(nil)
            busyUntil.append(-1)
        }
    }

    private func isReserved(_ slot: Int, from: Int, to: Int) -> Bool {
        reservations.contains { $0.slots.contains(slot) && $0.from <= to && from <= $0.to }
    }

    private func canUse(_ slot: Int, kind: SlotKind, from: Int, to: Int) -> Bool {
        if slot < slotKinds.count {
            if let existing = slotKinds[slot], existing != kind { return false }
            if busyUntil[slot] >= from { return false }
        }
        return !isReserved(slot, from: from, to: to)
    }

    private mutating func occupy(_ slot: Int, with reg: Reg, kind: SlotKind) {
        ensureSlot(slot)
        slotKinds[slot] = kind
        busyUntil[slot] = max(busyUntil[slot], liveness.intervalEnd[reg.index])
        slotOf[reg.index] = slot
    }

    private mutating func allocate(_ reg: Reg) {
        let kind = slotKind(reg)
        let from = liveness.intervalStart[reg.index]
        let to = liveness.intervalEnd[reg.index]
        var slot = 0
        while !canUse(slot, kind: kind, from: from, to: to) { slot += 1 }
        occupy(slot, with: reg, kind: kind)
    }

    private mutating func placeWindow(_ k: Int) {
        guard var window = windows[k] else { return }
        let from = 2 * window.spanStart
        let to = 2 * k + 1
        var base = 0
        if window.hasHeader {
            // Above every register live across the call.
            for r in 0..<function.registers.count where slotOf[r] >= 0 && liveness.isLiveAcross(Reg(r), instruction: k) {
                base = max(base, slotOf[r] + 1)
            }
        }
        let kinds = window.kinds
        search: while true {
            for (offset, kind) in kinds.enumerated() where !canUse(base + offset, kind: kind, from: from, to: to) {
                base += 1
                continue search
            }
            break
        }
        window.base = base
        for (offset, kind) in kinds.enumerated() {
            ensureSlot(base + offset)
            slotKinds[base + offset] = kind
        }
        reservations.append((base..<(base + window.size), from, to))
        windowTop = max(windowTop, base + window.size)
        for position in window.eligibleArguments {
            occupy(window.argumentBase + position, with: window.arguments[position], kind: kinds[window.results.count
                + (window.hasHeader ? 2 : 0) + position])
        }
        for position in window.eligibleResults {
            occupy(base + position, with: window.results[position], kind: kinds[position])
        }
        windows[k] = window
    }

    mutating func run() {
        planWindows()
        let end = 2 * order.count + 2
        for (index, parameter) in function.parameters.enumerated() {
            ensureSlot(index)
            slotKinds[index] = slotKind(parameter)
            busyUntil[index] = end
            slotOf[parameter.index] = index
        }
        // Registers in order of their interval's start; windows placed at their span start.
        let registers = (0..<function.registers.count)
            .filter { liveness.exists(Reg($0)) && slotOf[$0] < 0 }
            .sorted { liveness.intervalStart[$0] < liveness.intervalStart[$1] }
        let windowStarts = windows.values.sorted { ($0.spanStart, $0.instruction) < ($1.spanStart, $1.instruction) }
        var nextWindow = 0
        var nextRegister = 0
        for k in order.indices {
            while nextWindow < windowStarts.count && windowStarts[nextWindow].spanStart == k {
                placeWindow(windowStarts[nextWindow].instruction)
                nextWindow += 1
            }
            while nextRegister < registers.count && liveness.intervalStart[registers[nextRegister]] <= 2 * k + 1 {
                let r = registers[nextRegister]
                if slotOf[r] < 0 { allocate(Reg(r)) }
                nextRegister += 1
            }
        }
    }

    /// Adds a slot of `kind` above everything (scratch space for the emitter).
    mutating func addSlot(_ kind: SlotKind) -> Int {
        let slot = max(slotKinds.count, windowTop)
        ensureSlot(slot)
        slotKinds[slot] = kind
        busyUntil[slot] = Int.max
        windowTop = max(windowTop, slot + 1)
        return slot
    }

    /// The kinds of all slots; slots no register used are scalar.
    var finalSlotKinds: [SlotKind] {
        var kinds = slotKinds.map { $0 ?? .scalar }
        while kinds.count < windowTop { kinds.append(.scalar) }
        return kinds
    }
}
