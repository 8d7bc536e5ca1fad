/// Sizes of one dataset split: points, nonzeros, labels and features per point.
public struct SplitStatistics: Codable, Sendable, Equatable {
    /// Number of points.
    public var points: Int
    /// Stored feature entries, or `nil` when the split has no feature matrix yet (text only).
    public var featureNonzeros: Int?
    /// Stored label entries (label occurrences).
    public var labelNonzeros: Int
    /// Features per point, or `nil` when the split has no feature matrix yet.
    public var featuresPerPoint: CountSummary?
    /// Labels per point.
    public var labelsPerPoint: CountSummary
    /// Points without any label.
    public var pointsWithoutLabels: Int
    /// Points without any feature, or `nil` when the split has no feature matrix yet.
    public var pointsWithoutFeatures: Int?
    /// Whether the split has raw texts.
    public var hasTexts: Bool

    /// Computes the statistics of `split`.
    public init(split: DatasetSplit) {
        points = split.count
        featureNonzeros = split.features?.nonzeros
        labelNonzeros = split.labels.nonzeros
        featuresPerPoint = split.features.map(CountSummary.init(rowsOf:))
        labelsPerPoint = CountSummary(rowsOf: split.labels)
        pointsWithoutLabels = (0..<split.labels.rows).count { split.labels.nonzeros(inRow: $0) == 0 }
        pointsWithoutFeatures = split.features.map { x in (0..<x.rows).count { x.nonzeros(inRow: $0) == 0 } }
        hasTexts = split.texts != nil
    }
}
