/// A snapshot of a running training, published by the worker and drawn by the Train screen.
public struct TrainingSnapshot: Sendable, Hashable {
    /// The stage the training is in.
    public enum Phase: Sendable, Hashable {
        /// Loading, vectorizing, building label vectors.
        case preparing
        /// Building the label tree.
        case clustering
        /// Training the per-level rankers.
        case training
        /// Scoring the test split.
        case evaluating
        /// Done.
        case finished
    }

    /// Progress of one tree level's rankers.
    public struct Level: Sendable, Hashable {
        /// Level number, 1 = the root's children.
        public var level: Int
        /// Rankers (nodes of this level) trained so far.
        public var nodesDone: Int
        /// Rankers of this level in total (its node count).
        public var nodesTotal: Int
        /// Seconds spent on this level so far.
        public var seconds: Double
        /// Nonzero weights kept after thresholding so far.
        public var weightsKept: Int

        /// Creates a level's progress.
        public init(level: Int, nodesDone: Int, nodesTotal: Int, seconds: Double, weightsKept: Int) {
            self.level = level
            self.nodesDone = nodesDone
            self.nodesTotal = nodesTotal
            self.seconds = seconds
            self.weightsKept = weightsKept
        }

        /// Share done, 0...1.
        public var fraction: Double { nodesTotal > 0 ? Double(nodesDone) / Double(nodesTotal) : 0 }
    }

    /// The current stage.
    public var phase: Phase
    /// A short description of what happens now ("vectorizing texts").
    public var detail: String
    /// Clustering share done, 0...1.
    public var clusteringFraction: Double
    /// Seconds spent clustering (so far, or in total once done).
    public var clusteringSeconds: Double
    /// Nodes per level of the tree once clustering is done (level 0 = root), else empty.
    public var treeShape: [Int]
    /// One entry per tree level, filled as levels start.
    public var levels: [Level]
    /// Seconds since the training started.
    public var elapsedSeconds: Double

    /// Creates a snapshot.
    public init(phase: Phase = .preparing, detail: String = "", clusteringFraction: Double = 0,
                clusteringSeconds: Double = 0, treeShape: [Int] = [], levels: [Level] = [],
                elapsedSeconds: Double = 0) {
        self.phase = phase
        self.detail = detail
        self.clusteringFraction = clusteringFraction
        self.clusteringSeconds = clusteringSeconds
        self.treeShape = treeShape
        self.levels = levels
        self.elapsedSeconds = elapsedSeconds
    }
}
