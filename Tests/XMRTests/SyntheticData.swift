@testable import XMR

/// Small deterministic multi-label problems for engine tests.
enum SyntheticData {
    /// A tiny xorshift generator so tests do not depend on the platform's random source.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    /// Points whose features are the signature features of their labels plus noise.
    ///
    /// Label l owns features `l * 4 ..< l * 4 + 4`; the last `noise` features are shared noise.
    static func problem(points: Int, labels: Int, noise: Int = 10, seed: UInt64) -> (x: CSRMatrix, y: CSRMatrix) {
        var g = Generator(seed: seed)
        let featureCount = labels * 4 + noise
        var xt: [(row: Int, col: Int, value: Float)] = []
        var yt: [(row: Int, col: Int, value: Float)] = []
        for i in 0..<points {
            let first = Int.random(in: 0..<labels, using: &g)
            var mine = [first]
            if Bool.random(using: &g) {
                // a related label (same group of 4) as a second label
                let second = (first / 4) * 4 + Int.random(in: 0..<4, using: &g)
                if second < labels && second != first { mine.append(second) }
            }
            for l in mine {
                yt.append((i, l, 1))
                for f in 0..<4 where Int.random(in: 0..<3, using: &g) > 0 {
                    xt.append((i, l * 4 + f, Float.random(in: 0.5...1.5, using: &g)))
                }
                xt.append((i, l * 4, 1))
            }
            for _ in 0..<2 { xt.append((i, labels * 4 + Int.random(in: 0..<noise, using: &g), Float.random(in: 0.1...0.5, using: &g))) }
        }
        return (CSRMatrix(rows: points, cols: featureCount, triplets: xt), CSRMatrix(rows: points, cols: labels, triplets: yt))
    }

    /// A three-level tree (root → groups of 4 labels → labels) for `labels` labels.
    static func groupedTree(labels: Int) -> LabelTree {
        let groups = (labels + 3) / 4
        let superGroups = (groups + 1) / 2
        return LabelTree(parents: [
            [Int32](repeating: 0, count: superGroups),
            (0..<groups).map { Int32($0 / 2) },
            (0..<labels).map { Int32($0 / 4) },
        ])
    }

    /// Precision at 1 of `rankings` against the label matrix `y`.
    static func precisionAt1(_ rankings: [[LabelScore]], _ y: CSRMatrix) -> Double {
        var hits = 0
        for (i, r) in rankings.enumerated() {
            if let top = r.first, y[i, top.label] != 0 { hits += 1 }
        }
        return Double(hits) / Double(rankings.count)
    }
}
