import Foundation

/// The binary cross-entropy of a head's logits over each point's candidate clusters, and its
/// gradients with respect to the head and to the pooled embeddings.
enum ClusterLoss {
    /// Adds `scale`·Σ BCE over `candidates[s]` for the `count` embeddings at `pooled`, writing
    /// ∂loss/∂embedding into `pooledGradient` and adding ∂loss/∂head into `headGradient`
    /// (laid out as `head.parameters`). Returns the unscaled sum of the losses.
    static func accumulate(pooled: UnsafePointer<Float>, count: Int, candidates: [ClusterCandidates],
                           head: ClusterHeadTraining, scale: Float,
                           headGradient: UnsafeMutablePointer<Float>, pooledGradient: UnsafeMutablePointer<Float>) -> Double {
        let width = head.width, weights = UnsafePointer(head.parameters.pointer), bias = weights + head.clusters * width
        let biasGradient = headGradient + head.clusters * width
        pooledGradient.update(repeating: 0, count: count * width)
        var total = 0.0
        for s in 0..<count {
            let e = pooled + s * width, de = pooledGradient + s * width
            for (cluster, positive) in zip(candidates[s].clusters, candidates[s].positive) {
                let c = Int(cluster), w = weights + c * width, dw = headGradient + c * width
                var z = bias[c]
                for i in 0..<width { z += w[i] * e[i] }
                let y: Float = positive ? 1 : 0
                total += Double(max(z, 0) - z * y + log1pf(expf(-abs(z))))
                let g = (1 / (1 + expf(-z)) - y) * scale
                for i in 0..<width {
                    dw[i] += g * e[i]
                    de[i] += g * w[i]
                }
                biasGradient[c] += g
            }
        }
        return total
    }
}
