import Foundation

/// How a node's raw linear score wᵀx becomes the factor multiplied into its path score.
public enum PostProcessor: String, Codable, Sendable, CaseIterable {
    /// exp(−max(0, 1 − s)³), libpecos's default.
    case l3Hinge = "l3-hinge"
    /// 1 / (1 + exp(−s)).
    case sigmoid
    /// The raw score itself.
    case noop

    /// The transformed score of a raw score `s`.
    @inline(__always)
    public func transform(_ s: Float) -> Float {
        switch self {
        case .l3Hinge:
            let margin = max(0, 1 - s)
            return expf(-margin * margin * margin)
        case .sigmoid:
            return 1 / (1 + expf(-s))
        case .noop:
            return s
        }
    }
}
