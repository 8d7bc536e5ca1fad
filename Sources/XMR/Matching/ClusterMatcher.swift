/// The matcher stage at prediction: a query → the scored clusters of the last cluster level.
///
/// The clusters are nodes of level `tree.depth − 1` (the root alone when the tree has one level),
/// best first, with path scores the ranker combines with its own (`Pipeline.postProcessor`).
/// XR-Linear's recursive linear matcher (`LinearMatcher`) conforms; an HNSW search over cluster
/// vectors or a fine-tuned transformer can conform the same way: they see whole queries or whole
/// batches, never the ranker's loops.
public protocol ClusterMatcher: Sendable {
    /// The clusters of one query, best first, at most `beamWidth` of them. `onLevel` receives the
    /// trace of every level the matcher walks (for explaining a ranking), when given. Throws when
    /// the model's files turn out damaged on first use.
    func match(_ query: Query, beamWidth: Int, onLevel: ((BeamTrace.Level) -> Void)?) throws -> [NodeScore]

    /// The clusters of every query of `queries`, on `threads` threads. `recorded`, when given,
    /// receives every level's kept nodes per query (`BatchPrediction.beams`).
    func matchBatch(_ queries: QueryBatch, beamWidth: Int, threads: Int, recorded: BeamRecording?) throws -> ClusterBeams
}
