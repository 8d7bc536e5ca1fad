import Foundation
import Synchronization

/// Counts finished jobs of one level and forwards throttled progress events.
final class LevelProgressTracker: Sendable {
    private struct State {
        var done = 0
        var nonzeros = 0
        var rows = 0
        var lastEmit = Date.distantPast
    }
    private let state = Mutex(State())
    private let level: Int, depth: Int, total: Int, rowsTotal: Int
    private let start: Date
    private let callback: (@Sendable (TrainingProgress) -> Void)?

    init(level: Int, depth: Int, total: Int, rowsTotal: Int, start: Date, callback: (@Sendable (TrainingProgress) -> Void)?) {
        self.rowsTotal = rowsTotal
        self.level = level
        self.depth = depth
        self.total = total
        self.start = start
        self.callback = callback
    }

    /// Records one finished node of `rows` training rows; at most every 0.1 s forwards an event.
    ///
    /// The callback runs under the lock, so events arrive one at a time and in order.
    func jobDone(nonzeros: Int, rows: Int) {
        state.withLock { s in
            s.done += 1
            s.nonzeros += nonzeros
            s.rows += rows
            let now = Date()
            guard s.done < total, now.timeIntervalSince(s.lastEmit) >= 0.1 else { return }
            s.lastEmit = now
            callback?(.level(LevelProgress(level: level, depth: depth, nodesDone: s.done, nodesTotal: total,
                                           elapsedSeconds: now.timeIntervalSince(start), nonzeros: s.nonzeros,
                                           rowsDone: s.rows, rowsTotal: rowsTotal)))
        }
    }

    /// Forwards the level's final event (every node done).
    func finish() {
        state.withLock { s in
            callback?(.level(LevelProgress(level: level, depth: depth, nodesDone: s.done, nodesTotal: total,
                                           elapsedSeconds: Date().timeIntervalSince(start), nonzeros: s.nonzeros,
                                           rowsDone: s.rows, rowsTotal: rowsTotal)))
        }
    }
}
