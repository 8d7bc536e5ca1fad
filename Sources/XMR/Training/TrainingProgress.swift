/// Progress events of a training, delivered through a `@Sendable` callback.
public enum TrainingProgress: Sendable, Equatable {
    /// The raw training texts are being embedded by the text encoder: `done` of `total`.
    case encoding(done: Int, total: Int)
    /// A stage started; it runs until the next `stageStarted` or `finished`.
    case stageStarted(TrainingStage)
    /// The raw training texts are being turned into TF-IDF features.
    case vectorizing(texts: Int)
    /// Label representations and the label tree are being built.
    case clusteringStarted(labels: Int)
    /// Clustering advanced: `done` of `total` binary splits are finished.
    case clustering(done: Int, total: Int)
    /// The label tree is ready; `nodeCounts[t]` nodes at level t (level 0 is the root).
    case clusteringFinished(nodeCounts: [Int], seconds: Double)
    /// Rankers of one tree level are being trained.
    case level(LevelProgress)
    /// The neural matcher is fine-tuning the encoder (after every optimizer step).
    case fineTuning(FineTuningProgress)
    /// Training ended.
    case finished(seconds: Double, nonzeros: Int)
}
