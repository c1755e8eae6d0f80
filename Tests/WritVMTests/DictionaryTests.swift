import Testing
import WritBytecode
@testable import WritVM

/// Dictionaries (language.md §18.2) through hand-assembled bytecode, under every dispatch
/// strategy; every test ends by checking that tear-down leaves no object and no byte.
struct DictionaryTests {
    /// A reference model of an insertion-ordered dictionary: each key remembers when it was
    /// (re)inserted.
    struct Model {
        var entries: [Int: (order: Int, value: Int)] = [:]
        var clock = 0
        mutating func set(_ key: Int, _ value: Int) {
            if let old = entries[key] {
                entries[key] = (old.order, value)
            } else {
                entries[key] = (clock, value)
                clock += 1
            }
        }
        mutating func remove(_ key: Int) { entries[key] = nil }
        var ordered: [(key: Int, value: Int)] {
            entries.sorted { $0.value.order < $1.value.order }.map { ($0.key, $0.value.value) }
        }
        func describe(quoted: Bool = false) -> String {
            "{" + ordered.map { quoted ? "\"\($0.key)\": \($0.value)" : "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    /// The example of §18.2: insertion order after replace, remove and reinsert; get, has,
    /// length, keys.
    @Test(arguments: DispatchStrategy.allCases)
    func specExample(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let d = asm.owned()
        let key = asm.borrowed()
        let value = asm.scalar()
        let removed = asm.scalars(2)
        let removedAgain = asm.scalars(2)
        let gotB = asm.scalars(2)
        let gotZZ = asm.scalars(2)
        let keys = asm.owned()
        let length = asm.scalar()
        let hasC = asm.scalar()
        let hasZZ = asm.scalar()
        asm.emit(.newDict, a: d, bc: p.stringToInt)
        for (k, v) in [("b", 2), ("a", 1), ("c", 3), ("b", 20)] {
            asm.loadString(key, k)
            asm.loadInt(value, v)
            asm.emit(.dictSet, a: d, b: key, c: value)
        }
        asm.loadString(key, "a")
        asm.emit(.dictRemove, a: removed, b: d, c: key)
        asm.emit(.dictRemove, a: removedAgain, b: d, c: key)
        asm.loadInt(value, 4)
        asm.emit(.dictSet, a: d, b: key, c: value)
        asm.emit(.dictKeys, a: keys, b: d, c: p.stringArray)
        asm.loadString(key, "b")
        asm.emit(.dictGet, a: gotB, b: d, c: key)
        asm.loadString(key, "zz")
        asm.emit(.dictGet, a: gotZZ, b: d, c: key)
        asm.emit(.dictHas, a: hasZZ, b: d, c: key)
        asm.loadString(key, "c")
        asm.emit(.dictHas, a: hasC, b: d, c: key)
        asm.emit(.dictLength, a: length, b: d)
        asm.printStrings(keys)
        asm.printInt(length)
        p.add(asm.returning([d, keys, removed, removed + 1, removedAgain, removedAgain + 1, gotB, gotB + 1,
                             gotZZ, gotZZ + 1, length, hasC, hasZZ]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .dict(.string, [.int])) == #"{"b": 20, "c": 3, "a": 4}"#)
        #expect(run.describe(1, .array([.string])) == #"["b", "c", "a"]"#)
        #expect(Array(run.results[2...]) == [1, 1, 0, 0, 1, 20, 0, 0, 3, 1, 0])
        #expect(run.output == "b\nc\na\n3\n")
        run.finish()
    }

    /// 100,000 int keys with a removal after every third insertion, then replacements (which
    /// keep positions) and reinsertions (which go to the end); checked against a model.
    @Test(arguments: DispatchStrategy.allCases)
    func manyIntKeysWithRemovals(strategy: DispatchStrategy) throws {
        let n = 100_000
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let d = asm.owned()
        let count = asm.scalar()
        let i = asm.scalar()
        let t = asm.scalar()
        let value = asm.scalar()
        let removed = asm.scalars(2)
        let present = asm.scalar()
        let has = asm.scalar()
        let got = asm.scalars(2)
        let sum = asm.scalar()
        asm.emit(.newDict, a: d, bc: p.intToInt)
        asm.loadInt(count, n)
        asm.loop(i, below: count) { asm in
            let skip = asm.label()
            asm.emit(.mulIK, a: value, b: i, c: 3)
            asm.emit(.dictSet, a: d, b: i, c: value)
            asm.remainder(t, i, 3)
            asm.jump(.jneIK, a: t, b: 2, to: skip)
            asm.emit(.subIK, a: t, b: i, c: 1)
            asm.emit(.dictRemove, a: removed, b: d, c: t)
            asm.bind(skip)
        }
        // Every fifth key gets -key: present keys keep their place, removed ones go last.
        asm.loop(i, below: count) { asm in
            let skip = asm.label()
            asm.remainder(t, i, 5)
            asm.jump(.jneIK, a: t, b: 0, to: skip)
            asm.emit(.negI, a: value, b: i)
            asm.emit(.dictSet, a: d, b: i, c: value)
            asm.bind(skip)
        }
        // Count the keys present and sum their values, through has and get.
        asm.loadInt(present, 0)
        asm.loadInt(sum, 0)
        asm.loop(i, below: count) { asm in
            asm.emit(.dictHas, a: has, b: d, c: i)
            asm.emit(.addI, a: present, b: present, c: has)
            asm.emit(.dictGet, a: got, b: d, c: i)
            asm.emit(.addI, a: sum, b: sum, c: got + 1)
        }
        asm.emit(.dictLength, a: count, b: d)
        p.add(asm.returning([d, count, present, sum]))

        var model = Model()
        for key in 0..<n {
            model.set(key, key * 3)
            if key % 3 == 2 { model.remove(key - 1) }
        }
        for key in stride(from: 0, to: n, by: 5) { model.set(key, -key) }

        let clock = ContinuousClock()
        let start = clock.now
        let run = try Run.run(p.program, strategy)
        let elapsed = clock.now - start
        #expect(run.int(1) == model.entries.count)
        #expect(run.int(2) == model.entries.count)
        #expect(run.int(3) == model.entries.values.reduce(0) { $0 + $1.value })
        #expect(run.describe(0, .dict(.int, [.int])) == model.describe())
        // Generous: a quadratic slip would take minutes; a debug build takes well under a second.
        #expect(elapsed < .seconds(30))
        run.finish()
    }

    /// A queue-like use (insert at the end, remove the oldest) and a mass removal: the entry
    /// array is compacted and shrinks, so capacity and iteration stay proportional to the
    /// live entries.
    @Test(arguments: DispatchStrategy.allCases)
    func removalsCompactAndShrink(strategy: DispatchStrategy) throws {
        let n = 50_000
        let window = 100
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let fifo = asm.owned()
        let drained = asm.owned()
        let count = asm.scalar()
        let i = asm.scalar()
        let t = asm.scalar()
        let removed = asm.scalars(2)
        let keys = asm.owned()
        asm.emit(.newDict, a: fifo, bc: p.intToInt)
        asm.emit(.newDict, a: drained, bc: p.intToInt)
        asm.loadInt(count, n)
        asm.loop(i, below: count) { asm in
            let skip = asm.label()
            asm.emit(.dictSet, a: fifo, b: i, c: i)
            asm.emit(.dictSet, a: drained, b: i, c: i)
            asm.jump(.jltIK, a: i, b: window, to: skip)
            asm.emit(.subIK, a: t, b: i, c: Int(window))
            asm.emit(.dictRemove, a: removed, b: fifo, c: t)
            asm.bind(skip)
        }
        // Drain all but the keys divisible by 10,000 (removing from the front).
        asm.loop(i, below: count) { asm in
            let skip = asm.label()
            asm.remainder(t, i, 10_000)
            asm.jump(.jeqIK, a: t, b: 0, to: skip)
            asm.emit(.dictRemove, a: removed, b: drained, c: i)
            asm.bind(skip)
        }
        asm.emit(.dictKeys, a: keys, b: drained, c: p.intArray)
        p.add(asm.returning([fifo, drained, keys]))
        let run = try Run.run(p.program, strategy)
        let fifoDictionary = run.dictionary(0)
        #expect(fifoDictionary.count == window)
        #expect(fifoDictionary.capacity <= 4 * window)
        let expectedFifo = ((n - window)..<n).map { "\($0): \($0)" }.joined(separator: ", ")
        #expect(run.describe(0, .dict(.int, [.int])) == "{\(expectedFifo)}")
        let drainedDictionary = run.dictionary(1)
        #expect(drainedDictionary.count == 5)
        #expect(drainedDictionary.capacity <= 64)
        #expect(drainedDictionary.used <= 32)
        #expect(run.describe(1, .dict(.int, [.int])) == "{0: 0, 10000: 10000, 20000: 20000, 30000: 30000, 40000: 40000}")
        #expect(run.describe(2, .array([.int])) == "[0, 10000, 20000, 30000, 40000]")
        run.finish()
    }

    /// String keys made at run time (distinct objects with equal text find each other), with
    /// removals and reinsertions; the dictionary counts its key strings.
    @Test(arguments: DispatchStrategy.allCases)
    func stringKeys(strategy: DispatchStrategy) throws {
        let n = 20_000
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let d = asm.owned()
        let count = asm.scalar()
        let i = asm.scalar()
        let t = asm.scalar()
        let value = asm.scalar()
        let key = asm.owned()
        let removed = asm.scalars(2)
        let got = asm.scalars(2)
        let present = asm.scalar()
        let has = asm.scalar()
        let constant = asm.borrowed()
        let fromConstant = asm.scalars(2)
        asm.emit(.newDict, a: d, bc: p.stringToInt)
        asm.loadInt(count, n)
        asm.loop(i, below: count) { asm in
            asm.emit(.toStrI, a: key, b: i)
            asm.emit(.dictSet, a: d, b: key, c: i)
            asm.emit(.release, a: key)
        }
        asm.loop(i, below: count) { asm in
            let skip = asm.label()
            asm.remainder(t, i, 2)
            asm.jump(.jneIK, a: t, b: 0, to: skip)
            asm.emit(.toStrI, a: key, b: i)
            asm.emit(.dictRemove, a: removed, b: d, c: key)
            asm.emit(.release, a: key)
            asm.bind(skip)
        }
        asm.loop(i, below: count) { asm in
            let skip = asm.label()
            asm.remainder(t, i, 4)
            asm.jump(.jneIK, a: t, b: 0, to: skip)
            asm.emit(.toStrI, a: key, b: i)
            asm.emit(.negI, a: value, b: i)
            asm.emit(.dictSet, a: d, b: key, c: value)
            asm.emit(.release, a: key)
            asm.bind(skip)
        }
        asm.loadInt(present, 0)
        asm.loop(i, below: count) { asm in
            asm.emit(.toStrI, a: key, b: i)
            asm.emit(.dictHas, a: has, b: d, c: key)
            asm.emit(.addI, a: present, b: present, c: has)
            asm.emit(.dictGet, a: got, b: d, c: key)
            asm.emit(.release, a: key)
        }
        // A constant string finds the key made by toStrI.
        asm.loadString(constant, "12345")
        asm.emit(.dictGet, a: fromConstant, b: d, c: constant)
        p.add(asm.returning([d, present, fromConstant, fromConstant + 1]))

        var model = Model()
        for k in 0..<n { model.set(k, k) }
        for k in stride(from: 0, to: n, by: 2) { model.remove(k) }
        for k in stride(from: 0, to: n, by: 4) { model.set(k, -k) }
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .dict(.string, [.int])) == model.describe(quoted: true))
        #expect(run.int(1) == model.entries.count)
        #expect(Array(run.results[2...]) == [1, 12345])
        run.finish()
    }

    /// Dictionary<string, string>: a value that is one strong slot gives one-slot Optional
    /// results (the counted reference, or 0 for null); `remove` moves the reference out.
    @Test(arguments: DispatchStrategy.allCases)
    func singleReferenceOptionals(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let d = asm.owned()
        let key = asm.borrowed()
        let one = asm.owned()
        let two = asm.owned()
        let got = asm.owned()
        let missing = asm.owned()
        let removed = asm.owned()
        let removedAgain = asm.owned()
        asm.emit(.newDict, a: d, bc: p.stringToString)
        asm.makeString(one, "one")
        asm.makeString(two, "two")
        asm.loadString(key, "a")
        asm.emit(.dictSet, a: d, b: key, c: one)
        asm.loadString(key, "b")
        asm.emit(.dictSet, a: d, b: key, c: two)
        asm.emit(.dictSet, a: d, b: key, c: one)   // replaces: "two" is released by the dictionary
        asm.emit(.dictGet, a: got, b: d, c: key)
        asm.loadString(key, "zz")
        asm.emit(.dictGet, a: missing, b: d, c: key)
        asm.loadString(key, "a")
        asm.emit(.dictRemove, a: removed, b: d, c: key)
        asm.emit(.dictRemove, a: removedAgain, b: d, c: key)
        p.add(asm.returning([d, one, two, got, missing, removed, removedAgain]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .dict(.string, [.string])) == #"{"b": "one"}"#)
        #expect(run.results[1] == run.results[3] && run.results[1] == run.results[5])
        // "one": the program's, the dictionary's (key "b"), got's, and the moved-out one.
        #expect(run.strongCount(1) == 4)
        #expect(run.strongCount(2) == 1)
        #expect(run.results[4] == 0 && run.results[6] == 0)
        run.finish()
    }

    /// Multi-slot values (int, string, Node) with references: set, replace (old references
    /// released), get (counted), absent get (zeros), values(), keys(), remove (moved).
    @Test(arguments: DispatchStrategy.allCases)
    func multiSlotValues(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        let dictType = p.type(TypeDescriptor(kind: .dictionary, name: "Dictionary<int, (int, string, Node?)>",
                                             slots: [.scalar, .strong, .strong]))
        let valuesType = p.type(TypeDescriptor(kind: .array, name: "Array<(int, string, Node?)>",
                                               slots: [.scalar, .strong, .strong]))
        var asm = Assembler(p)
        let d = asm.owned()
        let key = asm.scalar()
        let value = asm.slots([.scalar, .owned, .owned])
        let oldNode = asm.owned()
        let got = asm.slots([.scalar, .scalar, .owned, .owned])
        let absent = asm.slots([.scalar, .scalar, .owned, .owned])
        let removed = asm.slots([.scalar, .scalar, .owned, .owned])
        let values = asm.owned()
        let keys = asm.owned()
        let t = asm.scalar()
        asm.emit(.newDict, a: d, bc: dictType)
        func fill(_ asm: inout Assembler, _ number: Int, _ text: String, node: Int?) {
            asm.emit(.releaseOpt, a: value + 1)
            asm.emit(.releaseOpt, a: value + 2)
            asm.loadInt(value, number)
            asm.makeString(value + 1, text)
            if let node {
                asm.emit(.new, a: value + 2, bc: p.node)
                asm.loadInt(t, node)
                asm.emit(.setField, a: value + 2, b: 0, c: t)
            }
        }
        asm.loadInt(key, 1)
        fill(&asm, 10, "x", node: 7)
        asm.emit(.retain, a: oldNode, b: value + 2)
        asm.emit(.dictSet, a: d, b: key, c: value)
        asm.loadInt(key, 2)
        fill(&asm, 20, "y", node: nil)
        asm.emit(.dictSet, a: d, b: key, c: value)
        asm.loadInt(key, 1)
        fill(&asm, 11, "x2", node: 8)
        asm.emit(.dictSet, a: d, b: key, c: value)
        asm.emit(.dictGet, a: got, b: d, c: key)
        asm.loadInt(key, 3)
        asm.emit(.dictGet, a: absent, b: d, c: key)
        asm.emit(.dictValues, a: values, b: d, c: valuesType)
        asm.emit(.dictKeys, a: keys, b: d, c: p.intArray)
        asm.loadInt(key, 2)
        asm.emit(.dictRemove, a: removed, b: d, c: key)
        p.add(asm.returning([d, oldNode, got, got + 1, got + 2, got + 3, absent, absent + 1, absent + 2, absent + 3,
                             values, keys, removed, removed + 1, removed + 2, removed + 3]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .dict(.int, [.int, .string, .node])) == #"{1: (11, "x2", <8>)}"#)
        // The replaced node: only the program's reference is left.
        #expect(run.strongCount(1) == 1)
        #expect(run.describe(2, .int) == "1")
        #expect(run.describe(3, .int) == "11")
        #expect(run.describe(4, .string) == #""x2""#)
        #expect(run.describe(5, .node) == "<8>")
        // The dictionary, got and values hold "x2" (the program's window was released at return).
        #expect(run.strongCount(4) == 3)
        #expect(Array(run.results[6...9]) == [0, 0, 0, 0])
        #expect(run.describe(10, .array([.int, .string, .node])) == #"[(11, "x2", <8>), (20, "y", null)]"#)
        #expect(run.describe(11, .array([.int])) == "[1, 2]")
        #expect(run.describe(12, .int) == "1")
        #expect(run.describe(13, .int) == "20")
        #expect(run.describe(14, .string) == #""y""#)
        #expect(run.results[15] == 0)
        run.finish()
    }

    /// Freeing a dictionary frees what only it kept alive (keys, values, nested dictionaries),
    /// without recursion: a chain of 100,000 nested dictionaries.
    @Test(arguments: DispatchStrategy.allCases)
    func freeingReleasesContents(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        let nodes = p.type(TypeDescriptor(kind: .dictionary, name: "Dictionary<string, Node>", slots: [.strong],
                                          keyIsString: true))
        let chainType = p.type(TypeDescriptor(kind: .dictionary, name: "Chain", slots: [.strong]))
        var asm = Assembler(p)
        let d = asm.owned()
        let count = asm.scalar()
        let i = asm.scalar()
        let node = asm.owned()
        let key = asm.owned()
        let previous = asm.owned()
        let next = asm.owned()
        let zero = asm.scalar()
        asm.emit(.newDict, a: d, bc: nodes)
        asm.loadInt(count, 1000)
        asm.loop(i, below: count) { asm in
            asm.emit(.new, a: node, bc: p.node)
            asm.emit(.setField, a: node, b: 0, c: i)
            asm.emit(.toStrI, a: key, b: i)
            asm.emit(.dictSet, a: d, b: key, c: node)
            asm.emit(.release, a: node)
            asm.emit(.release, a: key)
        }
        asm.loadInt(count, 100_000)
        asm.loadInt(zero, 0)
        asm.loop(i, below: count) { asm in
            asm.emit(.newDict, a: next, bc: chainType)
            asm.emit(.dictSet, a: next, b: zero, c: previous)
            asm.emit(.releaseOpt, a: previous)
            asm.emit(.moveRef, a: previous, b: next)
        }
        p.add(asm.returning([d, previous]))
        let run = try Run.run(p.program, strategy)
        // 1000 nodes, 1000 key strings, the dictionary, and the chain.
        #expect(run.vm.liveProgramObjects == 2001 + 100_000)
        run.release(run.results[0])
        #expect(run.vm.liveProgramObjects == 100_000)
        run.release(run.results[1])
        #expect(run.vm.liveProgramObjects == 0)
        let (objects, bytes) = run.vm.tearDown()
        #expect(objects == 0 && bytes == 0)
    }

    /// Bool keys (stored as ints; keys() is a byte array) and bool values (values() is a
    /// byte array).
    @Test(arguments: DispatchStrategy.allCases)
    func boolKeysAndValues(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        let boolToInt = p.type(TypeDescriptor(kind: .dictionary, name: "Dictionary<bool, int>", slots: [.scalar]))
        let stringToBool = p.type(TypeDescriptor(kind: .dictionary, name: "Dictionary<string, bool>", slots: [.scalar],
                                                 keyIsString: true))
        var asm = Assembler(p)
        let byBool = asm.owned()
        let byString = asm.owned()
        let flag = asm.scalar()
        let value = asm.scalar()
        let key = asm.borrowed()
        let keys = asm.owned()
        let values = asm.owned()
        asm.emit(.newDict, a: byBool, bc: boolToInt)
        asm.emit(.newDict, a: byString, bc: stringToBool)
        for (k, v) in [(1, 1), (0, 2), (1, 3)] {
            asm.loadInt(flag, k)
            asm.loadInt(value, v)
            asm.emit(.dictSet, a: byBool, b: flag, c: value)
        }
        for (k, v) in [("p", 1), ("q", 0), ("r", 1)] {
            asm.loadString(key, k)
            asm.loadInt(flag, v)
            asm.emit(.dictSet, a: byString, b: key, c: flag)
        }
        asm.emit(.dictKeys, a: keys, b: byBool, c: p.boolArray)
        asm.emit(.dictValues, a: values, b: byString, c: p.boolArray)
        p.add(asm.returning([byBool, byString, keys, values]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .dict(.bool, [.int])) == "{true: 3, false: 2}")
        #expect(run.describe(1, .dict(.string, [.bool])) == #"{"p": true, "q": false, "r": true}"#)
        #expect(run.describe(2, .array([.bool])) == "[true, false]")
        #expect(run.describe(3, .array([.bool])) == "[true, false, true]")
        run.finish()
    }

    /// merge: insert or replace in the other's order; merging into itself changes nothing;
    /// merging a large dictionary with holes into an empty one grows it and keeps the order.
    @Test(arguments: DispatchStrategy.allCases)
    func merge(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let a = asm.owned()
        let b = asm.owned()
        let big = asm.owned()
        let empty = asm.owned()
        let strings = asm.owned()
        let moreStrings = asm.owned()
        let key = asm.borrowed()
        let value = asm.scalar()
        let text = asm.owned()
        let count = asm.scalar()
        let i = asm.scalar()
        let t = asm.scalar()
        let removed = asm.scalars(2)
        asm.emit(.newDict, a: a, bc: p.stringToInt)
        asm.emit(.newDict, a: b, bc: p.stringToInt)
        for (k, v) in [("x", 1), ("y", 2)] {
            asm.loadString(key, k)
            asm.loadInt(value, v)
            asm.emit(.dictSet, a: a, b: key, c: value)
        }
        for (k, v) in [("z", 3), ("x", 10), ("w", 4)] {
            asm.loadString(key, k)
            asm.loadInt(value, v)
            asm.emit(.dictSet, a: b, b: key, c: value)
        }
        asm.emit(.dictMerge, a: a, b: b)
        asm.emit(.dictMerge, a: a, b: a)
        // 100 int keys, every third removed, merged into an empty dictionary.
        asm.emit(.newDict, a: big, bc: p.intToInt)
        asm.emit(.newDict, a: empty, bc: p.intToInt)
        asm.loadInt(count, 100)
        asm.loop(i, below: count) { asm in
            asm.emit(.dictSet, a: big, b: i, c: i)
        }
        asm.loop(i, below: count) { asm in
            let skip = asm.label()
            asm.remainder(t, i, 3)
            asm.jump(.jneIK, a: t, b: 0, to: skip)
            asm.emit(.dictRemove, a: removed, b: big, c: i)
            asm.bind(skip)
        }
        asm.emit(.dictMerge, a: empty, b: big)
        // String values: the merge counts the references it copies, releases the replaced.
        asm.emit(.newDict, a: strings, bc: p.stringToString)
        asm.emit(.newDict, a: moreStrings, bc: p.stringToString)
        asm.loadString(key, "k")
        asm.makeString(text, "old")
        asm.emit(.dictSet, a: strings, b: key, c: text)
        asm.emit(.release, a: text)
        asm.makeString(text, "new")
        asm.emit(.dictSet, a: moreStrings, b: key, c: text)
        asm.loadString(key, "m")
        asm.emit(.dictSet, a: moreStrings, b: key, c: text)
        asm.emit(.dictMerge, a: strings, b: moreStrings)
        p.add(asm.returning([a, b, empty, strings, text]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .dict(.string, [.int])) == #"{"x": 10, "y": 2, "z": 3, "w": 4}"#)
        #expect(run.describe(1, .dict(.string, [.int])) == #"{"z": 3, "x": 10, "w": 4}"#)
        let expected = (0..<100).filter { $0 % 3 != 0 }.map { "\($0): \($0)" }.joined(separator: ", ")
        #expect(run.describe(2, .dict(.int, [.int])) == "{\(expected)}")
        #expect(run.describe(3, .dict(.string, [.string])) == #"{"k": "new", "m": "new"}"#)
        // "new": the program's, two in moreStrings (freed with it), two in strings.
        #expect(run.strongCount(4) == 3)
        run.finish()
    }

    /// keys() and values() of an empty dictionary and of one emptied by removals; get, has,
    /// remove on an empty dictionary.
    @Test(arguments: DispatchStrategy.allCases)
    func emptyDictionaries(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let d = asm.owned()
        let emptied = asm.owned()
        let key = asm.borrowed()
        let got = asm.owned()
        let removed = asm.owned()
        let has = asm.scalar()
        let length = asm.scalar()
        let keys = asm.owned()
        let values = asm.owned()
        let emptiedKeys = asm.owned()
        let text = asm.owned()
        asm.emit(.newDict, a: d, bc: p.stringToString)
        asm.emit(.newDict, a: emptied, bc: p.stringToString)
        asm.loadString(key, "a")
        asm.emit(.dictGet, a: got, b: d, c: key)
        asm.emit(.dictRemove, a: removed, b: d, c: key)
        asm.emit(.dictHas, a: has, b: d, c: key)
        asm.emit(.dictLength, a: length, b: d)
        asm.emit(.dictKeys, a: keys, b: d, c: p.stringArray)
        asm.emit(.dictValues, a: values, b: d, c: p.stringArray)
        asm.makeString(text, "v")
        asm.emit(.dictSet, a: emptied, b: key, c: text)
        asm.emit(.dictRemove, a: removed, b: emptied, c: key)
        asm.emit(.dictKeys, a: emptiedKeys, b: emptied, c: p.stringArray)
        p.add(asm.returning([got, removed, has, length, keys, values, emptiedKeys, emptied, text]))
        let run = try Run.run(p.program, strategy)
        #expect(run.results[0] == 0)
        #expect(run.results[1] == run.results[8])
        #expect(run.results[2] == 0 && run.results[3] == 0)
        #expect(run.describe(4, .array([.string])) == "[]")
        #expect(run.describe(5, .array([.string])) == "[]")
        #expect(run.describe(6, .array([.string])) == "[]")
        #expect(run.describe(7, .dict(.string, [.string])) == "{}")
        #expect(run.dictionary(7).used == 0)
        run.finish()
    }

    /// Keys that collide in their home bucket (multiples of a power of two) and negative
    /// and extreme ints.
    @Test(arguments: DispatchStrategy.allCases)
    func awkwardIntKeys(strategy: DispatchStrategy) throws {
        let keys = [0, -1, Int(Int64.min), Int(Int64.max), 1 << 32, 2 << 32, 3 << 32, 1 << 40, 1 << 62, 16, 32, 48]
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let d = asm.owned()
        let key = asm.scalar()
        let value = asm.scalar()
        let removed = asm.scalars(2)
        asm.emit(.newDict, a: d, bc: p.intToInt)
        for (index, k) in keys.enumerated() {
            asm.loadInt(key, k)
            asm.loadInt(value, index)
            asm.emit(.dictSet, a: d, b: key, c: value)
        }
        for k in keys where k % 3 == 0 {
            asm.loadInt(key, k)
            asm.emit(.dictRemove, a: removed, b: d, c: key)
        }
        p.add(asm.returning([d]))
        var model = Model()
        for (index, k) in keys.enumerated() { model.set(k, index) }
        for k in keys where k % 3 == 0 { model.remove(k) }
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .dict(.int, [.int])) == model.describe())
        run.finish()
    }
}

extension DictionaryTests {
    /// keys() and values() take their array type from the instruction: one whose element
    /// does not match the key or value is a runtime error, not a write past the elements.
    @Test(arguments: DispatchStrategy.allCases)
    func mismatchedArrayTypes(strategy: DispatchStrategy) throws {
        for keys in [true, false] {
            let p = ProgramBuilder()
            let pairs = p.type(TypeDescriptor(kind: .dictionary, name: "Dictionary<int, (int, int)>",
                                              slots: [.scalar, .scalar]))
            let pairArray = p.type(TypeDescriptor(kind: .array, name: "Array<(int, int)>", slots: [.scalar, .scalar]))
            var asm = Assembler(p)
            let d = asm.owned()
            let key = asm.scalar()
            let value = asm.scalars(2)
            let array = asm.owned()
            asm.emit(.newDict, a: d, bc: pairs)
            asm.loadInt(key, 1)
            asm.emit(.dictSet, a: d, b: key, c: value)
            asm.emit(keys ? .dictKeys : .dictValues, a: array, b: d, c: keys ? pairArray : p.intArray)
            p.add(asm.returning([]))
            #expect(try Run.runtimeError(p.program, strategy) == "invalid instruction")
        }
    }
}

/// The dictionary's hash table directly: random operations against a model, checking
/// every invariant (bucket reachability, tags, counts, no trailing hole) as it goes.
struct DictionaryObjectTests {
    @Test func randomOperationsKeepInvariants() {
        var stats = Heap()
        let dictionary = DictionaryObject.allocate(valueSlots: 1, type: 1, stats: &stats)
        var model: [UInt64: UInt64] = [:]
        var state: UInt64 = 0x1234_5678
        func random() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for step in 0..<200_000 {
            let key = random() % 3000
            let hash = DictionaryObject.hash(int: key)
            let (position, entry) = dictionary.find(key, hash: hash, stringKeys: false)
            #expect((entry >= 0) == (model[key] != nil))
            if random() % 5 < 3 {
                if entry >= 0 {
                    dictionary.setValue(at: entry, slot: 0, UInt64(step))
                } else {
                    var bucket = position
                    if dictionary.used == dictionary.capacity {
                        dictionary.rebuild(capacity: DictionaryObject.capacity(for: dictionary.count), stats: &stats)
                        bucket = dictionary.emptyBucket(for: hash)
                    }
                    let index = dictionary.append(key: key, hash: hash, bucket: bucket)
                    dictionary.setValue(at: index, slot: 0, UInt64(step))
                }
                model[key] = UInt64(step)
            } else if entry >= 0 {
                #expect(dictionary.value(at: entry, slot: 0) == model[key])
                dictionary.remove(bucket: position, entry: entry)
                if dictionary.isSparse {
                    dictionary.rebuild(capacity: DictionaryObject.capacity(for: dictionary.count), stats: &stats)
                }
                model[key] = nil
            }
            if step % 10_000 == 0 || step < 100 {
                #expect(dictionary.invariantViolation(stringKeys: false) == nil)
            }
        }
        #expect(dictionary.invariantViolation(stringKeys: false) == nil)
        #expect(dictionary.count == model.count)
        #expect(stats.liveBytes == DictionaryObject.size + dictionary.capacity * (dictionary.stride + 16))
        dictionary.freeStorage(stats: &stats)
        dictionary.object.deallocate(stats: &stats)
        #expect(stats.liveBytes == 0 && stats.liveObjects == 0)
    }

    @Test func capacities() {
        #expect(DictionaryObject.capacity(for: 0) == 8)
        #expect(DictionaryObject.capacity(for: 4) == 8)
        #expect(DictionaryObject.capacity(for: 5) == 16)
        #expect(DictionaryObject.capacity(for: 8) == 16)
        #expect(DictionaryObject.capacity(for: 9) == 32)
        #expect(DictionaryObject.capacity(for: 1 << 20) == 1 << 21)
    }

    /// Equal text, equal hash; the hash looks at every byte of strings of every length.
    @Test func stringHashes() {
        var stats = Heap()
        var seen = Set<UInt64>()
        var texts: [String] = [""]
        for length in 1...40 { texts.append(String(repeating: "a", count: length)) }
        for length in 1...40 {
            for position in 0..<length {
                var scalars = Array(repeating: Character("a"), count: length)
                scalars[position] = "b"
                texts.append(String(scalars))
            }
        }
        texts += ["é", "e\u{301}", "😀", "naïve", "x", "xy"]
        for text in texts {
            let first = StringObject.make(text, stats: &stats)
            let second = StringObject.make(text, stats: &stats)
            let hash = DictionaryObject.hash(string: first)
            #expect(hash == DictionaryObject.hash(string: second))
            #expect(hash < 1 << 63)
            seen.insert(hash)
            first.object.deallocate(stats: &stats)
            second.object.deallocate(stats: &stats)
        }
        #expect(seen.count == texts.count)
    }
}
