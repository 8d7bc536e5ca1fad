import Foundation
import Synchronization

/// Counts finished jobs of one level and forwards throttled progress events.
final class LevelProgressTracker: Sendable {
    private struct State {
        var done = 0
        var nonzeros = 0
        var lastEmit = Date.distantPast
    }
    private let state = Mutex(State())
    private let level: Int, depth: Int, total: Int
    private let start: Date
    private let callback: (@Sendable (TrainingProgress) -> Void)?

    init(level: Int, depth: Int, total: Int, start: Date, callback: (@Sendable (TrainingProgress) -> Void)?) {
        self.level = level
        self.depth = depth
        self.total = total
        self.start = start
        self.callback = callback
    }

    func jobDone(nonzeros: Int) {
        let event: LevelProgress? = state.withLock { s in
            s.done += 1
            s.nonzeros += nonzeros
            let now = Date()
            guard s.done < total, now.timeIntervalSince(s.lastEmit) >= 0.1 else { return nil }
            s.lastEmit = now
            return LevelProgress(level: level, depth: depth, nodesDone: s.done, nodesTotal: total,
                                 elapsedSeconds: now.timeIntervalSince(start), nonzeros: s.nonzeros)
        }
        if let event, let callback { callback(.level(event)) }
    }

    func finish() {
        let event = state.withLock { s in
            LevelProgress(level: level, depth: depth, nodesDone: s.done, nodesTotal: total,
                          elapsedSeconds: Date().timeIntervalSince(start), nonzeros: s.nonzeros)
        }
        callback?(.level(event))
    }
}
