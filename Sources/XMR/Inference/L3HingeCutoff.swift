import Foundation

/// A test that skips the `l3-hinge` transform (an `expf`) for children that cannot enter a full
/// top list: the batch search's selection scores hundreds of children per query and keeps a few.
///
/// A child of a parent with path score p scores p · exp(−m³), m = max(0, 1 − raw). With the list
/// full and its worst score w, a child with m³ > ln(p / w) scores below w. The cutoff adds a slack
/// of 1e-5, absolute and relative, in the exponent, about 100 times the rounding of m³, `expf` and
/// the product, so a skipped child's computed score would be strictly below w too: the kept
/// lists are exactly those without the test.
struct L3HingeCutoff {
    /// Whether the post-processor is `l3-hinge` (otherwise nothing is skipped).
    let enabled: Bool

    /// The m³ above which a child of a parent scoring `parent` cannot beat `worst`: negative when
    /// no child can, infinite when the test cannot tell.
    @inline(__always)
    func cutoff(parent: Float, worst: Float) -> Float {
        guard enabled, worst > 0, worst.isFinite, parent.isFinite else { return .infinity }
        if parent <= 0 { return -1 }
        let c = (log(Double(parent) / Double(worst)) + 1e-5) / (1 - 1e-5)
        return c < Double(Float.greatestFiniteMagnitude) ? Float(c) : .infinity
    }

    /// A raw score below which every child is out under `cutoff` (`isOut` holds), −∞ when the
    /// cutoff rules nothing out: lets the selection skip runs of children with a vector compare.
    ///
    /// Out means max(0, 1 − raw)³ > cutoff, that is 1 − raw > ∛cutoff. The floor takes ∛cutoff
    /// 0.1% larger, far beyond the rounding of 1 − raw and of its cube (a few parts in 10⁷), so a
    /// child below the floor is out by the exact test as well; children above it still take it.
    @inline(__always)
    func rawFloor(cutoff: Float) -> Float {
        guard enabled, cutoff.isFinite, cutoff >= 0 else { return -.infinity }
        return Float(1 - cbrt(Double(cutoff)) * 1.001)
    }

    /// Whether a child with raw score `raw` is below the list under `cutoff`.
    @inline(__always)
    func isOut(raw: Float, cutoff: Float) -> Bool {
        let margin = max(0, 1 - raw)
        return margin * margin * margin > cutoff
    }
}
