/// Per tree level, how many true labels the beam search still had within reach: the share of true
/// labels whose ancestor at that level was in the final beam of that level.
///
/// This shows *where* the beam loses labels: recall can only fall from one level to the next.
public struct BeamRecall: Sendable, Codable, Equatable {
    /// `perPoint[t − 1]`: for level t, the share of a point's true labels whose level-t ancestor was
    /// in the beam, averaged over the points that have at least one true label.
    public var perPoint: [Double]
    /// `overLabels[t − 1]`: the same share over all (point, true label) pairs pooled together.
    public var overLabels: [Double]
    /// Number of points with at least one true label (the points `perPoint` averages over).
    public var pointsWithLabels: Int

    /// Beam recall from each point's final beams: `beams[i][t − 1]` lists the nodes of level t
    /// that were in point i's beam, for t = 1...levels (every point must give the same number of
    /// levels, at most `tree.depth`; level `tree.depth` holds labels).
    public init(beams: [[[Int32]]], truth: CSRMatrix, tree: LabelTree) throws {
        guard beams.count == truth.rows else {
            throw EvaluationError.shapeMismatch("\(beams.count) points have beams but the truth has \(truth.rows)")
        }
        guard truth.cols == tree.labelCount else {
            throw EvaluationError.shapeMismatch("the truth has \(truth.cols) labels but the tree has \(tree.labelCount)")
        }
        let levels = beams.first?.count ?? 0
        guard levels <= tree.depth, beams.allSatisfy({ $0.count == levels }) else {
            throw EvaluationError.shapeMismatch(
                "every point needs the same number of beam levels, at most the tree depth \(tree.depth)")
        }
        let ancestors = (0..<levels).map { tree.ancestors(atLevel: $0 + 1) }
        var shareSum = [Double](repeating: 0, count: levels)
        var reached = [Int](repeating: 0, count: levels)
        var pairs = 0
        var points = 0
        for i in 0..<truth.rows {
            let labels = truth.range(ofRow: i).filter { truth.values[$0] != 0 }.map { Int(truth.columnIndices[$0]) }
            guard !labels.isEmpty else { continue }
            points += 1
            pairs += labels.count
            for t in 0..<levels {
                let beam = Set(beams[i][t])
                let kept = labels.reduce(0) { $0 + (beam.contains(ancestors[t][$1]) ? 1 : 0) }
                reached[t] += kept
                shareSum[t] += Double(kept) / Double(labels.count)
            }
        }
        perPoint = shareSum.map { points > 0 ? $0 / Double(points) : 0 }
        overLabels = reached.map { pairs > 0 ? Double($0) / Double(pairs) : 0 }
        pointsWithLabels = points
    }
}
