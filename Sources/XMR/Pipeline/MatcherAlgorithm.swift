/// The matchers (see `ClusterMatcher`); a new one adds a case and one line in `trainer(_:)`.
public enum MatcherAlgorithm: String, Codable, Sendable, CaseIterable {
    /// XR-Linear's recursive linear matcher: one linear ranker per node of every cluster level.
    case linear

    /// The trainer for this matcher.
    public func trainer(_ pipeline: Pipeline) -> any MatcherTrainer {
        switch self {
        case .linear: LinearMatcherTrainer(pipeline: pipeline)
        }
    }
}
