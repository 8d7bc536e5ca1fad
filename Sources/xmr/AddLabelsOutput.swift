import Foundation
import XMR

/// The JSON shape of `xmr add-labels --json`, and its text summary.
struct AddLabelsOutput: Encodable {
    var model: String
    var labelsBefore: Int
    var labelsAfter: Int
    var points: Int
    var addedLabels: [LabelAdditionReport.AddedLabel]
    var trainedNodes: [LabelAdditionReport.TrainedNode]
    var unchangedPathNodes: Int
    var overCapacity: Int
    var leafCapacity: Int
    var branching: Int
    var loadSeconds: Double
    var addSeconds: Double
    var saveSeconds: Double
    var totalSeconds: Double
    var calibrationRemoved: Bool

    /// The lines `xmr add-labels` prints without `--json`.
    var summary: String {
        var lines = ["added \(labelsAfter - labelsBefore) labels (\(labelsBefore) → \(labelsAfter)) from \(points) points in "
                     + String(format: "%.2f s (training %.2f s)", totalSeconds, addSeconds)]
        let newClusters = Set(addedLabels.filter(\.newCluster).map(\.cluster)).count
        let copied = Set(addedLabels.filter(\.inCopy).map(\.cluster)).count
        let clusters = Set(addedLabels.map(\.cluster)).count
        lines.append("  placed in \(clusters) leaf clusters (\(newClusters) new, \(copied) copies of existing ones; at most \(leafCapacity) labels a cluster, \(branching) children a node)"
                     + (overCapacity > 0 ? "; \(overCapacity) over capacity: no ancestor had room" : ""))
        let copies = trainedNodes.filter { !$0.isNew }.count
        lines.append("  matcher nodes on their paths: \(copies) copied and trained on (the originals kept), \(trainedNodes.count - copies) new, \(unchangedPathNodes) unchanged")
        for label in addedLabels.prefix(20) {
            let name = label.name.map { PrintableText.escaped($0) } ?? "#\(label.label)"
            lines.append("  \(label.label) \(name): \(label.positives) points, \(label.negatives) negatives, cluster \(label.cluster)\(label.newCluster ? " (new)" : label.inCopy ? " (copy)" : "")")
        }
        if addedLabels.count > 20 { lines.append("  … \(addedLabels.count - 20) more (--json lists all)") }
        if calibrationRemoved { lines.append("removed calibration.json: it was fitted for the old model (run xmr calibrate again)") }
        lines.append("saved \(model)")
        return lines.joined(separator: "\n")
    }
}
