import Foundation
import Testing
@testable import XMR

@Suite("Batch scoring of chunks most of a block wants (shared sorted nonzeros, dense rows)")
struct SharedChunkScoringTests {
    /// A two-level model over `features` features: 4 clusters of 30 labels, every weight vector
    /// holding about `density` of the features (so rows hold that share of a chunk's children).
    static func model(features: Int, density: Double, seed: UInt64) throws -> XRLinearModel {
        var generator = SplitMix64(seed: seed)
        func weights(_ count: Int) -> [SparseVector] {
            (0..<count).map { _ in
                var indices: [Int32] = [], values: [Float] = []
                for f in 0...features where Double(generator.next() % 1000) < density * 1000 {
                    indices.append(Int32(f))
                    values.append(Float(Int(generator.next() % 2001) - 1000) / 517)
                }
                return SparseVector(dimension: features + 1, indices: indices, values: values)
            }
        }
        let tree = LabelTree(parents: [[Int32](repeating: 0, count: 4), (0..<120).map { Int32($0 / 30) }])
        let levels = [try LevelWeights(childWeights: weights(4), tree: tree, level: 1, dimension: features + 1),
                      try LevelWeights(childWeights: weights(120), tree: tree, level: 2, dimension: features + 1)]
        return try XRLinearModel(parameters: Pipeline(), featureCount: features, labelCount: 120, tree: tree, levels: levels)
    }

    /// `count` queries of 15 features each from a pool of `features`, so that many share features.
    static func queries(_ count: Int, features: Int, seed: UInt64) -> CSRMatrix {
        var generator = SplitMix64(seed: seed)
        var triplets: [(Int, Int, Float)] = []
        for q in 0..<count {
            for f in Set((0..<15).map { _ in Int(generator.next() % UInt64(features)) }) {
                triplets.append((q, f, Float(Int(generator.next() % 200) - 50) / 37))
            }
        }
        return CSRMatrix(rows: count, cols: features, triplets: triplets)
    }

    @Test("Batch rankings equal single-query rankings bit for bit", arguments: [0.6, 0.2, 0.02])
    func batchEqualsSingle(density: Double) throws {
        // 2,500 queries: three segments of the block; beam 3 of 4 clusters: every chunk shared.
        let model = try Self.model(features: 80, density: density, seed: 7)
        let x = Self.queries(2500, features: 80, seed: 8)
        for threads in [1, 2] {
            let batch = try model.predictBatch(x, beamWidth: 3, topK: 7, threads: threads).rankings
            for q in 0..<x.rows {
                let single = try model.predict(x.row(q), beamWidth: 3, topK: 7)
                #expect(single.map(\.label) == batch[q].map(\.label))
                #expect(single.map(\.score.bitPattern) == batch[q].map(\.score.bitPattern))
            }
        }
    }
}
