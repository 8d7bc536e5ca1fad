import XMR

/// A run's ranking quality on its evaluation split: the numbers the Runs screen compares.
public struct RunMetrics: Sendable, Codable, Hashable {
    /// Precision at 1.
    public var precisionAt1: Double
    /// Precision at 3.
    public var precisionAt3: Double
    /// Precision at 5.
    public var precisionAt5: Double
    /// Recall at 5.
    public var recallAt5: Double
    /// nDCG at 5.
    public var ndcgAt5: Double
    /// Propensity-scored precision at 5 (nil when propensities were not available).
    public var pspAt5: Double?
    /// Points the metrics were computed on.
    public var evaluatedPoints: Int
    /// True when the points are the test split (false: the training split, for lack of a test split).
    public var evaluatedOnTest: Bool

    /// Creates metrics from their values.
    public init(precisionAt1: Double, precisionAt3: Double, precisionAt5: Double, recallAt5: Double, ndcgAt5: Double,
                pspAt5: Double?, evaluatedPoints: Int, evaluatedOnTest: Bool) {
        self.precisionAt1 = precisionAt1
        self.precisionAt3 = precisionAt3
        self.precisionAt5 = precisionAt5
        self.recallAt5 = recallAt5
        self.ndcgAt5 = ndcgAt5
        self.pspAt5 = pspAt5
        self.evaluatedPoints = evaluatedPoints
        self.evaluatedOnTest = evaluatedOnTest
    }

    /// Takes the k = 1, 3, 5 values of engine metrics evaluated up to k ≥ 5.
    public init(_ metrics: RankingMetrics, evaluatedOnTest: Bool) {
        func at(_ values: [Double], _ k: Int) -> Double { k <= values.count ? values[k - 1] : 0 }
        self.init(precisionAt1: at(metrics.precision, 1), precisionAt3: at(metrics.precision, 3),
                  precisionAt5: at(metrics.precision, 5), recallAt5: at(metrics.recall, 5),
                  ndcgAt5: at(metrics.ndcg, 5), pspAt5: metrics.propensityScoredPrecision.map { at($0, 5) },
                  evaluatedPoints: metrics.pointCount, evaluatedOnTest: evaluatedOnTest)
    }
}
