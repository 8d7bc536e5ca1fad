/// Inverted dropout masks: each value is 0 with probability `rate`, else 1 / (1 − rate).
///
/// Every sequence draws its own stream from (seed, step, sequence index), so a mask never
/// depends on how the batch is split among threads.
enum DropoutMask {
    /// The generator for sequence `sequence` of training step `step`.
    static func generator(seed: UInt64, step: Int, sequence: Int) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        let a = mixer.next() &+ UInt64(truncatingIfNeeded: step) &* 0x9E37_79B9_7F4A_7C15
        var second = SplitMix64(seed: a)
        return SplitMix64(seed: second.next() ^ UInt64(truncatingIfNeeded: sequence) &* 0xD6E8_FEB8_6659_FD93)
    }

    /// Fills `count` mask values at `mask` from `generator`.
    static func fill(_ mask: UnsafeMutablePointer<Float>, count: Int, rate: Float, using generator: inout SplitMix64) {
        let keep = 1 / (1 - rate)
        let threshold = UInt64(Double(rate) * Double(UInt64.max))
        for i in 0..<count { mask[i] = generator.next() < threshold ? 0 : keep }
    }

    /// values[i] *= mask[i] for `count` values.
    static func apply(_ mask: UnsafePointer<Float>, to values: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { values[i] *= mask[i] }
    }
}
