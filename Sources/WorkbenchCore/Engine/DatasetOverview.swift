import XMR

/// What the Data screen shows about a dataset, computed once when it is loaded.
public struct DatasetOverview: Sendable {
    /// One bar of the label-frequency histogram.
    public struct FrequencyBin: Sendable, Hashable {
        /// Smallest frequency in the bin.
        public var lower: Int
        /// Largest frequency in the bin (nil: no upper bound).
        public var upper: Int?
        /// Labels whose training frequency falls in the bin.
        public var labels: Int

        /// "0", "1", "2–3", "64+".
        public var title: String {
            guard let upper else { return "\(Format.count(lower))+" }
            return upper == lower ? Format.count(lower) : "\(Format.count(lower))–\(Format.count(upper))"
        }
    }

    /// The dataset itself (texts and labels for the example browser).
    public let dataset: Dataset
    /// Training points per label.
    public let labelFrequencies: [Int]
    /// Label ids by descending training frequency (ties by id).
    public let labelsByFrequency: [Int]
    /// Mean labels per training point.
    public let labelsPerPoint: Double
    /// Mean training points per label.
    public let pointsPerLabel: Double
    /// Mean nonzero features per training point (nil when not vectorized).
    public let featuresPerPoint: Double?
    /// Labels with no training point.
    public let unusedLabels: Int

    /// Computes the overview of `dataset`.
    public init(dataset: Dataset) {
        self.dataset = dataset
        let labels = dataset.train.labels
        let frequencies = LabelFrequencyStatistics.frequencies(of: labels)
        labelFrequencies = frequencies
        labelsByFrequency = frequencies.indices.sorted { a, b in
            frequencies[a] != frequencies[b] ? frequencies[a] > frequencies[b] : a < b
        }
        let points = max(1, dataset.train.count)
        labelsPerPoint = Double(labels.nonzeros) / Double(points)
        pointsPerLabel = Double(labels.nonzeros) / Double(max(1, dataset.labelCount))
        featuresPerPoint = dataset.train.features.map { Double($0.nonzeros) / Double(points) }
        unusedLabels = frequencies.filter { $0 == 0 }.count
    }

    /// Dataset name.
    public var name: String { dataset.name }
    /// Training points.
    public var trainCount: Int { dataset.train.count }
    /// Test points (0 without a test split).
    public var testCount: Int { dataset.test?.count ?? 0 }

    /// Histogram of label frequencies in power-of-two bins (0, 1, 2–3, 4–7, …), at most `maxBins`
    /// bars: the last bar absorbs the head of the distribution.
    public func frequencyHistogram(maxBins: Int) -> [FrequencyBin] {
        guard maxBins > 0 else { return [] }
        // The engine's log bins (0, 1, 2–3, 4–7, …), so the screen agrees with `xmr info`.
        var counts = [Int](repeating: 0, count: XMR.FrequencyBin.index(of: labelFrequencies.max() ?? 0) + 1)
        for frequency in labelFrequencies { counts[XMR.FrequencyBin.index(of: frequency)] += 1 }
        var bins: [FrequencyBin] = counts.enumerated().compactMap { index, labels in
            let bounds = XMR.FrequencyBin.bounds(ofBin: index)
            return index == 0 && labels == 0 ? nil : FrequencyBin(lower: bounds.lowerBound, upper: bounds.upperBound, labels: labels)
        }
        if bins.count > maxBins {
            let head = bins[(maxBins - 1)...]
            bins.removeSubrange((maxBins - 1)...)
            bins.append(FrequencyBin(lower: head.first!.lower, upper: nil, labels: head.map(\.labels).reduce(0, +)))
        }
        return bins
    }

    /// The label ids of training point `index`.
    public func labels(ofTrainPoint index: Int) -> [Int] {
        let matrix = dataset.train.labels
        guard index >= 0, index < matrix.rows else { return [] }
        return matrix.range(ofRow: index).map { Int(matrix.columnIndices[$0]) }
    }
}
