import Foundation
import Testing
@testable import XMR

@Suite("The solver on a dense block of last columns (embeddings after TF-IDF)")
struct DenseBlockSolverTests {
    /// `rows` points: `sparse` sparse columns (about 3 stored a row) then `dense` columns stored in every row.
    static func features(rows: Int, sparse: Int, dense: Int, seed: UInt64 = 7) -> CSRMatrix {
        var generator = ShuffleGenerator(seed: seed)
        func uniform() -> Float { Float(generator.next() % 10_000) / 10_000 }
        var triplets: [(row: Int, col: Int, value: Float)] = []
        for i in 0..<rows {
            for j in Set((0..<3).map { _ in Int(generator.next() % UInt64(sparse)) }).sorted() {
                triplets.append((i, j, 0.2 + uniform()))
            }
            for k in 0..<dense { triplets.append((i, sparse + k, uniform() - 0.5 + (k == i % dense ? 1 : 0))) }
        }
        return CSRMatrix(rows: rows, cols: sparse + dense, triplets: triplets).l2NormalizedRows()
    }

    @Test("A block stored in every row is found; TF-IDF-like columns are not")
    func detection() {
        #expect(PackedRows.denseBlockWidth(of: Self.features(rows: 50, sparse: 30, dense: 40)) == 40)
        #expect(PackedRows.denseBlockWidth(of: Self.features(rows: 50, sparse: 30, dense: 8)) == 0)
        #expect(PackedRows.denseBlockWidth(of: Self.features(rows: 50, sparse: 300, dense: 0)) == 0)
    }

    @Test("SVM and logistic weights on the dense block equal those on packed entries", arguments: [LinearSolverKind.svm, .logistic])
    func sameWeights(kind: LinearSolverKind) {
        let x = Self.features(rows: 120, sparse: 30, dense: 37)
        let parameters = LinearSolverParameters(kind: kind, c: 1, eps: 1e-7, maxIterations: 2000, bias: 1, threshold: 0)
        let rows = (0..<120).filter { $0 % 5 != 0 }.map { Int32($0) }
        let labels = rows.map { x.row(Int($0)).values.last! > 0 }
        func solve(_ packed: PackedRows) -> [Float] {
            let solver = LinearSolver(featureCount: x.cols, parameters: parameters)
            let w = rows.withUnsafeBufferPointer { rp in
                solver.solve(packed, rows: rp, isPositive: { labels[$0] }, seed: 3).weights
            }
            var dense = [Float](repeating: 0, count: x.cols + 1)
            for (j, v) in zip(w.indices, w.values) { dense[Int(j)] = v }
            return dense
        }
        let plain = solve(PackedRows(x)), blocked = solve(PackedRows(x, denseColumns: 37))
        let gap = zip(plain, blocked).map { abs($0 - $1) }.max()!
        #expect(gap < 1e-3, "largest weight difference \(gap)")
        #expect(blocked.count == x.cols + 1 && blocked[30..<67].contains { $0 != 0 })
    }

    @Test("A trained tree scores alike with the block at the end (dense) or at the front (packed entries)")
    func sameTreeScores() throws {
        let x = Self.features(rows: 160, sparse: 25, dense: 40)
        var triplets: [(row: Int, col: Int, value: Float)] = []
        for i in 0..<160 { triplets.append((i, i % 12, 1)); triplets.append((i, 12 + (i / 7) % 6, 1)) }
        let y = CSRMatrix(rows: 160, cols: 18, triplets: triplets)
        // The same features with the 40 dense columns moved in front of the 25 sparse ones.
        let front = CSRMatrix(rows: 160, cols: 65, triplets: (0..<160).flatMap { i in
            x.range(ofRow: i).map { p -> (row: Int, col: Int, value: Float) in
                let c = Int(x.columnIndices[p])
                return (i, c >= 25 ? c - 25 : c + 40, x.values[p])
            }
        })
        #expect(PackedRows.denseBlockWidth(of: front) == 0 && PackedRows.denseBlockWidth(of: x) == 40)
        var pipeline = Pipeline()
        pipeline.threads = 2
        pipeline.indexer.branching = 2
        pipeline.indexer.maxLeafSize = 3
        pipeline.ranker.threshold = 0
        pipeline.ranker.eps = 1e-6
        pipeline.representation.algorithm = .pii
        let blocked = try PipelineTrainer(pipeline).train(features: x, labels: y)
        let packed = try PipelineTrainer(pipeline).train(features: front, labels: y)
        for i in stride(from: 0, to: 160, by: 9) {
            let a = try blocked.predict(Query(features: x.row(i)), topK: 5)
            let b = try packed.predict(Query(features: front.row(i)), topK: 5)
            #expect(zip(a, b).allSatisfy { abs($0.score - $1.score) < 2e-3 }, "point \(i): \(a) vs \(b)")
        }
    }
}
