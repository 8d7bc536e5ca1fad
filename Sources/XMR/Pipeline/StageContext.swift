/// What every training stage receives besides its data: seed, threads, progress and cancellation.
public struct StageContext: Sendable {
    /// The pipeline's seed.
    public var seed: Int
    /// Worker threads.
    public var threads: Int
    /// Progress events, called from worker threads (record or hand them on, nothing more).
    public var progress: (@Sendable (TrainingProgress) -> Void)?
    /// Checked between units of work; a stage then throws `XRLinearError.cancelled`.
    public var cancel: CancellationToken?

    /// Creates a context.
    public init(seed: Int, threads: Int, progress: (@Sendable (TrainingProgress) -> Void)? = nil,
                cancel: CancellationToken? = nil) {
        self.seed = seed
        self.threads = threads
        self.progress = progress
        self.cancel = cancel
    }

    /// Throws `XRLinearError.cancelled` when cancellation was requested.
    public func checkCancellation() throws {
        if cancel?.isCancelled == true { throw XRLinearError.cancelled }
    }
}
