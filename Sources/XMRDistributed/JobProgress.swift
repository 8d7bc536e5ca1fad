import Foundation
import XMR

/// Rank 0's picture of a distributed training: nodes done per level and rank, printed as one
/// line whenever a rank finishes a level (and at most every two seconds otherwise).
final class JobProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let nodeTotals: [Int]
    private var done: [[Int: Int]]
    private var lastPrint = Date.distantPast
    private let start = Date()
    private let print: @Sendable (String) -> Void

    /// Progress of a tree whose level t has `nodeTotals[t]` nodes (index 0 is the root).
    init(nodeTotals: [Int], print: @escaping @Sendable (String) -> Void) {
        self.nodeTotals = nodeTotals
        self.done = [[Int: Int]](repeating: [:], count: nodeTotals.count)
        self.print = print
    }

    /// Records that `rank` has trained `nodesDone` of its `nodesTotal` nodes of `level`.
    func record(rank: Int, level: Int, nodesDone: Int, nodesTotal: Int) {
        lock.withLock {
            guard level >= 1, level < done.count else { return }
            done[level][rank] = nodesDone
            let now = Date()
            guard nodesDone == nodesTotal || now.timeIntervalSince(lastPrint) >= 2 else { return }
            lastPrint = now
            let perRank = done[level].keys.sorted().map { "rank \($0) \(done[level][$0]!)" }.joined(separator: ", ")
            let total = done[level].values.reduce(0, +)
            let seconds = String(format: "%.1f", now.timeIntervalSince(start))
            print("level \(level)/\(nodeTotals.count - 1): \(total) of \(nodeTotals[level]) nodes trained (\(perRank)) at \(seconds) s")
        }
    }
}
