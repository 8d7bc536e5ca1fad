import Foundation
import WorkbenchCore
import XMR

/// `xmr predict --trace` as text: the beam path as a tree with every candidate (kept and pruned,
/// each with its rank, scores and name), the per-level cutoffs, each true label's chain from the
/// root (the Query screen's drill-down), and the ranking.
struct TraceReport {
    var model: XRLinearModel
    var explanation: BeamExplanation
    /// Tree connectors (ASCII when the locale is not UTF-8).
    var connectors: BeamTreeLayout.Connectors = .unicode

    /// Explains `trace` for a point whose true labels are `trueLabels` (empty for free text).
    init(model: XRLinearModel, trace: BeamTrace, trueLabels: [Int], beamWidth: Int, topK: Int, ascii: Bool) {
        self.model = model
        explanation = BeamExplanation(trace: trace, tree: model.tree, trueLabels: trueLabels, beamWidth: beamWidth, topK: topK)
        connectors = ascii ? .ascii : .unicode
    }

    func lines() -> [String] {
        let names = BeamNodeNames(explanation, clusterLabels: ClusterLabels(tree: model.tree, frequencies: model.labelFrequencies),
                                  labelName: model.labelName)
        var out: [String] = ["levels:"]
        for level in explanation.levels {
            let name = level.level == explanation.depth ? "labels " : "level \(level.level)"
            let cutoff = level.cutoff.map { "cutoff \(String(format: "%.4f", $0))" } ?? "no cutoff"
            out.append("  \(name): \(level.candidates.count) candidates, kept \(level.keptCount) (width \(level.width)), \(cutoff)")
        }
        out.append("beam path (every candidate; \"pruned\" ones left the beam, ✓/✗ mark true labels' paths):")
        for row in BeamTreeLayout.rows(explanation, expanded: [], expandAll: true, connectors: connectors) {
            switch row.content {
            case .root:
                out.append("root")
            case .node(let node):
                let status = node.kept ? "kept  " : "pruned"
                let truth: String
                switch node.truth {
                case .none: truth = ""
                case .keptAncestor: truth = "  ✓ true label path"
                case .prunedAncestor: truth = "  ✗ true label lost here"
                }
                out.append(row.prefix + "#\(node.rank) \(names.name(ofNode: node.node, atLevel: node.level))  "
                           + "\(status) score \(Format.score(node.score)) raw \(String(format: "%+.4f", node.rawScore))"
                           + truth)
            case .prunedGroup(_, let count, _):
                out.append(row.prefix + "\(count) pruned")
            }
        }
        for fate in explanation.fates {
            out.append("")
            let report = LostLabelReport(fate: fate, explanation: explanation, names: names, labelName: model.labelName(fate.label))
            out += report.textLines().map(\.text)
        }
        out.append("")
        out.append("ranking:")
        for (i, r) in explanation.results.enumerated() {
            out.append("  \(i + 1). \(model.labelName(r.label))  \(String(format: "%.4f", r.score))")
        }
        return out
    }
}
