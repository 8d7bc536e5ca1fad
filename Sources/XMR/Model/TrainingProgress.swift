/// Progress events of a training, delivered through a `@Sendable` callback.
public enum TrainingProgress: Sendable, Equatable {
    /// Label representations and the label tree are being built.
    case clusteringStarted(labels: Int)
    /// Clustering advanced: `done` of `total` binary splits are finished.
    case clustering(done: Int, total: Int)
    /// The label tree is ready; `nodeCounts[t]` nodes at level t (level 0 is the root).
    case clusteringFinished(nodeCounts: [Int], seconds: Double)
    /// Rankers of one tree level are being trained.
    case level(LevelProgress)
    /// Training ended.
    case finished(seconds: Double, nonzeros: Int)
}

/// Where the training of one tree level stands.
public struct LevelProgress: Sendable, Equatable {
    /// The level being trained, 1...depth.
    public var level: Int
    /// The number of levels below the root.
    public var depth: Int
    /// Nodes (binary classifiers) of this level trained so far.
    public var nodesDone: Int
    /// Nodes of this level in total.
    public var nodesTotal: Int
    /// Seconds since this level started.
    public var elapsedSeconds: Double
    /// Weights kept (after thresholding) so far at this level.
    public var nonzeros: Int

    /// Creates a level progress record.
    public init(level: Int, depth: Int, nodesDone: Int, nodesTotal: Int, elapsedSeconds: Double, nonzeros: Int) {
        self.level = level
        self.depth = depth
        self.nodesDone = nodesDone
        self.nodesTotal = nodesTotal
        self.elapsedSeconds = elapsedSeconds
        self.nonzeros = nonzeros
    }
}
