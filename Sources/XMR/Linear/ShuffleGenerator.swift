/// Seeded shuffles for the solver, drawn from `SplitMix64` so they are reproducible on every platform.
struct ShuffleGenerator: RandomNumberGenerator {
    private var generator: SplitMix64

    /// Creates a generator whose sequence depends only on `seed`.
    init(seed: UInt64) { generator = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func next() -> UInt64 { generator.next() }

    /// A value in 0..<bound (multiply-shift: no division, bias below 2⁻³² at our sizes).
    mutating func below(_ bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// Shuffles the first `count` entries of `buffer` (Fisher–Yates).
    mutating func shuffle(_ buffer: UnsafeMutablePointer<Int32>, count: Int) {
        var i = count - 1
        while i > 0 {
            let j = below(i + 1)
            let t = buffer[i]; buffer[i] = buffer[j]; buffer[j] = t
            i -= 1
        }
    }

    /// Mixes several integers into one seed.
    static func seed(_ parts: Int...) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for p in parts {
            h ^= UInt64(bitPattern: Int64(p))
            h = h &* 0x100_0000_01B3
            h ^= h >> 29
        }
        return h
    }
}
