import Synchronization
import XMR

/// The progress channel between a training worker and the UI loop: the worker publishes
/// snapshots, the UI polls the latest one every tick, and cancel is one atomic flag.
@available(macOS 15.0, *)
public final class TrainingChannel: Sendable {
    /// What the worker reports.
    public enum Update: Sendable {
        /// A new snapshot.
        case progress(TrainingSnapshot)
        /// The training ended with a model (and the overview of its tree, built on the worker).
        case finished(TrainingSnapshot, any TrainedWorkbenchModel, TreeOverview)
        /// The training stopped after a cancel.
        case cancelled(TrainingSnapshot)
        /// The training failed.
        case failed(String)
    }

    private let latest = Mutex<(update: Update?, version: Int)>((nil, 0))
    /// The worker's cancellation token (the engine's one cancellation type).
    public let cancellation = CancellationToken()
    private let lastProgress = Mutex<TrainingSnapshot>(TrainingSnapshot())

    /// When the channel was made (the training's start, for a clock between the worker's reports).
    public let startedAt = ContinuousClock.now

    /// Creates an empty channel.
    public init() {}

    /// Publishes a progress snapshot (replacing any unread one).
    public func publish(_ progress: TrainingSnapshot) {
        lastProgress.withLock { $0 = progress }
        latest.withLock { state in
            switch state.update {
            case nil, .progress?: state = (.progress(progress), state.version + 1)
            default: break
            }
        }
    }

    /// Publishes the end of the training; an end is never replaced by later progress.
    public func finish(_ update: Update) {
        latest.withLock { $0 = (update, $0.version + 1) }
    }

    /// The newest update not taken yet, if any.
    public func take() -> Update? {
        latest.withLock { state in
            let update = state.update
            state.update = nil
            return update
        }
    }

    /// The last progress snapshot published (for reporting where a cancel stopped).
    public var progress: TrainingSnapshot { lastProgress.withLock { $0 } }

    /// Asks the worker to stop.
    public func cancel() { cancellation.cancel() }

    /// True once `cancel()` was called.
    public var isCancelled: Bool { cancellation.isCancelled }
}
