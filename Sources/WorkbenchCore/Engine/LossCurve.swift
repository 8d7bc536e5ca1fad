/// The fine-tuning loss of every optimizer step, kept in at most `capacity` points: when it
/// fills, neighbouring points are averaged in pairs and each new point then averages twice as
/// many steps, so a long training still draws its whole curve in bounded memory.
public struct LossCurve: Sendable, Hashable {
    /// The most points kept.
    public static let capacity = 512
    /// The points, oldest first: each the mean loss of `stepsPerPoint` consecutive steps.
    public private(set) var points: [Double] = []
    /// Steps averaged into one point.
    public private(set) var stepsPerPoint = 1
    /// Steps recorded in all.
    public private(set) var steps = 0
    private var pendingSum = 0.0, pendingCount = 0

    /// An empty curve.
    public init() {}

    /// Records one step's loss (non-finite losses are skipped).
    public mutating func append(_ loss: Double) {
        guard loss.isFinite else { return }
        steps += 1
        pendingSum += loss
        pendingCount += 1
        guard pendingCount == stepsPerPoint else { return }
        points.append(pendingSum / Double(pendingCount))
        pendingSum = 0
        pendingCount = 0
        if points.count >= Self.capacity {
            points = stride(from: 0, to: points.count - 1, by: 2).map { (points[$0] + points[$0 + 1]) / 2 }
            stepsPerPoint *= 2
        }
    }
}
