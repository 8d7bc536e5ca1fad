/// How the training points spread over the labels: the long tail of the label distribution.
///
/// A label's frequency is the number of training points that carry it. Quantiles are taken over
/// all labels, including those without training points, with the "lower" rule: the value at
/// sorted position floor(q × (labels − 1)).
public struct LabelFrequencyStatistics: Codable, Sendable, Equatable {
    /// min, 25%, 50%, 75%, 90%, 99%, max of the label frequencies.
    public var quantiles: [LabelQuantile]
    /// Labels that no training point carries.
    public var labelsWithoutPoints: Int
    /// Labels carried by exactly one training point.
    public var labelsWithOnePoint: Int
    /// Labels carried by at most five training points (including those with none).
    public var labelsWithAtMostFivePoints: Int
    /// All label occurrences in training (nonzeros of the label matrix).
    public var occurrences: Int
    /// How many labels make up the most frequent 1% of all labels (at least one).
    public var topPercentLabels: Int
    /// The share (0...1) of all occurrences held by the most frequent 1% of labels.
    public var topPercentShare: Double
    /// The most frequent labels, most frequent first (ties by id).
    public var mostFrequent: [LabelCount]
    /// The least frequent labels that have at least one training point, rarest first (ties by id).
    public var leastFrequent: [LabelCount]
    /// The log-binned histogram of label frequencies, from bin 0 up to the bin of the maximum.
    public var histogram: [FrequencyBin]

    /// The quantile fractions reported, with their titles.
    public static let reportedQuantiles: [(title: String, fraction: Double)] = [
        ("min", 0), ("25%", 0.25), ("50%", 0.5), ("75%", 0.75), ("90%", 0.9), ("99%", 0.99), ("max", 1),
    ]

    /// Number of training points per label (column counts of `labels`).
    public static func frequencies(of labels: CSRMatrix) -> [Int] {
        var counts = [Int](repeating: 0, count: labels.cols)
        for c in labels.columnIndices { counts[Int(c)] += 1 }
        return counts
    }

    /// Computes the statistics of the training label matrix `labels`; `listLength` labels are
    /// listed as most and least frequent, named by `labelName`.
    public init(labels: CSRMatrix, labelName: (Int) -> String, listLength: Int = 10) {
        let counts = Self.frequencies(of: labels)
        let sorted = counts.sorted()
        let n = counts.count
        quantiles = Self.reportedQuantiles.map { q in
            let value = n == 0 ? 0 : sorted[Int((q.fraction * Double(n - 1)).rounded(.down))]
            return LabelQuantile(title: q.title, fraction: q.fraction, value: value)
        }
        labelsWithoutPoints = counts.count { $0 == 0 }
        labelsWithOnePoint = counts.count { $0 == 1 }
        labelsWithAtMostFivePoints = counts.count { $0 <= 5 }
        occurrences = labels.nonzeros

        let byFrequency = (0..<n).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        topPercentLabels = n == 0 ? 0 : max(1, (n + 99) / 100)
        let topOccurrences = byFrequency.prefix(topPercentLabels).reduce(0) { $0 + counts[$1] }
        topPercentShare = occurrences == 0 ? 0 : Double(topOccurrences) / Double(occurrences)
        mostFrequent = byFrequency.prefix(listLength).map { LabelCount(id: $0, name: labelName($0), count: counts[$0]) }
        let rare = (0..<n).filter { counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 < $1 }
        leastFrequent = rare.prefix(listLength).map { LabelCount(id: $0, name: labelName($0), count: counts[$0]) }

        let binCount = FrequencyBin.index(of: sorted.last ?? 0) + 1
        var perBin = [Int](repeating: 0, count: binCount)
        for c in counts { perBin[FrequencyBin.index(of: c)] += 1 }
        histogram = perBin.enumerated().map { k, labels in
            let bounds = FrequencyBin.bounds(ofBin: k)
            return FrequencyBin(lowerBound: bounds.lowerBound, upperBound: bounds.upperBound, labels: labels)
        }
    }
}
