import Foundation

/// The random top level of every node: level `l` with probability `(1 - 1/M) M^-l`.
enum HNSWLevels {
    /// The highest level a node may get.
    static let maximumLevel = 30

    /// Levels for `count` nodes, drawn from `seed` in node order.
    static func draw(count: Int, m: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        let scale = 1 / log(Double(m))
        return (0..<count).map { _ in
            // A uniform draw in (0, 1]: 53 random bits, shifted off zero.
            let u = (Double(generator.next() >> 11) + 1) * 0x1p-53
            return UInt8(min(Double(maximumLevel), (-log(u) * scale).rounded(.down)))
        }
    }
}
