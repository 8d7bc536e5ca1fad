/// A small, fast, seedable pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// The engine uses its own generator, not the system one, so that a seed gives the same label
/// tree on every platform and Swift version.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The generator's whole state; advanced by a fixed odd constant on every draw.
    public private(set) var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random integer in `0 ..< bound` (`bound > 0`), by the multiply-high method.
    ///
    /// Unlike `Int.random(in:using:)` its result is fixed by this file alone, so trees stay
    /// reproducible across standard-library versions. The bias (at most bound / 2⁶⁴) is negligible.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
