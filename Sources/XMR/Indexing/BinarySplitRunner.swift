import Foundation

/// Runs the balanced 2-means splits of a binary tree level by level, in parallel over the nodes
/// of a level.
struct BinarySplitRunner: Sendable {
    let binaryDepth: Int
    /// Seed of every binary node by heap id (1 = root, children of j are 2j and 2j + 1).
    let nodeSeeds: [UInt64]
    let workers: Int
    let maxIterations: Int
    let spherical: Bool
    let progress: (@Sendable (ClusteringProgress) -> Void)?
    let isCancelled: (@Sendable () -> Bool)?

    /// Start offsets of the nodes of binary level `level` in the element order (plus the end):
    /// each node [s, e) has children [s, m) and [m, e) with m = (s + e) / 2.
    static func nodeBounds(labelCount: Int, level: Int) -> [Int] {
        var bounds = [0, labelCount]
        for _ in 0..<level {
            var next = [0]
            next.reserveCapacity(bounds.count * 2 - 1)
            for k in 0..<(bounds.count - 1) {
                next.append((bounds[k] + bounds[k + 1]) / 2)
                next.append(bounds[k + 1])
            }
            bounds = next
        }
        return bounds
    }

    /// Splits every node of every level; `elements` ends ordered so each binary leaf is a
    /// contiguous range. Returns false when cancelled.
    func run(elements: UnsafeMutableBufferPointer<Int32>, rows: SparseRowsView) -> Bool {
        let shared = SharedElements(elements: elements)
        let tracker = ProgressTracker(binaryDepth: binaryDepth, report: progress)
        for level in 0..<binaryDepth {
            let bounds = Self.nodeBounds(labelCount: elements.count, level: level)
            let nodeCount = 1 << level
            let levelWorkers = max(1, min(workers, nodeCount))
            runParallel(workers: levelWorkers) { worker in
                var twoMeans = BalancedTwoMeans(dimension: rows.cols, maxIterations: maxIterations,
                                                spherical: spherical)
                var node = worker
                while node < nodeCount {
                    if tracker.isStopped || isCancelled?() == true {
                        tracker.stop()
                        return
                    }
                    var rng = SplitMix64(seed: nodeSeeds[nodeCount + node])
                    let slice = UnsafeMutableBufferPointer(rebasing: shared.elements[bounds[node]..<bounds[node + 1]])
                    twoMeans.split(slice, rows: rows, rng: &rng)
                    tracker.splitDone(level: level)
                    node += levelWorkers
                }
            }
            if tracker.isStopped { return false }
        }
        return true
    }
}

/// The label order that the splits rearrange.
///
/// `@unchecked Sendable` is safe: the nodes of one level cover disjoint ranges of the buffer and
/// each node is split by exactly one worker, so no two workers touch the same element.
private struct SharedElements: @unchecked Sendable {
    let elements: UnsafeMutableBufferPointer<Int32>
}

/// Counts finished splits and reports them one at a time; remembers a cancellation.
private final class ProgressTracker: @unchecked Sendable {
    // @unchecked Sendable: all mutable state is read and written under `lock`.
    private let lock = NSLock()
    private let binaryDepth: Int
    private let report: (@Sendable (ClusteringProgress) -> Void)?
    private var doneInLevel = 0
    private var currentLevel = 0
    private var totalDone = 0
    private var stopped = false

    init(binaryDepth: Int, report: (@Sendable (ClusteringProgress) -> Void)?) {
        self.binaryDepth = binaryDepth
        self.report = report
    }

    var isStopped: Bool { lock.withLock { stopped } }

    func stop() { lock.withLock { stopped = true } }

    func splitDone(level: Int) {
        lock.withLock {
            if level != currentLevel {
                currentLevel = level
                doneInLevel = 0
            }
            doneInLevel += 1
            totalDone += 1
            report?(ClusteringProgress(
                binaryLevel: level, binaryLevelCount: binaryDepth, splitsDone: doneInLevel,
                splitsInLevel: 1 << level, totalSplitsDone: totalDone, totalSplits: (1 << binaryDepth) - 1))
        }
    }
}
