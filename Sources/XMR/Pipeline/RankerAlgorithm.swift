/// The rankers (see `LabelRanker`); a new one adds a case and one line in `trainer(_:)`.
public enum RankerAlgorithm: String, Codable, Sendable, CaseIterable {
    /// Linear one-vs-rest rankers per label under each matched cluster (tfn, man or tfn+man negatives).
    case linear

    /// The trainer for this ranker.
    public func trainer(_ pipeline: Pipeline) -> any RankerTrainer {
        switch self {
        case .linear: LinearRankerTrainer(pipeline: pipeline)
        }
    }
}
