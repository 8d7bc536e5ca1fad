import Foundation
import XMR

/// Renders a `BeamTrace` as text: per level the kept nodes and the best pruned ones.
struct TraceReport {
    var model: XRLinearModel
    var trace: BeamTrace
    /// Pruned candidates shown per level.
    var prunedShown = 5

    func nodeName(_ node: Int, level: Int) -> String {
        level == model.depth ? model.labelName(node) : "node \(node)"
    }

    func lines() -> [String] {
        var out: [String] = []
        for level in trace.levels {
            let kept = level.candidates.filter(\.kept)
            let pruned = level.candidates.filter { !$0.kept }
            out.append("level \(level.level): \(level.candidates.count) candidates, \(kept.count) kept")
            for c in kept {
                out.append("  kept    \(nodeName(c.node, level: level.level))  score \(String(format: "%.4f", c.score))  raw \(String(format: "%+.4f", c.rawScore))  parent \(c.parent)")
            }
            for c in pruned.prefix(prunedShown) {
                out.append("  pruned  \(nodeName(c.node, level: level.level))  score \(String(format: "%.4f", c.score))  raw \(String(format: "%+.4f", c.rawScore))  parent \(c.parent)")
            }
            if pruned.count > prunedShown { out.append("  ... \(pruned.count - prunedShown) more pruned") }
        }
        out.append("ranking:")
        for (i, r) in trace.results.enumerated() {
            out.append("  \(i + 1). \(model.labelName(r.label))  \(String(format: "%.4f", r.score))")
        }
        return out
    }
}
