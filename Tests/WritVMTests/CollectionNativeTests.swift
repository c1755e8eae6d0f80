import Testing
import WritBytecode
@testable import WritVM

extension Assembler {
    /// A new array of `type` holding `count` elements, each pushed from the slots `fill`
    /// writes into the window it is given.
    mutating func array(_ destination: Int, type: Int, window kinds: [SlotKind], count: Int,
                        _ fill: (inout Assembler, Int, Int) -> Void) {
        emit(.newArray, x: 0, a: destination, b: 0, c: type)
        let window = slots(kinds)
        for index in 0..<count {
            fill(&self, window, index)
            emit(.arrayPush, a: destination, b: window)
            for (offset, kind) in kinds.enumerated() where kind == .owned { emit(.releaseOpt, a: window + offset) }
        }
    }

    mutating func ints(_ destination: Int, _ values: [Int]) {
        array(destination, type: builder.intArray, window: [.scalar], count: values.count) { asm, window, index in
            asm.loadInt(window, values[index])
        }
    }

    mutating func floats(_ destination: Int, _ values: [Double]) {
        array(destination, type: builder.floatArray, window: [.scalar], count: values.count) { asm, window, index in
            asm.loadFloat(window, values[index])
        }
    }

    mutating func bools(_ destination: Int, _ values: [Bool]) {
        array(destination, type: builder.boolArray, window: [.scalar], count: values.count) { asm, window, index in
            asm.loadInt(window, values[index] ? 1 : 0)
        }
    }

    /// An array of strings, each a fresh object (so equal texts are distinct objects); nil
    /// pushes null.
    mutating func strings(_ destination: Int, _ values: [String?], type: Int? = nil) {
        array(destination, type: type ?? builder.stringArray, window: [.owned], count: values.count) { asm, window, index in
            if let text = values[index] { asm.makeString(window, text) } else { asm.emit(.loadNull, a: window) }
        }
    }

    /// Calls `native` with a borrowed copy of `object` and then `scalars` as arguments.
    mutating func call(_ native: NativeFunction, _ object: Int, _ scalars: [Int] = [], result: Int) {
        let arguments = slots([.borrowed] + Array(repeating: .scalar, count: scalars.count))
        emit(.copyRef, a: arguments, b: object)
        for (index, value) in scalars.enumerated() { loadInt(arguments + 1 + index, value) }
        callNative(native, arguments: arguments, results: result)
    }
}

/// Array pop, insert and remove (language.md §18.1) for scalar, string, bool and two-slot
/// elements, and their runtime errors.
struct ArrayEditTests {
    @Test(arguments: DispatchStrategy.allCases)
    func intEdits(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let array = asm.owned()
        let popped = asm.scalar()
        let removed = asm.scalars(3)
        let index = asm.scalar()
        let value = asm.scalar()
        let grown = asm.owned()
        let count = asm.scalar()
        let i = asm.scalar()
        let zero = asm.scalar()
        asm.ints(array, [1, 2, 3])
        asm.emit(.arrayPop, a: popped, b: array)
        for (at, v) in [(0, 9), (3, 7), (2, 5)] {
            asm.loadInt(index, at)
            asm.loadInt(value, v)
            asm.emit(.arrayInsert, a: array, b: index, c: value)
        }
        for (slot, at) in [(0, 0), (1, 3), (2, 1)] {
            asm.loadInt(index, at)
            asm.emit(.arrayRemove, a: removed + slot, b: array, c: index)
        }
        // Inserting at the front 1000 times grows the array.
        asm.ints(grown, [])
        asm.loadInt(count, 1000)
        asm.loadInt(zero, 0)
        asm.loop(i, below: count) { asm in
            asm.emit(.arrayInsert, a: grown, b: zero, c: i)
        }
        p.add(asm.returning([array, popped, removed, removed + 1, removed + 2, grown]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .array([.int])) == "[1, 2]")
        #expect(Array(run.results[1...4]) == [3, 9, 7, 5])
        #expect(run.describe(5, .array([.int])) == "[" + (0..<1000).reversed().map(String.init).joined(separator: ", ") + "]")
        run.finish()
    }

    @Test(arguments: DispatchStrategy.allCases)
    func stringEdits(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let array = asm.owned()
        let popped = asm.owned()
        let removed = asm.owned()
        let index = asm.scalar()
        let text = asm.borrowed()
        asm.strings(array, ["a", "b", "c"])
        asm.emit(.arrayPop, a: popped, b: array)
        asm.loadInt(index, 0)
        asm.emit(.arrayRemove, a: removed, b: array, c: index)
        asm.loadInt(index, 1)
        asm.loadString(text, "z")
        asm.emit(.arrayInsert, a: array, b: index, c: text)
        asm.loadInt(index, 0)
        asm.emit(.arrayInsert, a: array, b: index, c: text)
        p.add(asm.returning([array, popped, removed, text]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .array([.string])) == #"["z", "b", "z"]"#)
        #expect(run.describe(1, .string) == #""c""#)
        #expect(run.describe(2, .string) == #""a""#)
        // Moved out, not copied: the popped and removed strings have one reference each.
        #expect(run.strongCount(1) == 1 && run.strongCount(2) == 1)
        // The constant "z": the program's, two array elements, and the returned copy.
        #expect(run.strongCount(3) == 4)
        run.finish()
    }

    @Test(arguments: DispatchStrategy.allCases)
    func boolEdits(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let array = asm.owned()
        let popped = asm.scalar()
        let removed = asm.scalar()
        let index = asm.scalar()
        let value = asm.scalar()
        asm.bools(array, [true, false, true])
        asm.emit(.arrayPop, a: popped, b: array)
        asm.loadInt(index, 0)
        asm.loadInt(value, 0)
        asm.emit(.arrayInsert, a: array, b: index, c: value)
        asm.loadInt(index, 1)
        asm.emit(.arrayRemove, a: removed, b: array, c: index)
        asm.loadInt(index, 2)
        asm.loadInt(value, 1)
        asm.emit(.arrayInsert, a: array, b: index, c: value)
        p.add(asm.returning([array, popped, removed]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .array([.bool])) == "[false, false, true]")
        #expect(run.results[1] == 1 && run.results[2] == 1)
        run.finish()
    }

    /// Two-slot elements (int, string): the element's slots move as a unit.
    @Test(arguments: DispatchStrategy.allCases)
    func pairEdits(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        let pairs = p.type(TypeDescriptor(kind: .array, name: "Array<(int, string)>", slots: [.scalar, .strong]))
        var asm = Assembler(p)
        let array = asm.owned()
        let popped = asm.slots([.scalar, .owned])
        let removed = asm.slots([.scalar, .owned])
        let index = asm.scalar()
        let element = asm.slots([.scalar, .borrowed])
        asm.array(array, type: pairs, window: [.scalar, .owned], count: 3) { asm, window, i in
            asm.loadInt(window, i + 1)
            asm.makeString(window + 1, ["one", "two", "three"][i])
        }
        asm.emit(.arrayPop, a: popped, b: array)
        asm.loadInt(index, 0)
        asm.loadInt(element, 9)
        asm.loadString(element + 1, "nine")
        asm.emit(.arrayInsert, a: array, b: index, c: element)
        asm.loadInt(index, 1)
        asm.emit(.arrayRemove, a: removed, b: array, c: index)
        p.add(asm.returning([array, popped, popped + 1, removed, removed + 1]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .array([.int, .string])) == #"[(9, "nine"), (2, "two")]"#)
        #expect(run.describe(1, .int) == "3" && run.describe(2, .string) == #""three""#)
        #expect(run.describe(3, .int) == "1" && run.describe(4, .string) == #""one""#)
        run.finish()
    }

    enum Edit: CaseIterable {
        case popEmpty, insertNegative, insertPastEnd, removeAtLength, removeNegative, removeFromEmpty
    }

    @Test(arguments: DispatchStrategy.allCases, Edit.allCases)
    func editErrors(strategy: DispatchStrategy, edit: Edit) throws {
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let array = asm.owned()
        let index = asm.scalar()
        let element = asm.owned()
        // A string array, so that unwinding after the error must release references.
        asm.strings(array, edit == .popEmpty || edit == .removeFromEmpty ? [] : ["a", "b"])
        asm.makeString(element, "x")
        switch edit {
        case .popEmpty:
            asm.emit(.arrayPop, a: element, b: array)
        case .insertNegative, .insertPastEnd:
            asm.loadInt(index, edit == .insertNegative ? -1 : 3)
            asm.emit(.arrayInsert, a: array, b: index, c: element)
        case .removeAtLength, .removeNegative, .removeFromEmpty:
            asm.loadInt(index, edit == .removeAtLength ? 2 : edit == .removeNegative ? -1 : 0)
            asm.emit(.release, a: element)
            asm.emit(.arrayRemove, a: element, b: array, c: index)
        }
        p.add(asm.returning([]))
        let message = try Run.runtimeError(p.program, strategy)
        #expect(message == (edit == .popEmpty ? "pop from empty array" : "index out of range"))
    }
}

/// The collection natives: slice, reverse, sort, indexOf, join, split, chars.
struct CollectionNativeTests {
    /// §18.1 `slice`: bounds clamped to 0 … length; start >= end gives [].
    @Test(arguments: DispatchStrategy.allCases)
    func slice(strategy: DispatchStrategy) throws {
        let bounds = [(1, 3), (-5, 99), (3, 1), (1, 1), (4, 10), (-3, -1), (0, 4), (2, 3)]
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let ints = asm.owned()
        let strings = asm.owned()
        let bools = asm.owned()
        let empty = asm.owned()
        let results = asm.slots(Array(repeating: .owned, count: bounds.count + 4))
        asm.ints(ints, [5, 3, 8, 1])
        asm.strings(strings, ["a", "b", "c"])
        asm.bools(bools, [true, false, true, true])
        asm.ints(empty, [])
        for (index, (start, end)) in bounds.enumerated() {
            asm.call(.arraySlice, ints, [start, end], result: results + index)
        }
        asm.call(.arraySlice, strings, [1, 3], result: results + bounds.count)
        asm.call(.arraySlice, bools, [1, 4], result: results + bounds.count + 1)
        asm.call(.arraySlice, empty, [0, 1], result: results + bounds.count + 2)
        asm.call(.arraySlice, strings, [0, 3], result: results + bounds.count + 3)
        // The slices keep their strings after the original array is gone.
        asm.emit(.release, a: strings)
        p.add(asm.returning(Array(results..<(results + bounds.count + 4))))
        let run = try Run.run(p.program, strategy)
        let values = [5, 3, 8, 1]
        for (index, (start, end)) in bounds.enumerated() {
            let from = min(max(start, 0), 4)
            let to = min(max(end, 0), 4)
            let expected = from < to ? Array(values[from..<to]) : []
            #expect(run.describe(index, .array([.int])) == "[" + expected.map(String.init).joined(separator: ", ") + "]")
        }
        #expect(run.describe(bounds.count, .array([.string])) == #"["b", "c"]"#)
        #expect(run.describe(bounds.count + 1, .array([.bool])) == "[false, true, true]")
        #expect(run.describe(bounds.count + 2, .array([.int])) == "[]")
        #expect(run.describe(bounds.count + 3, .array([.string])) == #"["a", "b", "c"]"#)
        // A slice's type is the original's.
        #expect(ObjectRef(bits: run.results[0]).typeID == UInt16(p.intArray))
        run.finish()
    }

    @Test(arguments: DispatchStrategy.allCases)
    func reverse(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        let pairs = p.type(TypeDescriptor(kind: .array, name: "Array<(int, string)>", slots: [.scalar, .strong]))
        var asm = Assembler(p)
        let even = asm.owned()
        let odd = asm.owned()
        let empty = asm.owned()
        let single = asm.owned()
        let strings = asm.owned()
        let bools = asm.owned()
        let pairArray = asm.owned()
        let unused = asm.scalar()
        asm.ints(even, [1, 2, 3, 4])
        asm.ints(odd, [1, 2, 3, 4, 5])
        asm.ints(empty, [])
        asm.ints(single, [42])
        asm.strings(strings, ["x", "y", "z"])
        asm.bools(bools, [true, true, false])
        asm.array(pairArray, type: pairs, window: [.scalar, .owned], count: 3) { asm, window, i in
            asm.loadInt(window, i)
            asm.makeString(window + 1, "s\(i)")
        }
        for array in [even, odd, empty, single, strings, bools, pairArray] {
            asm.call(.arrayReverse, array, result: unused)
        }
        p.add(asm.returning([even, odd, empty, single, strings, bools, pairArray]))
        let run = try Run.run(p.program, strategy)
        #expect(run.describe(0, .array([.int])) == "[4, 3, 2, 1]")
        #expect(run.describe(1, .array([.int])) == "[5, 4, 3, 2, 1]")
        #expect(run.describe(2, .array([.int])) == "[]")
        #expect(run.describe(3, .array([.int])) == "[42]")
        #expect(run.describe(4, .array([.string])) == #"["z", "y", "x"]"#)
        #expect(run.describe(5, .array([.bool])) == "[false, true, true]")
        #expect(run.describe(6, .array([.int, .string])) == #"[(2, "s2"), (1, "s1"), (0, "s0")]"#)
        run.finish()
    }

    /// The pseudo-random sequence the sort programs generate: x = (x * 75 + 74) % 32749.
    static func sequence(_ count: Int) -> [Int] {
        var x = 1
        return (0..<count).map { _ in
            x = (x * 75 + 74) % 32749
            return x - 16_000
        }
    }

    @Test(arguments: DispatchStrategy.allCases)
    func sortInts(strategy: DispatchStrategy) throws {
        let small = [5, 3, 8, 1, -2, Int(Int64.min), Int(Int64.max), 3, 0]
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let array = asm.owned()
        let big = asm.owned()
        let sorted = asm.owned()
        let empty = asm.owned()
        let x = asm.scalar()
        let t = asm.scalar()
        let count = asm.scalar()
        let i = asm.scalar()
        let unused = asm.scalar()
        asm.ints(array, small)
        asm.ints(big, [])
        asm.loadInt(x, 1)
        asm.loadInt(count, 5000)
        asm.loop(i, below: count) { asm in
            asm.emit(.mulIK, a: x, b: x, c: 75)
            asm.emit(.addIK, a: x, b: x, c: 74)
            asm.remainder(x, x, 32749)
            asm.emit(.subIK, a: t, b: x, c: 16_000)
            asm.emit(.arrayPush, a: big, b: t)
        }
        asm.ints(sorted, Array(0..<100))
        asm.ints(empty, [])
        for target in [array, big, sorted, empty] { asm.call(.arraySortInts, target, result: unused) }
        p.add(asm.returning([array, big, sorted, empty]))
        let run = try Run.run(p.program, strategy)
        func text(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ", ") + "]" }
        #expect(run.describe(0, .array([.int])) == text(small.sorted()))
        #expect(run.describe(1, .array([.int])) == text(Self.sequence(5000).sorted()))
        #expect(run.describe(2, .array([.int])) == text(Array(0..<100)))
        #expect(run.describe(3, .array([.int])) == "[]")
        run.finish()
    }

    /// Floats: ascending by `<`, every NaN last in its original order, -0.0 and 0.0 equal
    /// (stable). Checked on bit patterns, so the order of zeros and NaN payloads shows.
    @Test(arguments: DispatchStrategy.allCases)
    func sortFloats(strategy: DispatchStrategy) throws {
        let quietNaN = Double.nan
        let negativeNaN = -Double.nan
        let payloadNaN = Double(nan: 7, signaling: false)
        let small: [Double] = [3.5, quietNaN, -0.0, 0.0, -.infinity, 1.0, negativeNaN, .infinity, -1.5, 0.0, payloadNaN,
                               -0.0, 2.0, 1e-300, -1e300]
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let array = asm.owned()
        let zeros = asm.owned()
        let allNaN = asm.owned()
        let big = asm.owned()
        let unused = asm.scalar()
        let bigValues = Self.sequence(3000).map { Double($0) / 7 } + [quietNaN, -0.0, 0.0]
        asm.floats(array, small)
        asm.floats(zeros, [0.0, -0.0, 0.0, -0.0])
        asm.floats(allNaN, [negativeNaN, quietNaN, payloadNaN])
        asm.floats(big, bigValues)
        for target in [array, zeros, allNaN, big] { asm.call(.arraySortFloats, target, result: unused) }
        p.add(asm.returning([array, zeros, allNaN, big]))
        let run = try Run.run(p.program, strategy)
        func bits(_ index: Int) -> [UInt64] {
            let array = ArrayObject(ObjectRef(bits: run.results[index]))
            return (0..<array.count).map { array.word($0, slot: 0) }
        }
        /// The documented order, computed independently: numbers stably by value, then NaNs.
        func expected(_ values: [Double]) -> [UInt64] {
            let numbers = values.enumerated().filter { !$0.element.isNaN }
                .sorted { $0.element < $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
                .map(\.element.bitPattern)
            return numbers + values.filter(\.isNaN).map(\.bitPattern)
        }
        #expect(bits(0) == expected(small))
        #expect(run.describe(0, .array([.float])) == "[-inf, -1e+300, -1.5, -0.0, 0.0, 0.0, -0.0, 1e-300, 1.0, 2.0, 3.5, inf, nan, nan, nan]")
        #expect(bits(1) == [0.0, -0.0, 0.0, -0.0].map(\.bitPattern))
        #expect(bits(2) == [negativeNaN, quietNaN, payloadNaN].map(\.bitPattern))
        #expect(bits(3) == expected(bigValues))
        run.finish()
    }

    /// Strings: by Unicode scalar values (not Swift's canonical ordering), stable for equal
    /// texts (checked by object identity).
    @Test(arguments: DispatchStrategy.allCases)
    func sortStrings(strategy: DispatchStrategy) throws {
        let small = ["pear", "apple", "Äpfel", "banana", "apple", "", "a", "é", "e\u{301}", "Zebra", "😀", "ｆ", "apple"]
        let big = Self.sequence(400).map { "k\($0 % 50)" }
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let array = asm.owned()
        let bigArray = asm.owned()
        let unused = asm.scalar()
        asm.strings(array, small)
        asm.strings(bigArray, big)
        let before = asm.owned()
        asm.call(.arraySlice, bigArray, [0, big.count], result: before)
        asm.call(.arraySortStrings, array, result: unused)
        asm.call(.arraySortStrings, bigArray, result: unused)
        p.add(asm.returning([array, bigArray, before]))
        let run = try Run.run(p.program, strategy)
        func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
        func byScalars(_ texts: [String]) -> [String] {
            texts.enumerated().sorted {
                let a = scalars($0.element)
                let b = scalars($1.element)
                return a.lexicographicallyPrecedes(b) || (a == b && $0.offset < $1.offset)
            }.map(\.element)
        }
        func text(_ texts: [String]) -> String { "[" + texts.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        #expect(run.describe(0, .array([.string])) == text(byScalars(small)))
        #expect(run.describe(1, .array([.string])) == text(byScalars(big)))
        // Stability: equal texts keep the order of their objects in the unsorted copy.
        let sortedArray = ArrayObject(ObjectRef(bits: run.results[1]))
        let original = ArrayObject(ObjectRef(bits: run.results[2]))
        let originalOrder = (0..<original.count).map { original.word($0, slot: 0) }
        let sortedObjects = (0..<sortedArray.count).map { sortedArray.word($0, slot: 0) }
        for key in Set(big) {
            let inOriginal = originalOrder.filter { StringObject(ObjectRef(bits: $0)).string == key }
            let inSorted = sortedObjects.filter { StringObject(ObjectRef(bits: $0)).string == key }
            #expect(inOriginal == inSorted)
        }
        run.finish()
    }

    @Test(arguments: DispatchStrategy.allCases)
    func indexOf(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        let optionalStrings = p.type(TypeDescriptor(kind: .array, name: "Array<Optional<string>>", slots: [.strong]))
        var asm = Assembler(p)
        let ints = asm.owned()
        let floats = asm.owned()
        let strings = asm.owned()
        let optionals = asm.owned()
        let bools = asm.owned()
        let falses = asm.owned()
        let emptyInts = asm.owned()
        let results = asm.scalars(16)
        var next = results
        asm.ints(ints, [4, 7, 4, 9])
        asm.floats(floats, [1.0, .nan, -0.0, 0.0])
        asm.strings(strings, ["x", "yy", "x"])
        asm.strings(optionals, [nil, "a", nil], type: optionalStrings)
        asm.bools(bools, [false, true, true])
        asm.bools(falses, [false, false])
        asm.ints(emptyInts, [])
        for needle in [4, 9, 5] {
            asm.call(.arrayIndexOfInt, ints, [needle], result: next)
            next += 1
        }
        asm.call(.arrayIndexOfInt, emptyInts, [0], result: next)
        next += 1
        let floatArguments = asm.slots([.borrowed, .scalar])
        asm.emit(.copyRef, a: floatArguments, b: floats)
        for needle in [Double.nan, 0.0, 1.0, 2.0] {
            asm.loadFloat(floatArguments + 1, needle)
            asm.callNative(.arrayIndexOfFloat, arguments: floatArguments, results: next)
            next += 1
        }
        let stringArguments = asm.slots([.borrowed, .owned])
        for (array, needle) in [(strings, "yy"), (strings, "zz"), (strings, "x"), (optionals, "a")] as [(Int, String)] {
            asm.emit(.copyRef, a: stringArguments, b: array)
            asm.emit(.releaseOpt, a: stringArguments + 1)
            asm.makeString(stringArguments + 1, needle)
            asm.callNative(.arrayIndexOfString, arguments: stringArguments, results: next)
            next += 1
        }
        asm.emit(.copyRef, a: stringArguments, b: optionals)
        asm.emit(.releaseOpt, a: stringArguments + 1)
        asm.callNative(.arrayIndexOfString, arguments: stringArguments, results: next)
        next += 1
        asm.call(.arrayIndexOfByte, bools, [1], result: next)
        next += 1
        asm.call(.arrayIndexOfByte, falses, [1], result: next)
        next += 1
        asm.call(.arrayIndexOfByte, falses, [0], result: next)
        next += 1
        p.add(asm.returning(Array(results..<next)))
        let run = try Run.run(p.program, strategy)
        #expect((0..<run.results.count).map { run.int($0) } == [0, 3, -1, -1, -1, 2, 0, -1, 1, -1, 0, 1, 0, 1, -1, 0])
        run.finish()
    }

    @Test(arguments: DispatchStrategy.allCases)
    func join(strategy: DispatchStrategy) throws {
        let p = ProgramBuilder()
        let optionalStrings = p.type(TypeDescriptor(kind: .array, name: "Array<Optional<string>>", slots: [.strong]))
        var asm = Assembler(p)
        let cases: [([String?], String)] = [(["a", "b", "c"], "-"), ([], ","), (["solo"], ", "), (["é", "😀", "x"], ", "),
                                            (["ab", "cd"], ""), (["", ""], "+"), (["a", nil], "/")]
        let results = asm.slots(Array(repeating: .owned, count: cases.count))
        let array = asm.owned()
        let arguments = asm.slots([.borrowed, .borrowed])
        for (index, (items, separator)) in cases.enumerated() {
            asm.emit(.releaseOpt, a: array)
            asm.strings(array, items, type: items.contains(nil) ? optionalStrings : nil)
            asm.emit(.copyRef, a: arguments, b: array)
            asm.loadString(arguments + 1, separator)
            asm.callNative(.arrayJoinStrings, arguments: arguments, results: results + index)
        }
        p.add(asm.returning(Array(results..<(results + cases.count))))
        let run = try Run.run(p.program, strategy)
        let expected = ["a-b-c", "", "solo", "é, 😀, x", "abcd", "+", "a/null"]
        for (index, text) in expected.enumerated() {
            let string = StringObject(ObjectRef(bits: run.results[index]))
            #expect(string.string == text)
            #expect(string.scalarCount == text.unicodeScalars.count)
            #expect(string.isASCII == text.unicodeScalars.allSatisfy(\.isASCII))
        }
        run.finish()
    }

    /// §19.2 `split` and `chars`, including the edge cases the spec names.
    @Test(arguments: DispatchStrategy.allCases)
    func splitAndChars(strategy: DispatchStrategy) throws {
        let splits: [(String, String, [String])] = [
            ("a,b,,c", ",", ["a", "b", "", "c"]),
            ("", ",", [""]),
            ("abc", "", ["a", "b", "c"]),
            ("", "", []),
            (",a,", ",", ["", "a", ""]),
            ("a::b::c", "::", ["a", "b", "c"]),
            ("aaa", "aa", ["", "a"]),
            ("né,ü😀,", ",", ["né", "ü😀", ""]),
            ("abc", "abc", ["", ""]),
            ("abc", "abcd", ["abc"]),
            ("x", ",", ["x"]),
            ("né😀", "", ["n", "é", "😀"]),
        ]
        let chars: [(String, [String])] = [
            ("né😀", ["n", "é", "😀"]), ("", []), ("e\u{301}", ["e", "\u{301}"]), ("abc", ["a", "b", "c"]),
        ]
        let p = ProgramBuilder()
        var asm = Assembler(p)
        let results = asm.slots(Array(repeating: .owned, count: splits.count + chars.count))
        let splitArguments = asm.slots([.borrowed, .borrowed, .scalar])
        for (index, (text, separator, _)) in splits.enumerated() {
            asm.loadString(splitArguments, text)
            asm.loadString(splitArguments + 1, separator)
            asm.loadInt(splitArguments + 2, p.stringArray)
            asm.callNative(.stringSplit, arguments: splitArguments, results: results + index)
        }
        let charsArguments = asm.slots([.borrowed, .scalar])
        for (index, (text, _)) in chars.enumerated() {
            asm.loadString(charsArguments, text)
            asm.loadInt(charsArguments + 1, p.stringArray)
            asm.callNative(.stringChars, arguments: charsArguments, results: results + splits.count + index)
        }
        p.add(asm.returning(Array(results..<(results + splits.count + chars.count))))
        let run = try Run.run(p.program, strategy)
        func text(_ pieces: [String]) -> String { "[" + pieces.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        for (index, (_, _, pieces)) in splits.enumerated() {
            #expect(run.describe(index, .array([.string])) == text(pieces))
            #expect(ObjectRef(bits: run.results[index]).typeID == UInt16(p.stringArray))
        }
        for (index, (_, pieces)) in chars.enumerated() {
            #expect(run.describe(splits.count + index, .array([.string])) == text(pieces))
            let array = ArrayObject(ObjectRef(bits: run.results[splits.count + index]))
            for element in 0..<array.count {
                #expect(StringObject(ObjectRef(bits: array.word(element, slot: 0))).scalarCount == 1)
            }
        }
        run.finish()
    }

    /// The result type of split comes from a slot the verifier cannot check: a bad one is a
    /// runtime error, not a wild read.
    @Test(arguments: DispatchStrategy.allCases)
    func splitChecksItsResultType(strategy: DispatchStrategy) throws {
        for type in [-1, 1000, 0] {
            let p = ProgramBuilder()
            var asm = Assembler(p)
            let result = asm.owned()
            let arguments = asm.slots([.borrowed, .borrowed, .scalar])
            asm.loadString(arguments, "a,b")
            asm.loadString(arguments + 1, ",")
            asm.loadInt(arguments + 2, type)
            asm.callNative(.stringSplit, arguments: arguments, results: result)
            p.add(asm.returning([]))
            #expect(try Run.runtimeError(p.program, strategy) == "invalid instruction")
        }
    }
}
