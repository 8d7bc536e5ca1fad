import Testing
import Foundation
@testable import XMR

@Suite struct HierarchicalClusteringTests {
    /// Asserts that the labels under each node at the last cluster level partition all labels.
    private func expectPartition(_ tree: LabelTree, labelCount: Int) {
        #expect(tree.labelCount == labelCount)
        var seen = [Int](repeating: 0, count: labelCount)
        let level = tree.depth - 1
        for node in 0..<tree.nodeCount(atLevel: level) {
            for label in tree.labels(underNode: node, atLevel: level) { seen[label] += 1 }
        }
        #expect(seen.allSatisfy { $0 == 1 })
        #expect(tree.labels(underNode: 0, atLevel: 0) == Array(0..<labelCount))
    }

    @Test func everyLabelAppearsExactlyOnce() throws {
        let vectors = IndexingTestData.randomLabelVectors(rows: 300, cols: 200, seed: 7)
        let clustering = HierarchicalClustering(branching: 4, maxLeafSize: 10)
        let tree = try clustering.build(labelVectors: vectors)
        #expect(try clustering.levelSizes(labelCount: 300) == [2, 8, 32, 300])
        #expect((1...tree.depth).map { tree.nodeCount(atLevel: $0) } == [2, 8, 32, 300])
        expectPartition(tree, labelCount: 300)
        for t in 0..<(tree.depth - 1) {
            for node in 0..<tree.nodeCount(atLevel: t) {
                #expect(tree.children(ofNode: node, atLevel: t).count == (t == 0 ? 2 : 4))
            }
        }
    }

    @Test func binarySplitsAreBalancedAtEveryLevel() throws {
        let vectors = IndexingTestData.randomLabelVectors(rows: 237, cols: 120, seed: 3)
        let clustering = HierarchicalClustering(branching: 8, maxLeafSize: 8)
        let d = try clustering.binaryDepth(labelCount: 237)
        #expect(d == 5)
        let codes = try clustering.binaryLeafCodes(labelVectors: vectors)
        for level in 1...d {
            var sizes = [Int](repeating: 0, count: 1 << level)
            for code in codes { sizes[Int(code) >> (d - level)] += 1 }
            for sibling in stride(from: 0, to: sizes.count, by: 2) {
                #expect(abs(sizes[sibling] - sizes[sibling + 1]) <= 1)
            }
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
    }

    @Test func separatedGroupsEndUpInTheirOwnLeaves() throws {
        let vectors = IndexingTestData.groupedLabelVectors(groups: 4, perGroup: 25, seed: 11)
        for seed: UInt64 in [0, 1, 2] {
            let tree = try HierarchicalClustering(branching: 4, maxLeafSize: 25, seed: seed)
                .build(labelVectors: vectors)
            #expect(tree.depth == 2)
            let groups = (0..<4).map { Set(tree.labels(underNode: $0, atLevel: 1).map { $0 / 25 }) }
            #expect(groups.allSatisfy { $0.count == 1 }, "seed \(seed): leaves mix groups \(groups)")
        }
    }

    @Test func deterministicForASeedAndIndependentOfThreads() throws {
        let vectors = IndexingTestData.randomLabelVectors(rows: 256, cols: 300, seed: 5)
        let one = try HierarchicalClustering(branching: 4, maxLeafSize: 8, seed: 42, threads: 1)
            .build(labelVectors: vectors)
        let again = try HierarchicalClustering(branching: 4, maxLeafSize: 8, seed: 42, threads: 1)
            .build(labelVectors: vectors)
        let four = try HierarchicalClustering(branching: 4, maxLeafSize: 8, seed: 42, threads: 4)
            .build(labelVectors: vectors)
        let otherSeed = try HierarchicalClustering(branching: 4, maxLeafSize: 8, seed: 43, threads: 1)
            .build(labelVectors: vectors)
        #expect(one == again)
        #expect(one == four)
        #expect(one != otherSeed)
    }

    @Test func levelShapesFollowLibpecos() throws {
        let b16 = HierarchicalClustering()
        #expect(try b16.levelSizes(labelCount: 30938) == [2, 32, 512, 30938])
        #expect(try b16.binaryDepth(labelCount: 30938) == 9)
        #expect(try b16.levelSizes(labelCount: 1000) == [16, 1000])
        #expect(try b16.levelSizes(labelCount: 1601) == [2, 32, 1601])
        #expect(try b16.levelSizes(labelCount: 100) == [100])
        #expect(try b16.levelSizes(labelCount: 1) == [1])
        #expect(try HierarchicalClustering(branching: 2).levelSizes(labelCount: 1000) == [2, 4, 8, 16, 1000])
        #expect(try HierarchicalClustering(branching: 3).levelSizes(labelCount: 1000) == [2, 6, 16, 1000])
        #expect(HierarchicalClustering.clusterLevelSizes(binaryDepth: 8, branching: 16) == [16, 256])
    }

    @Test func explicitDepthCountsLevelsBelowTheRoot() throws {
        func sizes(_ depth: Int, _ labels: Int = 1000, branching: Int = 16) throws -> [Int] {
            try HierarchicalClustering(branching: branching, depth: depth).levelSizes(labelCount: labels)
        }
        #expect(try sizes(1) == [1000])
        #expect(try sizes(2) == [16, 1000])
        #expect(try sizes(3) == [16, 256, 1000])
        #expect(try sizes(4) == [2, 32, 512, 1000])
        #expect(throws: IndexingError.self) { try sizes(5) }
        #expect(try sizes(3, 100, branching: 4) == [4, 16, 100])
        #expect(try sizes(4, 100, branching: 4) == [4, 16, 64, 100])
        let tree = try HierarchicalClustering(branching: 4, depth: 3)
            .build(labelVectors: IndexingTestData.randomLabelVectors(rows: 100, cols: 40, seed: 1))
        #expect(tree.depth == 3)
        expectPartition(tree, labelCount: 100)
    }

    @Test func edgeCases() throws {
        let single = try HierarchicalClustering().build(
            labelVectors: IndexingTestData.randomLabelVectors(rows: 1, cols: 10, seed: 1))
        #expect(single.parents == [[0]])

        let small = try HierarchicalClustering().build(
            labelVectors: IndexingTestData.randomLabelVectors(rows: 60, cols: 10, seed: 1))
        #expect(small.depth == 1 && small.children(ofNode: 0, atLevel: 0).count == 60)

        // Labels without training points have zero vectors; duplicates are common. Both still split evenly.
        let zeros = CSRMatrix(rows: 40, cols: 5)
        let zeroTree = try HierarchicalClustering(branching: 4, maxLeafSize: 10).build(labelVectors: zeros)
        #expect((0..<4).map { zeroTree.labels(underNode: $0, atLevel: 1).count } == [10, 10, 10, 10])
        let same = CSRMatrix(rows: 33, cols: 2, triplets: (0..<33).map { ($0, 1, 1) })
        let sameTree = try HierarchicalClustering(branching: 2, maxLeafSize: 9).build(labelVectors: same)
        expectPartition(sameTree, labelCount: 33)

        #expect(throws: IndexingError.self) { try HierarchicalClustering(branching: 1).build(labelVectors: zeros) }
        #expect(throws: IndexingError.self) { try HierarchicalClustering(maxLeafSize: 0).build(labelVectors: zeros) }
        #expect(throws: IndexingError.self) { try HierarchicalClustering(maxLeafSize: 1).levelSizes(labelCount: 3) }
        #expect(throws: IndexingError.self) { try HierarchicalClustering().build(labelVectors: CSRMatrix(rows: 0, cols: 3)) }
    }

    @Test func reportsProgressAndStopsWhenCancelled() throws {
        let vectors = IndexingTestData.randomLabelVectors(rows: 128, cols: 50, seed: 9)
        let reports = ReportLog()
        _ = try HierarchicalClustering(branching: 4, maxLeafSize: 16, threads: 2)
            .build(labelVectors: vectors, progress: { reports.append($0) })
        let all = reports.items
        #expect(all.count == 7)
        #expect(all.last?.totalSplitsDone == 7 && all.last?.totalSplits == 7)
        #expect(all.filter { $0.binaryLevel == 2 }.map(\.splitsDone).max() == 4)
        #expect(throws: IndexingError.cancelled) {
            try HierarchicalClustering(maxLeafSize: 16).build(labelVectors: vectors, isCancelled: { true })
        }
    }
}

/// Collects progress reports from worker threads.
private final class ReportLog: @unchecked Sendable {
    // @unchecked Sendable: `reports` is only touched under `lock`.
    private let lock = NSLock()
    private var reports: [ClusteringProgress] = []
    func append(_ report: ClusteringProgress) { lock.withLock { reports.append(report) } }
    var items: [ClusteringProgress] { lock.withLock { reports } }
}
