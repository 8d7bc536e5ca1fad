/// Rankings for many queries, optionally with the beam each query kept at every level.
public struct BatchPrediction: Sendable {
    /// `rankings[i]` is query i's top-k labels, best first.
    public var rankings: [[LabelScore]]
    /// When requested, `beams[i][t - 1]` are the nodes query i kept at level t (at the last level,
    /// the returned labels).
    public var beams: [[[Int32]]]?
    /// Wall-clock seconds the batch took.
    public var seconds: Double
}
