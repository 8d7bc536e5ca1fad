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
