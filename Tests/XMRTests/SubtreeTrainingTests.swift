import Foundation
import Testing
@testable import XMR

/// Training split by subtrees (issue 16): the pieces trained on only the points under their
/// subtrees, on other thread counts, assemble into exactly the levels of one process.
@Suite("Split training assembles the one-process model bit for bit")
struct SubtreeTrainingTests {
    static let labels = 200
    static let problem = SyntheticData.problem(points: 300, labels: labels, seed: 5)
    static let tree = SyntheticData.groupedTree(labels: labels)

    static func pipeline(threads: Int) -> Pipeline {
        var pipeline = Pipeline()
        pipeline.threads = threads
        return pipeline
    }

    /// The levels assembled from `ranks` pieces, each trained on one thread on its own points.
    static func splitLevels(ranks: Int) throws -> (levels: [LevelWeights], split: SubtreeSplit, points: [[Int]]) {
        let (x, y) = problem
        let trainer = XRLinearTrainer()
        let input = try TrainingInput(features: x.l2NormalizedRows(), labels: y)
        let split = try SubtreeSplit(input: input, tree: tree, pipeline: pipeline(threads: 2), ranks: ranks)
        let top = try trainer.trainTopLevels(through: split.level, input: input, tree: tree, pipeline: pipeline(threads: 2),
                                             context: StageContext(seed: 0, threads: 2))
        var pieces: [SubtreeWeights] = []
        var points: [[Int]] = []
        for rank in 0..<ranks {
            let mine = split.points(forRank: rank, labels: y, tree: tree)
            points.append(mine)
            let part = try TrainingInput(features: input.features.selectingRows(mine), labels: y.selectingRows(mine))
            pieces.append(try trainer.trainSubtrees(split.roots[rank], splitLevel: split.level, denseColumns: split.denseColumns,
                                                    input: part, tree: tree, pipeline: pipeline(threads: 1),
                                                    context: StageContext(seed: 0, threads: 1)))
        }
        let levels = try trainer.assembleLevels(top: top, pieces: pieces.reversed(), tree: tree, dimension: x.cols + 1)
        return (levels, split, points)
    }

    @Test("split training equals one process", arguments: [1, 2, 3, 7])
    func equalsOneProcess(ranks: Int) throws {
        let (x, y) = Self.problem
        let whole = try XRLinearTrainer().train(features: x, labels: y, tree: Self.tree, parameters: Self.pipeline(threads: 2))
        let (levels, split, points) = try Self.splitLevels(ranks: ranks)
        #expect(levels == whole.levels)
        #expect(levels.map(\.nonzeros).reduce(0, +) > 0)
        // 7 ranks need 28 subtrees: the split moves below the 25 nodes of level 1.
        #expect(split.level == (ranks == 7 ? 2 : 1))
        #expect(split.roots.flatMap { $0 }.sorted() == Array(0..<Self.tree.nodeCount(atLevel: split.level)))
        if ranks > 1 {
            #expect(split.roots.allSatisfy { !$0.isEmpty })
            #expect(points.allSatisfy { $0.count < x.rows })
        }
    }

    @Test("subtrees go to ranks by cost, biggest first")
    func balancedByCost() throws {
        let (x, y) = Self.problem
        let input = try TrainingInput(features: x.l2NormalizedRows(), labels: y)
        let split = try SubtreeSplit(input: input, tree: Self.tree, pipeline: Self.pipeline(threads: 1), ranks: 3)
        let loads = split.roots.map { $0.reduce(0.0) { $0 + split.costs[$1] } }
        // Greedy biggest-first: no rank exceeds another by more than the largest single subtree.
        #expect(loads.max()! - loads.min()! <= split.costs.max()!)
        #expect(split.costs.allSatisfy { $0 > 0 })
    }

    @Test("man negatives and a missing or doubled node are refused")
    func refusals() throws {
        let (x, y) = Self.problem
        let input = try TrainingInput(features: x.l2NormalizedRows(), labels: y)
        var man = Self.pipeline(threads: 1)
        man.ranker.negatives = .man
        #expect(throws: XRLinearError.self) {
            try XRLinearTrainer().trainTopLevels(through: 1, input: input, tree: Self.tree, pipeline: man,
                                                 context: StageContext(seed: 0, threads: 1))
        }
        let trainer = XRLinearTrainer()
        let split = try SubtreeSplit(input: input, tree: Self.tree, pipeline: Self.pipeline(threads: 1), ranks: 2)
        let top = try trainer.trainTopLevels(through: split.level, input: input, tree: Self.tree,
                                             pipeline: Self.pipeline(threads: 1), context: StageContext(seed: 0, threads: 1))
        let piece = try trainer.trainSubtrees(split.roots[0], splitLevel: split.level, denseColumns: split.denseColumns,
                                              input: input, tree: Self.tree, pipeline: Self.pipeline(threads: 1),
                                              context: StageContext(seed: 0, threads: 1))
        #expect(throws: XRLinearError.self) {
            try trainer.assembleLevels(top: top, pieces: [piece], tree: Self.tree, dimension: x.cols + 1)
        }
        #expect(throws: XRLinearError.self) {
            try trainer.assembleLevels(top: top, pieces: [piece, piece], tree: Self.tree, dimension: x.cols + 1)
        }
    }
}
