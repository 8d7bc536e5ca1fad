/// How far the hierarchical clustering has got: splits done in the current binary level and overall.
public struct ClusteringProgress: Sendable, Equatable, Codable {
    /// The binary level being split, 0 = the split of the root.
    public var binaryLevel: Int
    /// Number of binary levels (the binary depth d); the tree ends with 2^d leaf clusters.
    public var binaryLevelCount: Int
    /// Splits finished in this binary level.
    public var splitsDone: Int
    /// Splits in this binary level (2^binaryLevel).
    public var splitsInLevel: Int
    /// Splits finished in all levels so far.
    public var totalSplitsDone: Int
    /// Splits in the whole clustering (2^d − 1).
    public var totalSplits: Int

    /// Creates a progress report.
    public init(binaryLevel: Int, binaryLevelCount: Int, splitsDone: Int, splitsInLevel: Int,
                totalSplitsDone: Int, totalSplits: Int) {
        self.binaryLevel = binaryLevel
        self.binaryLevelCount = binaryLevelCount
        self.splitsDone = splitsDone
        self.splitsInLevel = splitsInLevel
        self.totalSplitsDone = totalSplitsDone
        self.totalSplits = totalSplits
    }

    /// Overall completion in 0...1.
    public var fractionDone: Double {
        totalSplits == 0 ? 1 : Double(totalSplitsDone) / Double(totalSplits)
    }
}
