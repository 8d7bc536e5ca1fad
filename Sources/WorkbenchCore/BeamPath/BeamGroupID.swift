/// The pruned children of one kept node: the node's level (0 is the root) and id.
public struct BeamGroupID: Sendable, Hashable {
    /// The parent's level (0 is the root).
    public var level: Int
    /// The parent's node id at that level.
    public var parent: Int

    /// Names the pruned children of `parent` at `level`.
    public init(level: Int, parent: Int) {
        self.level = level
        self.parent = parent
    }
}
