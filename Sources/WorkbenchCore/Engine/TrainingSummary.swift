import Foundation

/// What a finished training reports: test metrics, time and size.
public struct TrainingSummary: Sendable, Hashable {
    /// Precision at 1 on the test split (or the training split when there is no test split).
    public var precisionAt1: Double
    /// Precision at 3.
    public var precisionAt3: Double
    /// Precision at 5.
    public var precisionAt5: Double
    /// Recall at 5.
    public var recallAt5: Double
    /// Points the metrics were computed on.
    public var evaluatedPoints: Int
    /// True when the metrics come from the test split.
    public var evaluatedOnTest: Bool
    /// Wall-clock training seconds (clustering and rankers, without evaluation).
    public var trainingSeconds: Double
    /// Size of the model's weights and tree in bytes.
    public var modelBytes: Int
    /// Nonzero weights in the model.
    public var weightCount: Int
    /// Nodes per level (level 0 = root).
    public var treeShape: [Int]
    /// Per level 1...depth, the share of a point's true labels whose node stayed in the beam.
    public var beamRecall: [Double]
    /// nDCG at 5.
    public var ndcgAt5: Double
    /// Propensity-scored precision at 5 (nil when not computed).
    public var pspAt5: Double?
    /// Wall-clock seconds of predicting the evaluated points (batch, all threads).
    public var predictSeconds: Double
    /// When the training finished.
    public var finishedAt: Date

    /// Creates a summary.
    public init(precisionAt1: Double, precisionAt3: Double, precisionAt5: Double, recallAt5: Double,
                evaluatedPoints: Int, evaluatedOnTest: Bool, trainingSeconds: Double, modelBytes: Int,
                weightCount: Int, treeShape: [Int], beamRecall: [Double] = [], ndcgAt5: Double = 0, pspAt5: Double? = nil,
                predictSeconds: Double = 0, finishedAt: Date = Date(timeIntervalSince1970: 0)) {
        self.precisionAt1 = precisionAt1
        self.precisionAt3 = precisionAt3
        self.precisionAt5 = precisionAt5
        self.recallAt5 = recallAt5
        self.evaluatedPoints = evaluatedPoints
        self.evaluatedOnTest = evaluatedOnTest
        self.trainingSeconds = trainingSeconds
        self.modelBytes = modelBytes
        self.weightCount = weightCount
        self.treeShape = treeShape
        self.beamRecall = beamRecall
        self.ndcgAt5 = ndcgAt5
        self.pspAt5 = pspAt5
        self.predictSeconds = predictSeconds
        self.finishedAt = finishedAt
    }
}
