/// What a message between ranks carries (its MPI tag).
public enum MessageTag: Int32, Sendable, Hashable, CaseIterable {
    /// A rank's outcome of a step every rank takes (parsing, loading): empty, or its error.
    case status = 1
    /// Rank 0's verdict on a step: go on, or stop.
    case verdict = 2
    /// Rank 0's training job for a worker (`TrainingJob`).
    case job = 3
    /// A worker's progress through one level.
    case progress = 4
    /// A worker's result: its subtree weights or rankings, or its error.
    case result = 5
}
