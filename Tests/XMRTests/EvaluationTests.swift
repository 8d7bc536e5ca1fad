import Testing
import Foundation
@testable import XMR

@Suite struct EvaluationTests {
    // Point 0 has labels {0, 2}, point 1 has {1}, point 2 has none; 5 labels.
    let truth = CSRMatrix(rows: 3, cols: 5, triplets: [(0, 0, 1), (0, 2, 1), (1, 1, 1)])
    let predictions: [[Int32]] = [[2, 1, 0], [3, 4], [0, 1, 2]]

    private func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test func precisionRecallAndNDCGByHand() throws {
        let m = try RankingMetrics(predictions: predictions, truth: truth, maxK: 3)
        #expect(close(m["P@1"], 1.0 / 3))
        #expect(close(m["P@2"], 1.0 / 6))
        #expect(close(m["P@3"], 2.0 / 9))
        #expect(close(m["R@1"], 1.0 / 6))
        #expect(close(m["R@2"], 1.0 / 6))
        #expect(close(m["R@3"], 1.0 / 3))
        #expect(close(m["nDCG@1"], 1.0 / 3))
        #expect(close(m["ndcg@2"], 0.20438239758848611))
        #expect(close(m["nDCG@3"], 0.3065735963827292))
        #expect(m["PSP@1"] == nil && m["P@4"] == nil && m["X@1"] == nil)
        #expect(m.keys == ["P@1", "P@2", "P@3", "R@1", "R@2", "R@3", "nDCG@1", "nDCG@2", "nDCG@3"])
        #expect(m.dictionary.count == 9)
    }

    @Test func propensityScoredPrecisionByHand() throws {
        var propensity = LabelPropensity(labelFrequencies: [1, 1, 1, 1, 1], pointCount: 10)
        propensity.inversePropensities = [2, 4, 3, 1, 1]
        let m = try RankingMetrics(predictions: predictions, truth: truth, maxK: 3, propensity: propensity)
        #expect(close(m["PSP@1"], 3.0 / 7))
        #expect(close(m["PSP@2"], 1.0 / 3))
        #expect(close(m["PSP@3"], 5.0 / 9))
        #expect(m.keys.count == 12)
    }

    @Test func propensityFormula() {
        let p = LabelPropensity(labelFrequencies: [10, 0], pointCount: 100)
        #expect(abs(p.inversePropensities[0] - 2.557431532775994) < 1e-9)
        #expect(abs(p.inversePropensities[1] - 5.774661450557821) < 1e-9)
        let fromMatrix = LabelPropensity(trainingLabels: truth)
        #expect(fromMatrix == LabelPropensity(labelFrequencies: [1, 1, 1, 0, 0], pointCount: 3))
        #expect(abs(p.propensity(ofLabel: 0) - 1 / 2.557431532775994) < 1e-12)
    }

    @Test func perfectPredictionsScoreOne() throws {
        let truth = CSRMatrix(rows: 2, cols: 4, triplets: [(0, 1, 1), (0, 3, 1), (1, 2, 1)])
        let m = try RankingMetrics(predictions: [[3, 1], [2]], truth: truth, maxK: 2,
                                   propensity: LabelPropensity(trainingLabels: truth))
        #expect(m.precision == [1, 0.75])
        #expect(m.recall == [0.75, 1])
        #expect(close(m.ndcg[0], 1) && close(m.ndcg[1], 1))
        #expect(close(m.propensityScoredPrecision?[1] ?? 0, 1))
    }

    @Test func rejectsMismatchedInput() {
        #expect(throws: EvaluationError.self) { try RankingMetrics(predictions: [[0]], truth: truth) }
        #expect(throws: EvaluationError.self) { try RankingMetrics(predictions: predictions, truth: truth, maxK: 0) }
        // A k from a caller is checked before the per-k sums are allocated (10^12 would trap).
        #expect(throws: EvaluationError.invalidParameter(name: "k", message: "must be 1–10000, got 1000000000000")) {
            try RankingMetrics(predictions: predictions, truth: truth, maxK: 1_000_000_000_000)
        }
    }

    @Test func metricsRoundTripThroughJSON() throws {
        let m = try RankingMetrics(predictions: predictions, truth: truth, maxK: 2)
        let data = try JSONEncoder().encode(m)
        #expect(try JSONDecoder().decode(RankingMetrics.self, from: data) == m)
    }

    @Test func beamRecallByHand() throws {
        // Labels {0, 1} under node 0 and {2, 3} under node 1.
        let tree = LabelTree(parents: [[0, 0], [0, 0, 1, 1]])
        let truth = CSRMatrix(rows: 3, cols: 4, triplets: [(0, 0, 1), (0, 2, 1), (1, 3, 1)])
        let beams: [[[Int32]]] = [[[0], [0, 1]], [[1], [2]], [[0], [0]]]
        let recall = try BeamRecall(beams: beams, truth: truth, tree: tree)
        #expect(recall.perPoint == [0.75, 0.25])
        #expect(close(recall.overLabels[0], 2.0 / 3) && close(recall.overLabels[1], 1.0 / 3))
        #expect(recall.pointsWithLabels == 2)
        #expect(throws: EvaluationError.self) { try BeamRecall(beams: [[[0]], [], []], truth: truth, tree: tree) }
    }
}
