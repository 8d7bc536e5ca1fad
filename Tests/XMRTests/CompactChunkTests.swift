import Foundation
import Testing
@testable import XMR

@Suite("Compact weight chunks (weight file version 4)")
struct CompactChunkTests {
    /// A depth-1 level with `children` children of the root, child c holding weights on `rows`
    /// features spread over `dimension` (feature f on children f % children ... ), deterministic.
    static func level(dimension: Int, rows: Int, children: Int, seed: UInt64) throws -> (LevelWeights, [SparseVector]) {
        var generator = SplitMix64(seed: seed)
        var features = Set<Int32>()
        while features.count < rows { features.insert(Int32(generator.next() % UInt64(dimension))) }
        var perChild = [[(Int32, Float)]](repeating: [], count: children)
        let first = features.min()!
        for f in features.sorted() {
            // One to three children per row, and every child on the first row (a row of `children` weights).
            let count = f == first ? children : 1 + Int(generator.next() % 3)
            for c in Set((0..<count).map { _ in Int(generator.next() % UInt64(children)) }).union(count == children ? Set(0..<children) : [])
                .sorted() {
                perChild[c].append((f, Float(Int(generator.next() % 2001) - 1000) / 997))
            }
        }
        let vectors = perChild.map { SparseVector(dimension: dimension, indices: $0.map(\.0), values: $0.map(\.1)) }
        let tree = LabelTree(parents: [[Int32](repeating: 0, count: children)])
        return (try LevelWeights(childWeights: vectors, tree: tree, level: 1, dimension: dimension), vectors)
    }

    /// The scores `ChunkScorer` gives chunk 0 for `query`.
    static func chunkScores(_ level: LevelWeights, children: Int, _ query: SparseVector) -> [Float] {
        var scores = [Float](repeating: 0, count: children)
        level.withPointers { lp in
            query.indices.withUnsafeBufferPointer { qi in
                query.values.withUnsafeBufferPointer { qv in
                    scores.withUnsafeMutableBufferPointer { ChunkScorer.score(level: lp, chunk: 0, queryIndices: qi, queryValues: qv, into: $0.baseAddress!) }
                }
            }
        }
        return scores
    }

    @Test("Every chunk shape (16/32-bit low bits and slots, 8/16-bit children) stores the weights and scores them as the plain dot product, bit for bit",
          arguments: [(dimension: 5_000, rows: 900, children: 40, shape: UInt8(0x00)),
                      (dimension: 1 << 20, rows: 70_000, children: 16, shape: 0x20),
                      (dimension: 1 << 20, rows: 3_000, children: 300, shape: 0x40),
                      (dimension: 1 << 20, rows: 66_000, children: 300, shape: 0x60),
                      (dimension: 1 << 30, rows: 40, children: 3, shape: 0x80),
                      (dimension: Int(Int32.max), rows: 70_000, children: 3, shape: 0xA0),
                      (dimension: 1 << 30, rows: 30, children: 260, shape: 0xC0),
                      (dimension: Int(Int32.max), rows: 66_000, children: 300, shape: 0xE0)])
    func shapes(dimension: Int, rows: Int, children: Int, shape: UInt8) throws {
        let (level, vectors) = try Self.level(dimension: dimension, rows: rows, children: children, seed: UInt64(rows))
        #expect(level.image.chunkShapes[0] & ChunkShape.widthBits == shape)
        try level.checkChunk(0, childCount: children)
        for c in [0, children / 2, children - 1] {
            #expect(level.weights(parent: 0, localChild: c) == vectors[c])
        }
        // Queries: some of the level's features, some absent ones, and the last feature.
        var generator = SplitMix64(seed: 11)
        let present = Array(level.rowFeatures)
        for _ in 0..<20 {
            var ids = Set((0..<40).map { _ in present[Int(generator.next() % UInt64(present.count))] })
            ids.formUnion((0..<40).map { _ in Int32(generator.next() % UInt64(dimension)) })
            ids.insert(Int32(dimension - 1))
            let sorted = ids.sorted()
            let query = SparseVector(dimension: dimension, indices: sorted, values: sorted.map { _ in Float(generator.next() % 1000) / 999 })
            let expected = vectors.map { w -> Float in
                var sum: Float = 0
                var j = 0
                for (f, x) in zip(query.indices, query.values) {
                    while j < w.indices.count && w.indices[j] < f { j += 1 }
                    if j < w.indices.count && w.indices[j] == f { sum += x * w.values[j] }
                }
                return sum
            }
            #expect(Self.chunkScores(level, children: children, query).map(\.bitPattern) == expected.map(\.bitPattern))
        }
    }

    @Test("A saved level maps to the same bytes; single and batch prediction agree on wide chunks")
    func wideChunksThroughAModel() throws {
        let (level, _) = try Self.level(dimension: 1 << 20, rows: 66_000, children: 300, seed: 5)
        let tree = LabelTree(parents: [[Int32](repeating: 0, count: 300)])
        let model = try XRLinearModel(parameters: Pipeline(), featureCount: (1 << 20) - 1, labelCount: 300, tree: tree, levels: [level])
        let dir = ModelStoreTests.temporaryDirectory().appendingPathComponent("wide")
        try ModelStore.save(model, to: dir)
        let loaded = try ModelStore.load(from: dir)
        #expect(loaded.levels == model.levels)
        var generator = SplitMix64(seed: 3)
        let present = Array(level.rowFeatures)
        var triplets: [(Int, Int, Float)] = []
        for q in 0..<30 {
            for f in Set((0..<50).map { _ in Int(present[Int(generator.next() % UInt64(present.count))]) }) where f < (1 << 20) - 1 {
                triplets.append((q, f, Float(generator.next() % 100) / 99 + 0.01))
            }
        }
        let x = CSRMatrix(rows: 30, cols: (1 << 20) - 1, triplets: triplets)
        let batch = try loaded.predictBatch(x, beamWidth: 1, topK: 10, threads: 2).rankings
        for q in 0..<30 { #expect(try loaded.predict(x.row(q), beamWidth: 1, topK: 10) == batch[q]) }
    }

    @Test("Arrays that do not form a level give a one-line error, not a trap")
    func malformedArrays() {
        let cases: [(String, LevelWeights)] = [
            ("out of order", LevelWeights(dimension: 10, chunkPointers: [0, 2], rowFeatures: [5, 3], rowPointers: [0, 1, 2],
                                          entryChildren: [0, 0], entryValues: [1, 1])),
            ("out of order or range", LevelWeights(dimension: 4, chunkPointers: [0, 1], rowFeatures: [9], rowPointers: [0, 1],
                                                   entryChildren: [0], entryValues: [1])),
            ("row pointers", LevelWeights(dimension: 4, chunkPointers: [0, 1], rowFeatures: [1], rowPointers: [0, 3],
                                          entryChildren: [0], entryValues: [1])),
            ("chunk pointers", LevelWeights(dimension: 4, chunkPointers: [0, 2], rowFeatures: [1], rowPointers: [0, 1],
                                            entryChildren: [0], entryValues: [1])),
        ]
        let tree = LabelTree(parents: [[0]])
        for (message, level) in cases {
            let problem = level.validate(tree: tree, level: 1)
            #expect(problem?.contains(message) == true, "\(problem ?? "nil")")
            #expect(throws: XRLinearError.self) { try level.checkChunk(0, childCount: 1) }
        }
        // Rows without weights are dropped; the rest is kept.
        let sparse = LevelWeights(dimension: 10, chunkPointers: [0, 3], rowFeatures: [1, 4, 7], rowPointers: [0, 1, 1, 2],
                                  entryChildren: [0, 0], entryValues: [0.5, 2])
        #expect(sparse.validate(tree: tree, level: 1) == nil)
        #expect(sparse.rowFeatures == [1, 7] && sparse.rowPointers == [0, 1, 2] && Array(sparse.chunkPointers) == [0, 2])
    }
}
