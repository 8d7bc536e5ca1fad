import Foundation

/// How a node's raw linear score wᵀx becomes its path score, combined with its parent's (libpecos
/// `PostProcessor`: a transform and a combiner).
///
/// The multiplicative ones (`l3-hinge`, `sigmoid`) start from a root score of 1; the additive
/// log-space ones (`log-l3-hinge`, `log-sigmoid`) from 0 and rank the same paths as their
/// multiplicative twins, up to rounding. `noop` keeps the child's raw score and ignores the
/// parent's, as libpecos does.
public enum PostProcessor: String, Codable, Sendable, CaseIterable {
    /// exp(−max(0, 1 − s)³), multiplied along the path (libpecos's default).
    case l3Hinge = "l3-hinge"
    /// −max(0, 1 − s)³, added along the path.
    case logL3Hinge = "log-l3-hinge"
    /// 1 / (1 + exp(−s)), multiplied along the path.
    case sigmoid
    /// −log(1 + exp(−s)), added along the path.
    case logSigmoid = "log-sigmoid"
    /// The raw score itself; the parent's score is not combined in.
    case noop

    /// The transformed score of a raw score `s`.
    @inline(__always)
    public func transform(_ s: Float) -> Float {
        switch self {
        case .l3Hinge:
            let margin = max(0, 1 - s)
            return expf(-margin * margin * margin)
        case .logL3Hinge:
            let margin = max(0, 1 - s)
            return -margin * margin * margin
        case .sigmoid:
            return 1 / (1 + expf(-s))
        case .logSigmoid:
            return -log1pf(expf(-s))
        case .noop:
            return s
        }
    }

    /// The path score of a child with raw score `raw` under a parent with path score `parent`.
    @inline(__always)
    public func combine(parent: Float, raw: Float) -> Float {
        switch self {
        case .l3Hinge, .sigmoid: parent * transform(raw)
        case .logL3Hinge, .logSigmoid: parent + transform(raw)
        case .noop: raw
        }
    }

    /// The root's path score: 1 for the multiplicative ones, 0 for the additive ones.
    public var rootScore: Float {
        switch self {
        case .l3Hinge, .sigmoid, .noop: 1
        case .logL3Hinge, .logSigmoid: 0
        }
    }
}
