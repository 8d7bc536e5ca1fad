/// One cluster level's head while it trains: weights then biases in one flat buffer (so AdamW
/// and clipping treat it like the encoder), with its AdamW moments.
///
/// `@unchecked Sendable`: workers only read `parameters` during a step; the optimizer writes
/// them between steps.
final class ClusterHeadTraining: @unchecked Sendable {
    /// Number of clusters.
    let clusters: Int
    /// Width of an embedding.
    let width: Int
    /// clusters × width weights, then clusters biases.
    let parameters: FlatParameters
    /// AdamW's moments.
    let moments: AdamMoments
    /// The weight slot (decays) and the bias slot (does not).
    let slots: [ParameterSlot]

    private init(clusters: Int, width: Int, parameters: FlatParameters) {
        self.clusters = clusters
        self.width = width
        self.parameters = parameters
        moments = AdamMoments(count: parameters.count)
        slots = [ParameterSlot(name: "weight", shape: [clusters, width], offset: 0, decays: true),
                 ParameterSlot(name: "bias", shape: [clusters], offset: clusters * width, decays: false)]
    }

    /// A head of small random weights (uniform in ±0.02) and zero biases, for the top level.
    convenience init(clusters: Int, width: Int, seed: UInt64) {
        self.init(clusters: clusters, width: width, parameters: FlatParameters(count: clusters * width + clusters))
        var generator = SplitMix64(seed: seed)
        for i in 0..<(clusters * width) { parameters.pointer[i] = Float(generator.nextInt(below: 40_001) - 20_000) * 1e-6 }
    }

    /// A head for level `level` whose every cluster starts as its parent's row of `parent` (XR-Transformer's initialization).
    convenience init(childrenOf parent: ClusterHeadWeights, tree: LabelTree, level: Int) {
        let clusters = tree.nodeCount(atLevel: level), width = parent.width
        self.init(clusters: clusters, width: width, parameters: FlatParameters(count: clusters * width + clusters))
        let up = tree.parents[level - 1]
        for c in 0..<clusters {
            let p = Int(up[c])
            for i in 0..<width { parameters.pointer[c * width + i] = parent.weights[p * width + i] }
            parameters.pointer[clusters * width + c] = parent.bias[p]
        }
    }

    /// A head restored from saved values and moments (a checkpoint).
    convenience init(clusters: Int, width: Int, values: [Float], first: [Float], second: [Float]) {
        self.init(clusters: clusters, width: width, parameters: FlatParameters(values))
        moments.first.pointer.update(from: first, count: first.count)
        moments.second.pointer.update(from: second, count: second.count)
    }

    /// The head's current values, for inference.
    func snapshot() -> ClusterHeadWeights {
        let values = parameters.array
        // The counts match by construction.
        return try! ClusterHeadWeights(clusters: clusters, width: width, weights: Array(values[0..<(clusters * width)]),
                                       bias: Array(values[(clusters * width)...]))
    }
}
