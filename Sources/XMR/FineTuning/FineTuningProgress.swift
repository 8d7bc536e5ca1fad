/// Where a fine-tuning is: the level, the epoch, steps done, and the running loss.
public struct FineTuningProgress: Sendable, Hashable {
    /// The cluster level being trained (1-based) and how many there are.
    public var level: Int, levels: Int
    /// The epoch at that level (1-based) and how many there are.
    public var epoch: Int, epochs: Int
    /// Texts done in this epoch, and the epoch's total.
    public var done: Int, total: Int
    /// The mean loss per text over this epoch so far.
    public var loss: Double
    /// Texts per second over this epoch so far.
    public var examplesPerSecond: Double
    /// The mean loss per text of the last step's batch (what a loss curve plots).
    public var stepLoss: Double
    /// The optimizer step (over all levels) of the last checkpoint written, if any.
    public var checkpointStep: Int?

    /// A progress report from its fields.
    public init(level: Int, levels: Int, epoch: Int, epochs: Int, done: Int, total: Int, loss: Double, examplesPerSecond: Double,
                stepLoss: Double? = nil, checkpointStep: Int? = nil) {
        self.level = level
        self.levels = levels
        self.epoch = epoch
        self.epochs = epochs
        self.done = done
        self.total = total
        self.loss = loss
        self.examplesPerSecond = examplesPerSecond
        self.stepLoss = stepLoss ?? loss
        self.checkpointStep = checkpointStep
    }
}
