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
    /// Training rows of the nodes done so far (a node's rows: the candidate points under its
    /// parent), the measure of work the solver's time follows.
    public var rowsDone: Int
    /// Training rows of all nodes of this level.
    public var rowsTotal: Int

    /// Creates a level progress record.
    public init(level: Int, depth: Int, nodesDone: Int, nodesTotal: Int, elapsedSeconds: Double, nonzeros: Int,
                rowsDone: Int = 0, rowsTotal: Int = 0) {
        self.rowsDone = rowsDone
        self.rowsTotal = rowsTotal
        self.level = level
        self.depth = depth
        self.nodesDone = nodesDone
        self.nodesTotal = nodesTotal
        self.elapsedSeconds = elapsedSeconds
        self.nonzeros = nonzeros
    }
}
