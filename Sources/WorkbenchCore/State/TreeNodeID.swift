/// A node of the label tree: its level (0 = root) and index within the level.
public struct TreeNodeID: Sendable, Hashable, Comparable {
    /// Level, 0 = root; the last level holds labels.
    public var level: Int
    /// Index within the level.
    public var index: Int

    /// Creates a node id.
    public init(level: Int, index: Int) {
        self.level = level
        self.index = index
    }

    /// The root.
    public static let root = TreeNodeID(level: 0, index: 0)

    /// Orders by level, then index.
    public static func < (a: TreeNodeID, b: TreeNodeID) -> Bool { (a.level, a.index) < (b.level, b.index) }
}
