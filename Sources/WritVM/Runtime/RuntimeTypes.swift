import WritBytecode

/// The program's type descriptors in the form the hot path reads: one fixed-size record per
/// type, indexed by the type id in an object's header, holding raw tables (method entries,
/// ancestry, which payload slots to release). Built once by the loader, freed with the
/// program.
///
/// Safety: every table is allocated here with the counts recorded beside it and freed in
/// `deallocate`; type ids in object headers come only from instructions the verifier
/// checked against the type table.
@safe package struct RuntimeTypes {
    /// One record per type (its pointers belong to the enclosing `RuntimeTypes`).
    @safe package struct Record {
        package var kind: TypeDescriptor.Kind
        package var byteElements: Bool
        package var keyIsString: Bool
        /// Payload slots (instance, box, closure captures) or slots per element (array) or
        /// per value (dictionary).
        package var slotCount: Int
        /// Payload slot indices holding strong references.
        package var strongSlots: UnsafeMutablePointer<Int32>?
        package var strongCount: Int
        package var weakSlots: UnsafeMutablePointer<Int32>?
        package var weakCount: Int
        /// Instances: (entry address, frame size) for each virtual method slot.
        package var vtable: UnsafeMutablePointer<UInt64>?
        /// Instances: per trait number, a pointer to (entry, frame size) pairs, or null.
        package var traits: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>?
        /// Instances: type index of the ancestor at each depth (the class itself last).
        package var display: UnsafeMutablePointer<UInt16>?
        package var depth: Int
        /// Freeing an object of this type releases nothing (a string, or an instance, box or
        /// closure without reference slots): `destroyObject` just returns its memory.
        package var releasesNothing = false
    }

    package var records: UnsafeMutablePointer<Record>
    package var count: Int
    package var traitCount: Int

    /// Builds the records. `entry(function)` gives a function's entry record address and
    /// frame size.
    init(_ descriptors: [TypeDescriptor], entry: (Int) -> (UInt64, Int)) {
        count = descriptors.count
        traitCount = (descriptors.flatMap { $0.traitTables.keys }.max() ?? -1) + 1
        unsafe records = UnsafeMutablePointer<Record>.allocate(capacity: max(count, 1))
        for (index, descriptor) in descriptors.enumerated() {
            func indices(_ kind: TypeDescriptor.Slot) -> (UnsafeMutablePointer<Int32>?, Int) {
                let list = descriptor.slots.indices.filter { descriptor.slots[$0] == kind }.map { Int32($0) }
                guard !list.isEmpty else { return (nil, 0) }
                let pointer = UnsafeMutablePointer<Int32>.allocate(capacity: list.count)
                unsafe pointer.initialize(from: list, count: list.count)
                return unsafe (pointer, list.count)
            }
            func methods(_ functions: [Int]) -> UnsafeMutablePointer<UInt64>? {
                guard !functions.isEmpty else { return nil }
                let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * functions.count)
                for (slot, function) in functions.enumerated() {
                    let (address, frameSize) = entry(function)
                    unsafe table[2 * slot] = address
                    unsafe table[2 * slot + 1] = UInt64(frameSize)
                }
                return unsafe table
            }
            let (strong, strongCount) = unsafe indices(.strong)
            let (weak, weakCount) = unsafe indices(.weak)
            var record = unsafe Record(kind: descriptor.kind, byteElements: descriptor.byteElements,
                                keyIsString: descriptor.keyIsString, slotCount: descriptor.slots.count,
                                strongSlots: strong, strongCount: strongCount, weakSlots: weak, weakCount: weakCount,
                                vtable: nil, traits: nil, display: nil, depth: 0)
            switch descriptor.kind {
            case .string: record.releasesNothing = true
            case .instance, .box, .closure: record.releasesNothing = strongCount == 0 && weakCount == 0
            case .array, .dictionary: record.releasesNothing = false
            }
            if descriptor.kind == .instance {
                unsafe record.vtable = methods(descriptor.vtable)
                if !descriptor.traitTables.isEmpty {
                    let traits = UnsafeMutablePointer<UnsafeMutablePointer<UInt64>?>.allocate(capacity: traitCount)
                    unsafe traits.initialize(repeating: nil, count: traitCount)
                    for (trait, functions) in descriptor.traitTables {
                        // A trait with no methods still needs a non-null table to say "implements".
                        unsafe traits[trait] = methods(functions) ?? UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
                    }
                    unsafe record.traits = traits
                }
                var chain: [UInt16] = [UInt16(index)]
                var current = descriptor.superclass
                while let parent = current, chain.count <= descriptors.count {
                    chain.append(UInt16(parent))
                    current = descriptors[parent].superclass
                }
                chain.reverse()
                let display = UnsafeMutablePointer<UInt16>.allocate(capacity: chain.count)
                unsafe display.initialize(from: chain, count: chain.count)
                unsafe record.display = display
                record.depth = chain.count - 1
            }
            unsafe (records + index).initialize(to: record)
        }
    }

    /// The record of `type`, read in place (no copy of the whole record).
    @inline(__always) package subscript(type: UInt16) -> Record {
        unsafeAddress { unsafe UnsafePointer(records + Int(type)) }
    }

    /// Whether an object of type `type` is an instance of class `target` or a descendant.
    @inline(__always) package func isInstance(_ type: UInt16, of target: UInt16) -> Bool {
        let record = unsafe records[Int(type)]
        let targetDepth = unsafe records[Int(target)].depth
        guard record.kind == .instance, targetDepth <= record.depth, let display = unsafe record.display else { return false }
        return unsafe display[targetDepth] == target
    }

    /// The method table of trait `trait` for objects of type `type`, or null.
    @inline(__always) package func traitTable(_ type: UInt16, _ trait: Int) -> UnsafeMutablePointer<UInt64>? {
        guard trait < traitCount, let traits = unsafe records[Int(type)].traits else { return nil }
        return unsafe traits[trait]
    }

    func deallocate() {
        for index in 0..<count {
            let record = unsafe records[index]
            unsafe record.strongSlots?.deallocate()
            unsafe record.weakSlots?.deallocate()
            unsafe record.vtable?.deallocate()
            if let traits = unsafe record.traits {
                for trait in 0..<traitCount { unsafe traits[trait]?.deallocate() }
                unsafe traits.deallocate()
            }
            unsafe record.display?.deallocate()
        }
        unsafe records.deallocate()
    }
}
