/// Every hard limit of the front end, in one place (notes-style.md, "Errors and diagnostics").
///
/// Each limit ends in a diagnostic that quotes it, never in a crash. The parser is a
/// recursive-descent parser; the nesting limit keeps its own recursion, and the height of
/// every tree it returns, within what a thread with a small stack (512 KB, as test runners and
/// host threads often have) can afford, also in a debug build. Later stages walk the tree
/// recursively and rely on this bound too.
package enum Limits {
    /// How deeply constructs may nest: parentheses, brackets, braces, blocks, lambdas,
    /// `when`, string interpolation, prefix operators, type arguments, and the height of
    /// any expression or statement tree (so a chain such as `a + b + c + …` or
    /// `a.b().c().d()…` counts one level per operator).
    package static let maxNestingDepth = 256

    /// The stack the parser runs on (its own thread). A debug build spends up to ~40 KB of
    /// stack per nesting level (a release build ~3 KB), so 256 levels need ~10 MB; 64 MB of
    /// address space leaves a wide margin and costs only the pages actually touched.
    package static let parserStackSize = 64 << 20

    /// Syntax diagnostics kept for one file. Past this the parser stops reporting and adds a
    /// final note, so that a binary file or a wrong path gives a readable answer.
    package static let maxDiagnosticsPerFile = 200
}
