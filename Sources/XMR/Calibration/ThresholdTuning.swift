/// Thresholds on a ranked label's score (or probability) that maximize F1 on validation data,
/// so each point gets a variable number of labels.
///
/// Only labels in a point's ranking can be predicted; true labels outside it count as misses.
/// Micro-F1 = 2·TP / (predicted + true) over all points and labels; macro-F1 is the mean over
/// labels of each label's F1 (a label never true and never predicted scores 0 and still counts).
public struct ThresholdTuning: Sendable, Equatable {
    /// What F1 to maximize.
    public enum Objective: String, CaseIterable, Sendable {
        /// F1 over all (point, label) decisions.
        case micro
        /// The mean over labels of each label's F1.
        case macro
    }

    /// The global threshold: a ranked label is predicted when its value is at least this.
    public var threshold: Double
    /// Per-label thresholds that replace the global one, for labels with enough validation support.
    public var labelThresholds: [Int: Double]

    /// Thresholds from their parts.
    public init(threshold: Double, labelThresholds: [Int: Double] = [:]) {
        self.threshold = threshold
        self.labelThresholds = labelThresholds
    }

    /// The threshold label `label` uses.
    public func threshold(ofLabel label: Int) -> Double { labelThresholds[label] ?? threshold }

    /// The labels of each ranking whose value (`values[i][r]` for `rankings[i][r]`) reaches its threshold.
    public func select(_ rankings: [[LabelScore]], values: [[Double]]) -> [[Int]] {
        zip(rankings, values).map { ranking, value in
            zip(ranking, value).compactMap { $1 >= threshold(ofLabel: $0.label) ? $0.label : nil }
        }
    }

    /// The tuning that maximizes `objective` on validation rankings, their values and truth.
    ///
    /// The global threshold is tuned first; then, with `minimumSupport` set, every label with at
    /// least that many true validation points gets its own threshold, chosen given all the others
    /// (one pass of coordinate ascent), kept only when it raises the objective.
    public static func tune(_ rankings: [[LabelScore]], values: [[Double]], truth: CSRMatrix,
                            objective: Objective, minimumSupport: Int? = nil) -> ThresholdTuning {
        let decisions = ThresholdDecisions(rankings: rankings, values: values, truth: truth)
        let global = decisions.bestGlobalThreshold(objective)
        var tuning = ThresholdTuning(threshold: global)
        guard let minimumSupport else { return tuning }
        var counts = decisions.counts(tuning)
        for label in 0..<truth.cols where decisions.trueCount[label] >= minimumSupport {
            let candidates = decisions.byLabel[label]
            guard !candidates.isEmpty else { continue }
            let current = counts.objective(objective)
            var best = (value: current, threshold: global)
            // Predictions of this label, highest value first; try a threshold at each.
            let old = counts.label(label)
            var tp = 0, predicted = 0
            for (k, candidate) in candidates.enumerated() {
                predicted += 1
                if candidate.hit { tp += 1 }
                if k + 1 < candidates.count, candidates[k + 1].value == candidate.value { continue }
                counts.set(label, tp: tp, predicted: predicted)
                let value = counts.objective(objective)
                if value > best.value + 1e-12 { best = (value, candidate.value) }
            }
            counts.set(label, tp: old.tp, predicted: old.predicted)
            if best.threshold != global {
                tuning.labelThresholds[label] = best.threshold
                counts = decisions.counts(tuning)
            }
        }
        return tuning
    }

    /// Micro- and macro-F1 of `selected` labels per point against `truth`.
    public static func f1(_ selected: [[Int]], truth: CSRMatrix) -> (micro: Double, macro: Double) {
        var counts = F1Counts(labelCount: truth.cols, trueCount: ThresholdDecisions.trueCounts(truth))
        var marker = [Int](repeating: -1, count: truth.cols)
        for (i, labels) in selected.enumerated() {
            for p in truth.range(ofRow: i) where truth.values[p] != 0 { marker[Int(truth.columnIndices[p])] = i }
            for label in labels where label >= 0 && label < truth.cols { counts.add(label, hit: marker[label] == i) }
        }
        return (counts.objective(.micro), counts.objective(.macro))
    }
}
