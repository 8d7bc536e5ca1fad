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

    /// Whether a child with raw score `raw` is below the list under `cutoff`.
    @inline(__always)
    func isOut(raw: Float, cutoff: Float) -> Bool {
        let margin = max(0, 1 - raw)
        return margin * margin * margin > cutoff
    }
}
