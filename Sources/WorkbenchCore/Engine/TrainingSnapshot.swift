import XMR

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
        /// Training rows of the nodes done (the engine's measure of work; 0 when not reported).
        public var rowsDone = 0
        /// Training rows of all the level's nodes (0 when not reported).
        public var rowsTotal = 0

        /// Creates a level's progress.
        public init(level: Int, nodesDone: Int, nodesTotal: Int, seconds: Double, weightsKept: Int) {
            self.level = level
            self.nodesDone = nodesDone
            self.nodesTotal = nodesTotal
            self.seconds = seconds
            self.weightsKept = weightsKept
        }

        /// Share of the work done, 0...1: by training rows when reported (nodes differ in size a
        /// lot, and the biggest go first), else by nodes.
        public var fraction: Double {
            if rowsTotal > 0 { return Double(rowsDone) / Double(rowsTotal) }
            return nodesTotal > 0 ? Double(nodesDone) / Double(nodesTotal) : 0
        }
    }

    /// One step's time: it ran from `start` to `end` (nil while it runs), in seconds since the
    /// training started.
    public struct StepTime: Sendable, Hashable {
        /// The step.
        public var step: TrainingStep
        /// When it started.
        public var start: Double
        /// When it ended (the next step's start), nil while it runs.
        public var end: Double?

        /// Creates a step's time.
        public init(step: TrainingStep, start: Double, end: Double? = nil) {
            self.step = step
            self.start = start
            self.end = end
        }
    }

    /// The current stage.
    public var phase: Phase
    /// A short description of what happens now ("vectorizing texts").
    public var detail: String
    /// Clustering share done, 0...1.
    public var clusteringFraction: Double
    /// Seconds spent clustering (so far, or in total once done).
    public var clusteringSeconds: Double
    /// Training texts embedded by the encoder so far (the encoding stage).
    public var textsEncoded = 0
    /// Training texts the encoder embeds in all (0 without an encoder).
    public var textsToEncode = 0
    /// Nodes per level of the tree once clustering is done (level 0 = root), else empty.
    public var treeShape: [Int]
    /// One entry per tree level, filled as levels start.
    public var levels: [Level]
    /// Seconds since the training started.
    public var elapsedSeconds: Double
    /// The last report of the neural matcher's fine-tuning (level, epoch, texts, loss, speed), if it fine-tunes.
    public var fineTuning: FineTuningProgress?
    /// The loss of every fine-tuning step so far (the Train screen's loss curve).
    public var lossCurve = LossCurve()
    /// The steps started so far, in order; each ends where the next starts, so their times add
    /// up to `elapsedSeconds`.
    public var steps: [StepTime] = []

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
