/// How an approximate nearest-neighbour index compares two vectors; a higher score is nearer.
public enum ANNSimilarity: String, Sendable, Codable, CaseIterable {
    /// The inner product `q · x`.
    case innerProduct = "ip"
    /// The cosine `q · x / (‖q‖ ‖x‖)`: stored vectors and queries are l2-normalized, then `q · x`.
    case cosine
    /// The negated squared Euclidean distance `-‖q - x‖²` (dense vectors only).
    case l2

    /// The code stored in index files.
    var code: UInt64 {
        switch self {
        case .innerProduct: return 0
        case .cosine: return 1
        case .l2: return 2
        }
    }

    /// The similarity of a stored code, or nil for an unknown one.
    init?(code: UInt64) {
        switch code {
        case 0: self = .innerProduct
        case 1: self = .cosine
        case 2: self = .l2
        default: return nil
        }
    }
}
