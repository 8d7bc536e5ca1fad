/// Beam search down the cluster levels with one linear head per level over a text's embedding:
/// each kept node's children are scored, combined with the node's path score, and the best
/// `beamWidth` stay.
struct NeuralBeamSearch: Sendable {
    /// The heads of levels 1...heads.count.
    let heads: [ClusterHeadWeights]
    /// The label tree.
    let tree: LabelTree
    /// How a logit becomes a path score.
    let postProcessor: PostProcessor

    /// The kept nodes of level `heads.count`, best first (the root alone when there are no heads).
    func clusters(of embedding: UnsafePointer<Float>, beamWidth: Int, onLevel: ((BeamTrace.Level) -> Void)?,
                  kept: ((Int, [NodeScore]) -> Void)? = nil) -> [NodeScore] {
        var beam = [NodeScore(node: 0, score: postProcessor.rootScore)]
        let width = max(1, beamWidth)
        for (index, head) in heads.enumerated() {
            let level = index + 1
            var candidates: [BeamTrace.Candidate] = []
            for parent in beam {
                for child in tree.children(ofNode: parent.node, atLevel: level - 1) {
                    let raw = head.logit(Int(child), embedding)
                    candidates.append(BeamTrace.Candidate(node: Int(child), parent: parent.node, rawScore: raw,
                                                          score: postProcessor.combine(parent: parent.score, raw: raw), kept: false))
                }
            }
            candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.node < $1.node }
            for i in 0..<min(width, candidates.count) { candidates[i].kept = true }
            beam = candidates.prefix(width).map { NodeScore(node: $0.node, score: $0.score) }
            onLevel?(BeamTrace.Level(level: level, candidates: candidates))
            kept?(level, beam)
        }
        return beam
    }
}
