import Testing
@testable import WritIR

/// Each pass on a small function: the IR before, the IR after.
struct PassTests {
    static func check(_ function: IRFunction, _ pass: (inout IRFunction) -> Void, expect expected: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        var function = function
        try IRVerifier.verify(function)
        pass(&function)
        try IRVerifier.verify(function)
        #expect(IRPrinter.print(function) == expected, sourceLocation: sourceLocation)
    }

    @Test func constantFoldingFoldsArithmeticAndBranches() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.int]
        let two = b.constInt(2)
        let three = b.constInt(3)
        let sum = b.binary(.addI, two, .reg(three))          // 5
        let less = b.binary(.ltI, sum, .imm(10))            // true
        let yes = b.newBlock()
        let no = b.newBlock()
        b.terminate(.branch(less, then: yes, else: no))
        b.switchTo(yes)
        b.terminate(.ret([sum]))
        b.switchTo(no)
        b.terminate(.ret([two]))
        try Self.check(b.finish(), ConstantFolding.run, expect: """
            func f() -> int
            b0:
              %0 = const.i 2
              %1 = const.i 3
              %2 = const.i 5
              %3 = const.i 1
              jump b1
            b1:
              ret %2
            b2:
              ret %0

            """)
    }

    @Test func constantFoldingKeepsOperationsThatFail() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.int, .int, .int]
        let big = b.constInt(.max)
        let one = b.constInt(1)
        let zero = b.constInt(0)
        let overflow = b.binary(.addI, big, .reg(one))
        let divide = b.binary(.divI, one, .reg(zero))
        let remainder = b.binary(.remI, big, .imm(-1))
        b.terminate(.ret([overflow, divide, remainder]))
        try Self.check(b.finish(), ConstantFolding.run, expect: """
            func f() -> int, int, int
            b0:
              %0 = const.i 9223372036854775807
              %1 = const.i 1
              %2 = const.i 0
              %3 = add.i %0, %1
              %4 = div.i %1, %2
              %5 = const.i 0
              ret %3, %4, %5

            """)
    }

    @Test func constantFoldingFoldsFloatsWithIEEESemantics() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.float, .int]
        let one = b.constFloat(1)
        let zero = b.constFloat(0)
        let inf = b.binary(.divF, one, .reg(zero))
        let nan = b.binary(.subF, inf, .reg(inf))
        let same = b.binary(.eqF, nan, .reg(nan))
        b.terminate(.ret([inf, same]))
        try Self.check(b.finish(), ConstantFolding.run, expect: """
            func f() -> float, int
            b0:
              %0 = const.f 1.0
              %1 = const.f 0.0
              %2 = const.f inf
              %3 = const.f nan
              %4 = const.i 0
              ret %2, %4

            """)
    }

    @Test func copyPropagationReplacesCopiesOfSingleDefinitions() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        let x = b.newRegister(.int)
        b.function.parameters = [x]
        b.function.resultKinds = [.int]
        let copy = b.newRegister(.int)
        b.emit(.move(copy, x))
        let sum = b.binary(.addI, copy, .reg(copy))
        b.terminate(.ret([sum]))
        try Self.check(b.finish(), CopyPropagation.run, expect: """
            func f(%0: int) -> int
            b0:
              %1 = move %0
              %2 = add.i %0, %0
              ret %2

            """)
    }

    @Test func copyPropagationLeavesVariablesThatChange() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.int]
        let v = b.newRegister(.int)
        b.emit(.constInt(v, 1))
        let copy = b.newRegister(.int)
        b.emit(.move(copy, v))
        b.emit(.constInt(v, 2))
        let sum = b.binary(.addI, copy, .reg(v))
        b.terminate(.ret([sum]))
        try Self.check(b.finish(), CopyPropagation.run, expect: """
            func f() -> int
            b0:
              %0 = const.i 1
              %1 = move %0
              %0 = const.i 2
              %2 = add.i %1, %0
              ret %2

            """)
    }

    @Test func moveCoalescingWritesTheVariableDirectly() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.int]
        let sum = b.constInt(1)
        let step = b.constInt(2)
        let next = b.binary(.addI, sum, .reg(step))
        b.emit(.move(sum, next))
        b.terminate(.ret([sum]))
        try Self.check(b.finish(), MoveCoalescing.run, expect: """
            func f() -> int
            b0:
              %0 = const.i 1
              %1 = const.i 2
              %0 = add.i %0, %1
              ret %0

            """)
    }

    /// `zr, zi = zr - zi, zr + zr` written as `tr = zr - zi; zi = zr + zr; zr = tr`: the read
    /// of the old `zr` moves above `tr`'s definition, which then writes `zr` directly. The
    /// second move cannot go: its definition would have to move over a write of a value it
    /// reads.
    @Test func moveCoalescingHoistsReadsOfTheOldValue() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.float, .float]
        let zr = b.constFloat(1.5)
        let zi = b.constFloat(0.5)
        let tr = b.binary(.subF, zr, .reg(zi))
        let twice = b.binary(.addF, zr, .reg(zr))
        b.emit(.move(zi, twice))
        b.emit(.move(zr, tr))
        b.terminate(.ret([zr, zi]))
        try Self.check(b.finish(), MoveCoalescing.run, expect: """
            func f() -> float, float
            b0:
              %0 = const.f 1.5
              %1 = const.f 0.5
              %3 = add.f %0, %0
              %0 = sub.f %0, %1
              %1 = move %3
              ret %0, %1

            """)
    }

    /// An instruction that can fail (integer overflow) is never moved.
    @Test func moveCoalescingDoesNotMoveWhatCanFail() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.int, .int]
        let x = b.constInt(1)
        let y = b.constInt(2)
        let t = b.binary(.subI, x, .reg(y))
        let doubled = b.binary(.addI, x, .reg(x))
        b.emit(.move(x, t))
        b.terminate(.ret([x, doubled]))
        try Self.check(b.finish(), MoveCoalescing.run, expect: """
            func f() -> int, int
            b0:
              %0 = const.i 1
              %1 = const.i 2
              %2 = sub.i %0, %1
              %3 = add.i %0, %0
              %0 = move %2
              ret %0, %3

            """)
    }

    @Test func deadCodeRemovesUnusedPureValuesAndUnreachableBlocks() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        b.function.resultKinds = [.int]
        let used = b.constInt(1)
        let unused = b.constInt(2)
        _ = b.binary(.mulI, unused, .reg(unused))            // can fail: kept
        _ = b.binary(.ltI, unused, .reg(used))               // pure: removed
        b.terminate(.ret([used]))
        let orphan = b.newBlock()
        b.switchTo(orphan)
        b.terminate(.ret([used]))
        try Self.check(b.finish(), DeadCodeElimination.run, expect: """
            func f() -> int
            b0:
              %0 = const.i 1
              %1 = const.i 2
              %2 = mul.i %1, %1
              ret %0

            """)
    }

    @Test func compareBranchFusionNeedsASingleUseAndUnchangedOperands() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        let x = b.newRegister(.float)
        let y = b.newRegister(.float)
        b.function.parameters = [x, y]
        b.function.resultKinds = [.int]
        let less = b.binary(.ltF, x, .reg(y))
        let yes = b.newBlock()
        let no = b.newBlock()
        b.terminate(.branch(less, then: yes, else: no))
        b.switchTo(yes)
        b.terminate(.ret([less]))                               // second use: not fused here
        b.switchTo(no)
        let again = b.binary(.geF, x, .reg(y))
        let done = b.newBlock()
        b.terminate(.branch(again, then: done, else: yes))
        b.switchTo(done)
        let zero = b.constInt(0)
        b.terminate(.ret([zero]))
        try Self.check(b.finish(), CompareBranchFusion.run, expect: """
            func f(%0: float, %1: float) -> int
            b0:
              %2 = lt.f %0, %1
              br %2 -> b1, b2
            b1:
              ret %2
            b2:
              br.ge.f %0, %1 -> b3, b1
            b3:
              %4 = const.i 0
              ret %4

            """)
    }

    @Test func compareBranchFusionDoesNotMoveAComparisonPastARelease() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        let x = b.newRegister(.owned(nullable: false))
        let y = b.newRegister(.borrowed(nullable: false))
        b.function.parameters = [y]
        b.function.resultKinds = []
        b.emit(.retain(x, y))
        let same = b.binary(.eqR, x, .reg(y))
        b.emit(.release(x))                                     // nulls %0's slot
        let yes = b.newBlock()
        let no = b.newBlock()
        b.terminate(.branch(same, then: yes, else: no))
        b.switchTo(yes)
        b.terminate(.ret([]))
        b.switchTo(no)
        b.terminate(.ret([]))
        try Self.check(b.finish(), CompareBranchFusion.run, expect: """
            func f(%1: ref)
            b0:
              %0 = retain %1
              %2 = eq.ref %0, %1
              release %0
              br %2 -> b1, b2
            b1:
              ret
            b2:
              ret

            """)
    }

    @Test func immediatesMoveSmallConstantsIntoInstructions() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        let x = b.newRegister(.int)
        b.function.parameters = [x]
        b.function.resultKinds = [.int, .int, .int, .int]
        let seven = b.constInt(7)
        let one = b.constInt(1)
        let huge = b.constInt(100_000)
        let remainder = b.binary(.remI, x, .reg(seven))         // rem.ik with a reciprocal
        let remainderByOne = b.binary(.remI, x, .reg(one))      // divisor < 2: stays a register
        let tooBig = b.binary(.addI, x, .reg(huge))             // does not fit 16 bits
        let flipped = b.binary(.ltI, seven, .reg(x))            // 7 < x becomes x > 7
        b.terminate(.ret([remainder, remainderByOne, tooBig, flipped]))
        try Self.check(b.finish(), ImmediateSelection.run, expect: """
            func f(%0: int) -> int, int, int, int
            b0:
              %1 = const.i 7
              %2 = const.i 1
              %3 = const.i 100000
              %4 = rem.i %0, #7
              %5 = rem.i %0, %2
              %6 = add.i %0, %3
              %7 = gt.i %0, #7
              ret %4, %5, %6, %7

            """)
    }

    @Test func floatFusionAbsorbsSingleUseProducts() throws {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        let x = b.newRegister(.float)
        let y = b.newRegister(.float)
        b.function.parameters = [x, y]
        b.function.resultKinds = [.float, .float, .float]
        let xx = b.binary(.mulF, x, .reg(x))
        let sum = b.binary(.addF, y, .reg(xx))                 // y + x*x → muladd
        let yy = b.binary(.mulF, y, .reg(y))
        let difference = b.binary(.subF, sum, .reg(yy))        // sum - y*y → submul
        let twice = b.binary(.mulF, x, .reg(y))                // used twice: stays
        let a = b.binary(.subF, twice, .reg(x))
        let c = b.binary(.addF, twice, .reg(a))
        b.terminate(.ret([difference, a, c]))
        try Self.check(b.finish(), FloatFusion.run, expect: """
            func f(%0: float, %1: float) -> float, float, float
            b0:
              %3 = muladd.f %0, %0, %1
              %5 = submul.f %1, %1, %3
              %6 = mul.f %0, %1
              %7 = sub.f %6, %0
              %8 = add.f %6, %7
              ret %5, %7, %8

            """)
    }

    @Test func verifierRejectsKindMismatches() {
        var b = IRBuilder(name: "f", index: 0, file: 0)
        let f = b.constFloat(1)
        let bad = b.newRegister(.int)
        b.emit(.binary(.addI, bad, f, .imm(1)))
        b.terminate(.ret([]))
        #expect(throws: IRVerifier.Failure.self) { try IRVerifier.verify(b.finish()) }

        var c = IRBuilder(name: "g", index: 0, file: 0)
        let borrowed = c.newRegister(.borrowed(nullable: false))
        c.emit(.constString(borrowed, "x"))
        c.emit(.release(borrowed))
        c.terminate(.ret([]))
        #expect(throws: IRVerifier.Failure.self) { try IRVerifier.verify(c.finish()) }
    }
}
