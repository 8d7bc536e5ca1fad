/// Mean, minimum and maximum of a list of counts (e.g. labels per point).
public struct CountSummary: Codable, Sendable, Equatable {
    /// The arithmetic mean (0 for an empty list).
    public var mean: Double
    /// The smallest count (0 for an empty list).
    public var min: Int
    /// The largest count (0 for an empty list).
    public var max: Int

    /// Creates a summary from its parts.
    public init(mean: Double, min: Int, max: Int) {
        self.mean = mean
        self.min = min
        self.max = max
    }

    /// Summarizes the number of stored entries in each row of `matrix`.
    public init(rowsOf matrix: CSRMatrix) {
        guard matrix.rows > 0 else {
            self.init(mean: 0, min: 0, max: 0)
            return
        }
        var low = Int.max, high = 0
        for i in 0..<matrix.rows {
            let n = matrix.nonzeros(inRow: i)
            low = Swift.min(low, n)
            high = Swift.max(high, n)
        }
        self.init(mean: Double(matrix.nonzeros) / Double(matrix.rows), min: low, max: high)
    }
}
