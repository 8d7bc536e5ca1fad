/// A seeded random part of a training split held out from training: a calibration or a threshold
/// is fitted on the scores that a copy of the model, trained on the rest, gives the held-out
/// points (points it has not seen), as `xmr calibrate` and the workbench do.
public struct HeldOutSplit: Sendable {
    /// The held-out points, in their original order.
    public var held: DatasetSplit
    /// The other points, in their original order.
    public var rest: DatasetSplit
    /// How many points were held out.
    public var heldCount: Int { held.count }

    /// Holds out `share` (in (0, 1)) of `split`'s points, chosen by `seed`; throws when that leaves
    /// no point on either side.
    public init(_ split: DatasetSplit, share: Double, seed: UInt64) throws {
        let count = Int((share * Double(split.count)).rounded())
        guard share > 0, share < 1, count >= 1, count < split.count else {
            throw XRLinearError.invalidInput("holding out \(share) of \(split.count) training points leaves no points to hold out or none to train on")
        }
        var random = SplitMix64(seed: seed)
        let order = Array(0..<split.count).shuffled(using: &random)
        held = Self.rows(Array(order.prefix(count)).sorted(), of: split)
        rest = Self.rows(Array(order.dropFirst(count)).sorted(), of: split)
    }

    /// The points `rows` of `split`.
    public static func rows(_ rows: [Int], of split: DatasetSplit) -> DatasetSplit {
        DatasetSplit(features: split.features?.selectingRows(rows), labels: split.labels.selectingRows(rows),
                     texts: split.texts.map { texts in rows.map { texts[$0] } })
    }
}
