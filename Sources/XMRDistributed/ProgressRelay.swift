import Foundation
import XMR

/// Collects training progress events from worker threads for the MPI thread to pick up.
final class ProgressRelay: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [LevelProgress] = []

    /// A callback that records level events (every other event is dropped).
    var callback: @Sendable (TrainingProgress) -> Void {
        { [self] event in
            if case let .level(progress) = event { lock.withLock { events.append(progress) } }
        }
    }

    /// The events recorded since the last call.
    func drain() -> [LevelProgress] {
        lock.withLock {
            defer { events.removeAll() }
            return events
        }
    }
}
