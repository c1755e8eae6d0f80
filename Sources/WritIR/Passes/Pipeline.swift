/// The passes run on every function, in order. `writ disasm` prints the IR before and
/// after them.
package enum PassPipeline {
    package static let passes: [(name: String, run: @Sendable (inout IRFunction) -> Void)] = [
        ("constant-folding", ConstantFolding.run),
        ("copy-propagation", CopyPropagation.run),
        ("dead-code", DeadCodeElimination.run),
        ("compare-branch-fusion", CompareBranchFusion.run),
        ("immediates", ImmediateSelection.run),
        ("float-fusion", FloatFusion.run),
        ("move-coalescing", MoveCoalescing.run),
        ("dead-code", DeadCodeElimination.run),
        ("constant-hoisting", ConstantHoisting.run),
        ("jump-threading", JumpThreading.run),
        ("block-layout", BlockLayout.run),
    ]

    /// Runs every pass; with `verify`, checks the IR after each one and reports the pass
    /// that broke it.
    package static func run(_ function: inout IRFunction, verify: Bool = false) throws(IRVerifier.Failure) {
        for pass in passes {
            pass.run(&function)
            if verify {
                do {
                    try IRVerifier.verify(function)
                } catch {
                    throw IRVerifier.Failure(description: "after \(pass.name): \(error.description)")
                }
            }
        }
    }
}
