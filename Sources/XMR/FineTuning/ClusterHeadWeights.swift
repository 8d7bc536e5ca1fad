/// A trained linear head of one cluster level: a logit wᵀe + b for every cluster, over the
/// l2-normalized pooled embedding e.
public struct ClusterHeadWeights: Sendable, Equatable {
    /// Number of clusters at the level.
    public let clusters: Int
    /// Width of an embedding.
    public let width: Int
    /// clusters × width, row-major.
    public let weights: [Float]
    /// One bias per cluster.
    public let bias: [Float]

    /// A head from its values; throws `XRLinearError.invalidInput` when the counts disagree.
    public init(clusters: Int, width: Int, weights: [Float], bias: [Float]) throws {
        guard clusters >= 1, width >= 1, weights.count == clusters * width, bias.count == clusters else {
            throw XRLinearError.invalidInput("a head of \(clusters) clusters of width \(width) needs \(clusters * width) weights and \(clusters) biases, got \(weights.count) and \(bias.count)")
        }
        self.clusters = clusters
        self.width = width
        self.weights = weights
        self.bias = bias
    }

    /// The logit of `cluster` for the embedding at `embedding` (`width` values).
    func logit(_ cluster: Int, _ embedding: UnsafePointer<Float>) -> Float {
        weights.withUnsafeBufferPointer { w in
            let row = w.baseAddress! + cluster * width
            var sum: Float = 0
            for c in 0..<width { sum += row[c] * embedding[c] }
            return sum + bias[cluster]
        }
    }
}
