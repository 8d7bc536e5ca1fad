@testable import XMR

/// Synthetic label vectors for the indexing tests, generated from a seed.
enum IndexingTestData {
    /// `groups` groups of `perGroup` labels; the labels of a group share 6 of the group's own 8
    /// features (random weights) plus one random noise feature; rows l2-normalized.
    static func groupedLabelVectors(groups: Int, perGroup: Int, seed: UInt64) -> CSRMatrix {
        var rng = SplitMix64(seed: seed)
        let featuresPerGroup = 8
        let cols = groups * featuresPerGroup + 50
        var triplets: [(row: Int, col: Int, value: Float)] = []
        for g in 0..<groups {
            for m in 0..<perGroup {
                let row = g * perGroup + m
                for f in 0..<featuresPerGroup where rng.nextInt(below: 4) != 0 || f < 2 {
                    triplets.append((row, g * featuresPerGroup + f, Float(1 + rng.nextInt(below: 100)) / 100))
                }
                triplets.append((row, groups * featuresPerGroup + rng.nextInt(below: 50), 0.1))
            }
        }
        return CSRMatrix(rows: groups * perGroup, cols: cols, triplets: triplets).l2NormalizedRows()
    }

    /// `rows` random sparse unit rows over `cols` features, 5 nonzeros each (duplicates summed).
    static func randomLabelVectors(rows: Int, cols: Int, seed: UInt64) -> CSRMatrix {
        var rng = SplitMix64(seed: seed)
        var triplets: [(row: Int, col: Int, value: Float)] = []
        for r in 0..<rows {
            for _ in 0..<5 {
                triplets.append((r, rng.nextInt(below: cols), Float(1 + rng.nextInt(below: 1000)) / 1000))
            }
        }
        return CSRMatrix(rows: rows, cols: cols, triplets: triplets).l2NormalizedRows()
    }
}
