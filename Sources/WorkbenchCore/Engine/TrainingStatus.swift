/// Where the Train screen's training stands.
public enum TrainingStatus: Sendable, Hashable {
    /// Nothing started yet.
    case idle
    /// A training is running; the snapshot is the latest progress.
    case running(TrainingSnapshot)
    /// The last training finished.
    case finished(TrainingSnapshot, TrainingSummary)
    /// The last training was cancelled by the user.
    case cancelled(TrainingSnapshot)
    /// The last training failed with this message.
    case failed(String)

    /// True while a training runs.
    public var isRunning: Bool {
        if case .running = self { return true }
        return false
    }
}
