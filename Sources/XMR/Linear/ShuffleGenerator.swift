/// A small seeded generator (SplitMix64) so solver shuffles are reproducible on every platform.
struct ShuffleGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator whose sequence depends only on `seed`.
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

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
