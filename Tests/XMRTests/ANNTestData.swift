@testable import XMR

/// Small seeded vector sets for the nearest-neighbour tests, and exact search to compare with.
enum ANNTestData {
    /// `count` dense rows of dimension `dimension` around `clusters` random centres.
    static func dense(count: Int, dimension: Int, clusters: Int = 8, seed: UInt64) -> DenseMatrix {
        var g = SplitMix64(seed: seed)
        func uniform() -> Float { Float(g.next() >> 40) / Float(1 << 24) * 2 - 1 }
        let centres = (0..<(clusters * dimension)).map { _ in uniform() }
        var values: [Float] = []
        for _ in 0..<count {
            let c = g.nextInt(below: clusters)
            for j in 0..<dimension { values.append(centres[c * dimension + j] + 0.4 * uniform()) }
        }
        return try! DenseMatrix(rows: count, columns: dimension, values: values)
    }

    /// `count` sparse rows of dimension `dimension` with about `nonzeros` entries each, drawn
    /// mostly from one of `clusters` groups of features.
    static func sparse(count: Int, dimension: Int, nonzeros: Int, clusters: Int = 10, seed: UInt64) -> CSRMatrix {
        var g = SplitMix64(seed: seed)
        var triplets: [(row: Int, col: Int, value: Float)] = []
        let group = dimension / clusters
        for row in 0..<count {
            let c = g.nextInt(below: clusters)
            for _ in 0..<nonzeros {
                let col = g.nextInt(below: 4) == 0 ? g.nextInt(below: dimension) : c * group + g.nextInt(below: group)
                triplets.append((row, col, Float(g.nextInt(below: 1000) + 1) / 1000))
            }
        }
        return CSRMatrix(rows: count, cols: dimension, triplets: triplets)
    }

    /// The similarity of two dense rows.
    static func similarity(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>, _ kind: ANNSimilarity) -> Float {
        var dot: Float = 0, aa: Float = 0, bb: Float = 0, d2: Float = 0
        for (x, y) in zip(a, b) { dot += x * y; aa += x * x; bb += y * y; d2 += (x - y) * (x - y) }
        switch kind {
        case .innerProduct: return dot
        case .cosine: return aa > 0 && bb > 0 ? dot / (aa.squareRoot() * bb.squareRoot()) : 0
        case .l2: return -d2
        }
    }

    /// The exact `k` nearest rows of `base` to every row of `queries`, by `kind` (dense rows).
    static func exact(base: DenseMatrix, queries: DenseMatrix, k: Int, kind: ANNSimilarity) -> [[Int]] {
        (0..<queries.rows).map { q in
            let scored = (0..<base.rows).map { (id: $0, score: similarity(base.row($0), queries.row(q), kind)) }
            return scored.sorted { $0.score > $1.score || ($0.score == $1.score && $0.id < $1.id) }.prefix(k).map(\.id)
        }
    }

    /// The fraction of the exact neighbours that were found.
    static func recall(found: ANNSearchResults, exact: [[Int]]) -> Double {
        var hits = 0, total = 0
        for (q, truth) in exact.enumerated() {
            let ids = Set(found.neighbors(ofQuery: q).map(\.id))
            hits += truth.filter(ids.contains).count
            total += truth.count
        }
        return Double(hits) / Double(max(1, total))
    }
}
