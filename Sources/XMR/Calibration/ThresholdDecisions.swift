/// Every ranked (point, label) decision with its value and whether the label is true.
struct ThresholdDecisions {
    struct Candidate {
        var value: Double
        var hit: Bool
        var label: Int
    }

    /// All candidates, highest value first.
    var all: [Candidate] = []
    /// Each label's candidates, highest value first.
    var byLabel: [[Candidate]]
    /// True points per label.
    var trueCount: [Int]

    init(rankings: [[LabelScore]], values: [[Double]], truth: CSRMatrix) {
        byLabel = Array(repeating: [], count: truth.cols)
        trueCount = Self.trueCounts(truth)
        var marker = [Int](repeating: -1, count: truth.cols)
        for (i, (ranking, value)) in zip(rankings, values).enumerated() {
            for p in truth.range(ofRow: i) where truth.values[p] != 0 { marker[Int(truth.columnIndices[p])] = i }
            for (ranked, v) in zip(ranking, value) where ranked.label >= 0 && ranked.label < truth.cols {
                all.append(Candidate(value: v, hit: marker[ranked.label] == i, label: ranked.label))
            }
        }
        all.sort { $0.value > $1.value }
        for candidate in all { byLabel[candidate.label].append(candidate) }
    }

    static func trueCounts(_ truth: CSRMatrix) -> [Int] {
        var counts = [Int](repeating: 0, count: truth.cols)
        for (column, value) in zip(truth.columnIndices, truth.values) where value != 0 { counts[Int(column)] += 1 }
        return counts
    }

    /// The counts of `tuning`'s selection.
    func counts(_ tuning: ThresholdTuning) -> F1Counts {
        var counts = F1Counts(labelCount: byLabel.count, trueCount: trueCount)
        for candidate in all where candidate.value >= tuning.threshold(ofLabel: candidate.label) {
            counts.add(candidate.label, hit: candidate.hit)
        }
        return counts
    }

    /// The global threshold maximizing `objective`: one sweep down the sorted candidates.
    func bestGlobalThreshold(_ objective: ThresholdTuning.Objective) -> Double {
        var counts = F1Counts(labelCount: byLabel.count, trueCount: trueCount)
        var best = (value: counts.objective(objective), threshold: (all.first?.value ?? 0) + 1)
        for (k, candidate) in all.enumerated() {
            counts.add(candidate.label, hit: candidate.hit)
            if k + 1 < all.count, all[k + 1].value == candidate.value { continue }
            let value = counts.objective(objective)
            if value > best.value { best = (value, candidate.value) }
        }
        return best.threshold
    }
}
