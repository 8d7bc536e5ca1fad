/// Scored predictions with their outcomes: for every point, each ranked label's score and whether
/// the label is one of the point's true labels. What calibrations are fitted and measured on.
public struct CalibrationSample: Sendable, Equatable {
    /// Each prediction's score.
    public var scores: [Float]
    /// Whether each prediction is a true label.
    public var outcomes: [Bool]

    /// A sample from its parts.
    public init(scores: [Float], outcomes: [Bool]) {
        precondition(scores.count == outcomes.count, "one outcome per score")
        self.scores = scores
        self.outcomes = outcomes
    }

    /// Every ranked label of `rankings` (one ranking per row of `truth`) with its outcome.
    public init(rankings: [[LabelScore]], truth: CSRMatrix) {
        precondition(rankings.count == truth.rows, "one ranking per point")
        var scores: [Float] = [], outcomes: [Bool] = []
        var marker = [Int](repeating: -1, count: truth.cols)
        for (i, ranking) in rankings.enumerated() {
            for p in truth.range(ofRow: i) where truth.values[p] != 0 { marker[Int(truth.columnIndices[p])] = i }
            for ranked in ranking {
                scores.append(ranked.score)
                outcomes.append(ranked.label >= 0 && ranked.label < truth.cols && marker[ranked.label] == i)
            }
        }
        self.init(scores: scores, outcomes: outcomes)
    }

    /// Number of predictions.
    public var count: Int { scores.count }
}
