import Foundation

/// The matchers (see `ClusterMatcher`); a new one adds a case and one line in `trainer(_:)`
/// (and in `loadMatcher`, when it stores a file: `StoredMatcher`).
public enum MatcherAlgorithm: String, Codable, Sendable, CaseIterable {
    /// XR-Linear's recursive linear matcher: one linear ranker per node of every cluster level.
    case linear
    /// An HNSW index over the last cluster level's PIFA vectors: a query's nearest clusters (`HNSWMatcher`).
    case hnsw
    /// A transformer encoder fine-tuned on the label tree, one head per cluster level (`NeuralMatcher`).
    case neural

    /// The trainer for this matcher.
    public func trainer(_ pipeline: Pipeline) -> any MatcherTrainer {
        switch self {
        case .linear: LinearMatcherTrainer(pipeline: pipeline)
        case .hnsw: HNSWMatcherTrainer(pipeline: pipeline)
        case .neural: NeuralMatcherTrainer(pipeline: pipeline)
        }
    }

    /// The matcher of a loaded model: the linear one from its weights, or the one stored in its
    /// matcher file `file` (named in `model.json`); `verify` checks the file's bytes against the
    /// size and CRC-32 `model.json` records.
    func loadMatcher(_ model: XRLinearModel, file: URL?,
                     verify: (UnsafeRawBufferPointer) throws -> Void) throws -> any ClusterMatcher {
        switch self {
        case .linear: model.matcher
        case .hnsw: try HNSWMatcher.load(model, file: file, verify: verify)
        case .neural: try NeuralMatcher.load(model, file: file, verify: verify)
        }
    }
}
