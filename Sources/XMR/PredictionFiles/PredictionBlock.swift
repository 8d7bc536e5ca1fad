/// A block of consecutive points' rankings, the unit prediction writers write and flush.
public struct PredictionBlock: Sendable {
    /// The number of the block's first point (0-based, counted over the whole output).
    public var firstPoint: Int
    /// Each point's ranked labels, best first.
    public var rankings: [[LabelScore]]
    /// Each point's query text, when the queries were texts.
    public var texts: [String]?
    /// Each ranked label's calibrated probability, parallel to `rankings`, when the model has a calibration.
    public var probabilities: [[Double]]?

    /// Creates a block of `rankings` starting at point `firstPoint`.
    public init(firstPoint: Int, rankings: [[LabelScore]], texts: [String]? = nil, probabilities: [[Double]]? = nil) {
        precondition(texts == nil || texts?.count == rankings.count, "one text per ranking")
        if let probabilities {
            precondition(probabilities.count == rankings.count && zip(probabilities, rankings).allSatisfy { $0.count == $1.count },
                         "one probability per ranked label")
        }
        self.firstPoint = firstPoint
        self.rankings = rankings
        self.texts = texts
        self.probabilities = probabilities
    }

    /// Number of points in the block.
    public var count: Int { rankings.count }
}
