/// One bin of the log-binned label frequency histogram: the labels with `lowerBound...upperBound` points.
///
/// The bins are 0, 1, 2-3, 4-7, 8-15, ...: bin k ≥ 1 holds frequencies 2^(k-1) ... 2^k - 1.
public struct FrequencyBin: Codable, Sendable, Equatable {
    /// The smallest frequency in the bin.
    public var lowerBound: Int
    /// The largest frequency in the bin (inclusive).
    public var upperBound: Int
    /// Number of labels whose training frequency lies in the bin.
    public var labels: Int

    /// Creates a bin from its parts.
    public init(lowerBound: Int, upperBound: Int, labels: Int) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.labels = labels
    }

    /// `0`, `1`, `2-3`, `4-7`, ...
    public var title: String {
        lowerBound == upperBound ? "\(lowerBound)" : "\(lowerBound)-\(upperBound)"
    }

    /// The index of the bin holding `frequency` (0 for 0, else 1 + floor(log2(frequency))).
    public static func index(of frequency: Int) -> Int {
        frequency <= 0 ? 0 : Int.bitWidth - frequency.leadingZeroBitCount
    }

    /// The bounds of bin `index`.
    public static func bounds(ofBin index: Int) -> ClosedRange<Int> {
        index == 0 ? 0...0 : (1 << (index - 1))...((1 << index) - 1)
    }
}
