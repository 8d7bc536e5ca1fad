import Testing
@testable import XMR

/// `BeamExplanation` on a hand-made trace: ranks, cutoffs, the tree's children, truth marks, and
/// each true label's chain (kept, pruned with the width that keeps it, never scored).
struct BeamExplanationTests {
    /// Root → clusters 0 and 1 → labels 0, 1 (under 0) and 2, 3 (under 1).
    let tree = LabelTree(parents: [[0, 0], [0, 0, 1, 1]])

    /// Beam 1, top 1: cluster 0 kept (0.9), cluster 1 pruned (0.3); label 0 returned (0.8), label 1 pruned (0.1).
    var trace: BeamTrace {
        BeamTrace(levels: [
            BeamTrace.Level(level: 1, candidates: [
                BeamTrace.Candidate(node: 0, parent: 0, rawScore: 2, score: 0.9, kept: true),
                BeamTrace.Candidate(node: 1, parent: 0, rawScore: -1, score: 0.3, kept: false),
            ]),
            BeamTrace.Level(level: 2, candidates: [
                BeamTrace.Candidate(node: 0, parent: 0, rawScore: 1, score: 0.8, kept: true),
                BeamTrace.Candidate(node: 1, parent: 0, rawScore: -2, score: 0.1, kept: false),
            ]),
        ], results: [LabelScore(label: 0, score: 0.8)])
    }

    @Test func levelsHaveRanksAndCutoffs() {
        let e = BeamExplanation(trace: trace, tree: tree, trueLabels: [], beamWidth: 1, topK: 1)
        #expect(e.depth == 2)
        #expect(e.levels.map(\.keptCount) == [1, 1])
        #expect(e.levels.map(\.cutoff) == [0.9, 0.8])
        #expect(e.levels[0].candidates.map(\.rank) == [1, 2])
        #expect(e.children(ofNode: 0, atLevel: 0).map(\.node) == [0, 1])
        #expect(e.children(ofNode: 0, atLevel: 1).map(\.node) == [0, 1])
        #expect(e.children(ofNode: 1, atLevel: 1).isEmpty)
    }

    @Test func trueLabelsChainsSayWhereTheyWereLost() {
        let e = BeamExplanation(trace: trace, tree: tree, trueLabels: [0, 1, 2], beamWidth: 1, topK: 1)
        let found = e.fates[0], belowTopK = e.fates[1], lostEarly = e.fates[2]
        #expect(found.returnedRank == 1)
        #expect(found.steps.map(\.outcome) == [.kept, .kept])
        #expect(belowTopK.returnedRank == nil)
        #expect(belowTopK.steps.map(\.outcome) == [.kept, .pruned(neededWidth: 2)])
        #expect(belowTopK.lostAtLevel == 2)
        #expect(belowTopK.finalRank == 2)
        #expect(lostEarly.steps.map(\.outcome) == [.pruned(neededWidth: 2), .notScored])
        #expect(lostEarly.steps[0].cutoff == 0.9)
        #expect(lostEarly.lostAtLevel == 1)
        #expect(lostEarly.finalRank == nil)
        #expect(e.lostFates.map(\.label) == [1, 2])
        // Cluster 1 holds label 2 and was pruned: red; cluster 0 holds labels 0 and 1 and was kept: green.
        #expect(e.levels[0].candidates.map(\.truth) == [.keptAncestor, .prunedAncestor])
        #expect(e.levels[1].candidates.map(\.truth) == [.keptAncestor, .prunedAncestor])
    }

    @Test func clusterLabelsAreTheMostFrequentUnderEachNode() {
        let labels = ClusterLabels(tree: tree, frequencies: [5, 9, 1, 7], count: 2)
        #expect(labels.labels(ofNode: 0, atLevel: 0) == [1, 3])
        #expect(labels.labels(ofNode: 0, atLevel: 1) == [1, 0])
        #expect(labels.labels(ofNode: 1, atLevel: 1) == [3, 2])
        #expect(labels.labels(ofNode: 2, atLevel: 2) == [2])
        #expect(labels.labels(ofNode: 5, atLevel: 1).isEmpty)
    }
}
