import Synchronization
import XMR

/// The channel between a beam-width sweep worker and the UI loop: the newest progress or the
/// end, taken by the UI every tick, and a cancel flag.
@available(macOS 15.0, *)
public final class SweepChannel: Sendable {
    /// What the worker reports.
    public enum Update: Sendable {
        /// Progress.
        case progress(BeamWidthSweep.Progress)
        /// The sweep of run N finished.
        case finished(run: Int, sweep: BeamWidthSweep)
        /// The sweep stopped after a cancel.
        case cancelled
        /// The sweep failed.
        case failed(String)
    }

    private let latest = Mutex<Update?>(nil)
    /// The worker's cancellation token (the engine's one cancellation type).
    public let cancellation = CancellationToken()

    /// Creates an empty channel.
    public init() {}

    /// Publishes progress (replacing unread progress, never an end).
    public func publish(_ progress: BeamWidthSweep.Progress) {
        latest.withLock { update in
            switch update {
            case nil, .progress?: update = .progress(progress)
            default: break
            }
        }
    }

    /// Publishes the end of the sweep.
    public func finish(_ update: Update) { latest.withLock { $0 = update } }

    /// The newest update not taken yet.
    public func take() -> Update? { latest.withLock { update in defer { update = nil }; return update } }

    /// Asks the worker to stop.
    public func cancel() { cancellation.cancel() }

    /// True once `cancel()` was called.
    public var isCancelled: Bool { cancellation.isCancelled }
}
