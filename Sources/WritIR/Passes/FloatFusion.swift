/// Superinstructions for float arithmetic: `%t = mul.f %a, %b` whose only use is a
/// following `add.f`/`sub.f` in the same block becomes one `muladd.f`, `mulsub.f` or
/// `submul.f`, when neither `%a` nor `%b` changes in between. The result is rounded twice,
/// exactly as the two instructions would (no fused multiply-add), so results do not
/// change; the program runs one dispatch less. Products feeding sums are everywhere in
/// game math (dot products, interpolation, integration steps).
package enum FloatFusion {
    package static func run(_ function: inout IRFunction) {
        let defUse = DefUse(function)
        for b in function.blocks.indices {
            var removed = Set<Int>()
            for j in function.blocks[b].instructions.indices {
                guard case .binary(let op, let d, let x, .reg(let y)) = function.blocks[b].instructions[j].op,
                      op == .addF || op == .subF
                else { continue }
                // Which operand is a product we can absorb?
                for (product, other, productOnLeft) in [(x, y, true), (y, x, false)] {
                    guard defUse.useCount[product.index] == 1, defUse.defCount[product.index] == 1,
                          let (db, i) = defUse.singleDef[product.index], db == b, i < j, !removed.contains(i),
                          case .binary(.mulF, _, let a, .reg(let c)) = function.blocks[b].instructions[i].op
                    else { continue }
                    let between = function.blocks[b].instructions[(i + 1)..<j]
                    guard !between.contains(where: { $0.op.defs.contains(a) || $0.op.defs.contains(c) }) else { continue }
                    let fused: FusedOp = switch (op, productOnLeft) {
                    case (.addF, _): .mulAddF
                    case (.subF, true): .mulSubF
                    default: .subMulF
                    }
                    function.blocks[b].instructions[j].op = .fused(fused, d, a, c, other)
                    removed.insert(i)
                    break
                }
            }
            if !removed.isEmpty {
                function.blocks[b].instructions = function.blocks[b].instructions.enumerated()
                    .filter { !removed.contains($0.offset) }.map(\.element)
            }
        }
    }
}
