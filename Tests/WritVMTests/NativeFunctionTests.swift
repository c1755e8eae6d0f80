import Testing
import WritBytecode
@testable import WritVM

/// The facts `Interpreter.nativeFunction(verified:)` relies on to turn a verified operand
/// into a `NativeFunction` without a failable conversion.
struct NativeFunctionTests {
    @Test func enumIsOneByteWithRawValuesInDeclarationOrder() {
        #expect(MemoryLayout<NativeFunction>.size == 1)
        for (index, native) in NativeFunction.allCases.enumerated() {
            #expect(Int(native.rawValue) == index)
            #expect(Interpreter.nativeFunction(verified: index) == native)
        }
    }
}

/// The small-object pool: blocks are reused per size class, never shared between live
/// objects, and aligned.
struct SmallObjectPoolTests {
    @Test func blocksAreReusedPerSizeClassAndNeverHandedOutTwice() {
        var pool = SmallObjectPool()
        defer { pool.destroy() }
        // Blocks as (address, size); every size from 16 to the largest pooled size, twice.
        var live: [(address: UInt, size: Int)] = []
        func allocate(_ size: Int) -> UInt { unsafe UInt(bitPattern: pool.allocate(size: size)) }
        for size in stride(from: 16, through: SmallObjectPool.largestPooledSize, by: 8) {
            for _ in 0..<2 { live.append((allocate(size), size)) }
        }
        #expect(Set(live.map(\.address)).count == live.count)
        #expect(live.allSatisfy { $0.address % 16 == 0 })
        // Writing every byte of every block must not disturb any other block.
        for (index, block) in live.enumerated() {
            let pointer = unsafe UnsafeMutableRawPointer(bitPattern: block.address).unsafelyUnwrapped
            unsafe pointer.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: index), count: block.size)
        }
        for (index, block) in live.enumerated() {
            let pointer = unsafe UnsafeRawPointer(bitPattern: block.address).unsafelyUnwrapped
            let intact = unsafe UnsafeRawBufferPointer(start: pointer, count: block.size)
                .allSatisfy { $0 == UInt8(truncatingIfNeeded: index) }
            #expect(intact)
        }
        // A freed block comes back for the next allocation of its class, not of another.
        let freed = live.removeLast()
        unsafe pool.deallocate(UnsafeMutableRawPointer(bitPattern: freed.address).unsafelyUnwrapped, size: freed.size)
        #expect(allocate(16) != freed.address)
        #expect(allocate(freed.size) == freed.address)
        // Enough allocations to need many slabs.
        for _ in 0..<10_000 { live.append((allocate(48), 48)) }
        #expect(Set(live.map(\.address)).count == live.count)
    }
}
