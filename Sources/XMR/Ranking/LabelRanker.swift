/// The ranker stage at prediction: a query and its matched clusters → its ranked labels.
///
/// `LinearRanker` (one-vs-rest linear rankers of the labels under every cluster) conforms.
public protocol LabelRanker: Sendable {
    /// The best `topK` labels under `clusters` (nodes of level `depth − 1`), best first.
    /// `onLevel` receives the label level's trace, when given. Throws when the model's files turn
    /// out damaged on first use.
    func rank(_ query: Query, clusters: [NodeScore], topK: Int, onLevel: ((BeamTrace.Level) -> Void)?) throws -> [LabelScore]

    /// The best `topK` labels of every query of `queries` under its matched clusters, on `threads`
    /// threads. `recorded`, when given, receives each query's kept labels.
    func rankBatch(_ queries: QueryBatch, clusters: ClusterBeams, topK: Int, threads: Int,
                   recorded: BeamRecording?) throws -> [[LabelScore]]
}
