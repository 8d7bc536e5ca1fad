import Synchronization
import XMR

/// Collects per-level times from progress events (called from worker threads).
final class LevelTimes: Sendable {
    private let state = Mutex<(clustering: Double, levels: [Int: Double])>((0, [:]))

    func record(_ event: TrainingProgress) {
        state.withLock { s in
            switch event {
            case let .clusteringFinished(_, seconds): s.clustering = seconds
            case let .level(p): s.levels[p.level] = max(s.levels[p.level] ?? 0, p.elapsedSeconds)
            default: break
            }
        }
    }

    var clusteringSeconds: Double { state.withLock { $0.clustering } }
    func seconds(level: Int) -> Double { state.withLock { $0.levels[level] ?? 0 } }
}
