// Freeing objects. An object is freed the moment its strong count reaches zero
// (design.md §5, tier 2). Freeing an object releases the references it holds; to free a
// long chain (a million-node list) without recursing on the host stack, objects whose count
// drops to zero while another is being freed go on a worklist.

extension Interpreter {
    /// Drops one strong reference.
    @inline(__always) package mutating func releaseObject(_ object: ObjectRef) {
        let count = object.strongCount &- 1
        object.strongCount = count
        if _slowPath(count == 0) { destroyObject(object) }
    }

    /// Frees an object whose strong count reached zero, and everything that only it kept
    /// alive.
    @inline(never) package mutating func destroyObject(_ object: ObjectRef) {
        // Strings hold no references; other types come with the object model.
        object.deallocate(stats: &heap)
    }
}
