// The fence around the VM's raw memory, part 1: frames and code pointers.
//
// Safety invariant (established by the code generator and checked by the bytecode
// verifier before a program runs; the loader only builds records from verified code):
//   - `Frame.base` points at slot 0 of the running function's frame, and the stack holds
//     at least `frameSize` slots from there (`call` checks the stack limit before it
//     enters a function);
//   - every slot operand of an instruction is below its function's frame size, and the
//     slot's kind (scalar, owned, borrowed) never changes within the function, so a slot
//     read as a reference always holds null or a live object;
//   - `Pc.address` points at a record `[handler][word][extra…]` made by the loader, so the
//     extra words an opcode's spec promises are there.

/// The 8-byte slots of one call frame.
@safe package struct Frame {
    /// Slot 0 of the frame.
    package var base: UnsafeMutablePointer<UInt64>

    @inline(__always) package init(_ base: UnsafeMutablePointer<UInt64>) { unsafe self.base = base }

    @inline(__always) package subscript(raw slot: Int) -> UInt64 {
        get { unsafe base[slot] }
        nonmutating set { unsafe base[slot] = newValue }
    }

    @inline(__always) package subscript(int slot: Int) -> Int64 {
        get { unsafe Int64(bitPattern: base[slot]) }
        nonmutating set { unsafe base[slot] = UInt64(bitPattern: newValue) }
    }

    @inline(__always) package subscript(float slot: Int) -> Double {
        get { unsafe Double(bitPattern: base[slot]) }
        nonmutating set { unsafe base[slot] = newValue.bitPattern }
    }

    @inline(__always) package subscript(bool slot: Int) -> Bool {
        get { unsafe base[slot] != 0 }
        nonmutating set { unsafe base[slot] = newValue ? 1 : 0 }
    }

    /// A reference slot known to be non-null.
    @inline(__always) package subscript(ref slot: Int) -> ObjectRef {
        get { unsafe ObjectRef(bits: base[slot]) }
        nonmutating set { unsafe base[slot] = newValue.bits }
    }

    /// A reference slot that may hold null.
    @inline(__always) package subscript(optRef slot: Int) -> ObjectRef? {
        get { unsafe base[slot] == 0 ? nil : ObjectRef(bits: base[slot]) }
        nonmutating set { unsafe base[slot] = newValue?.bits ?? 0 }
    }

    /// The frame that starts `slots` slots further up the stack.
    @inline(__always) package func advanced(by slots: Int) -> Frame { unsafe Frame(base + slots) }

    /// Sets `count` slots from `slot` to zero.
    /// Up to four slots (what `zero` clears at most function entries) are stored directly:
    /// a call to memset costs three times as much for so few.
    @inline(__always) package func clear(from slot: Int, count: Int) {
        let start = unsafe base + slot
        switch count {
        case 1:
            unsafe start[0] = 0
        case 2:
            unsafe start[0] = 0
            unsafe start[1] = 0
        case 3:
            unsafe start[0] = 0
            unsafe start[1] = 0
            unsafe start[2] = 0
        case 4:
            unsafe start[0] = 0
            unsafe start[1] = 0
            unsafe start[2] = 0
            unsafe start[3] = 0
        default:
            unsafe start.update(repeating: 0, count: count)
        }
    }

    /// Copies `count` slots from `source` (in this frame) to `destination` (in `target`).
    @inline(__always) package func copy(from source: Int, count: Int, to target: Frame, at destination: Int) {
        unsafe (target.base + destination).update(from: base + source, count: count)
    }

    // The call header: two slots below a callee's slot 0 (see InstructionSet.swift).

    /// The address the callee returns to.
    @inline(__always) package var returnPc: Pc {
        get { unsafe Pc(bits: base[-2]) }
        nonmutating set { unsafe base[-2] = UInt64(UInt(bitPattern: newValue.address)) }
    }

    /// The caller's frame.
    @inline(__always) package var callerFrame: Frame {
        get { unsafe Frame(UnsafeMutablePointer(bitPattern: UInt(base[-1])).unsafelyUnwrapped) }
        nonmutating set { unsafe base[-1] = UInt64(UInt(bitPattern: newValue.base)) }
    }

    /// Writes a result below the header: result `index` of `count`.
    @inline(__always) package func setResult(_ index: Int, of count: Int, to value: UInt64) {
        unsafe base[index - 2 - count] = value
    }

    /// Distance in slots from `other` to this frame.
    @inline(__always) package func slots(from other: Frame) -> Int { unsafe base - other.base }

    /// True if a frame of `size` slots starting here would pass `limit`.
    @inline(__always) package func exceeds(_ limit: UnsafeMutablePointer<UInt64>, size: Int) -> Bool {
        unsafe base + size > limit
    }
}

/// Points at the record of the instruction being executed: `[handler][word][extra…]`.
@safe package struct Pc {
    package var address: UnsafePointer<UInt64>

    @inline(__always) package init(_ address: UnsafePointer<UInt64>) { unsafe self.address = address }

    @inline(__always) package init(bits: UInt64) {
        unsafe self.address = UnsafePointer(bitPattern: UInt(bits)).unsafelyUnwrapped
    }

    /// The instruction word, read field by field from the record.
    @inline(__always) package var word: Word { unsafe Word(UnsafeRawPointer(address + 1)) }

    /// Extra word `index` (0-based) after the instruction word.
    @inline(__always) package func extra(_ index: Int) -> UInt64 { unsafe address[2 + index] }

    @inline(__always) package mutating func advance(by words: Int) { unsafe address += words }

    @inline(__always) package func advanced(by words: Int) -> Pc { unsafe Pc(address + words) }

    /// The handler address stored in the record (direct threading).
    @inline(__always) package var handler: UInt { unsafe UInt(address[0]) }

    /// Distance in words from `other`.
    @inline(__always) package func words(from other: Pc) -> Int { unsafe address - other.address }
}

/// The fields of an instruction word (layout in WritBytecode/InstructionSet.swift), each
/// read straight from the record in memory: one `movzwl` per operand, instead of loading the
/// word and shifting and masking it. (Little-endian: bits 16–31 are bytes 2–3.)
@safe package struct Word {
    package var base: UnsafeRawPointer
    @inline(__always) package init(_ base: UnsafeRawPointer) { unsafe self.base = base }
    @inline(__always) package var bits: UInt64 { unsafe base.load(as: UInt64.self) }
    @inline(__always) package var opcode: UInt8 { unsafe base.load(as: UInt8.self) }
    @inline(__always) package var x: Int { unsafe Int(base.load(fromByteOffset: 1, as: UInt8.self)) }
    @inline(__always) package var a: Int { unsafe Int(base.load(fromByteOffset: 2, as: UInt16.self)) }
    @inline(__always) package var b: Int { unsafe Int(base.load(fromByteOffset: 4, as: UInt16.self)) }
    @inline(__always) package var c: Int { unsafe Int(base.load(fromByteOffset: 6, as: UInt16.self)) }
    @inline(__always) package var bSigned: Int { unsafe Int(base.load(fromByteOffset: 4, as: Int16.self)) }
    @inline(__always) package var cSigned: Int { unsafe Int(base.load(fromByteOffset: 6, as: Int16.self)) }
    @inline(__always) package var bc: Int { unsafe Int(base.load(fromByteOffset: 4, as: Int32.self)) }
}
