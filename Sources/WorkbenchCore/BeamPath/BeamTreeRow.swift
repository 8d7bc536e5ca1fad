import XMR

/// One line of the beam path drawn as a tree: connectors, then a node or a collapsed group of
/// pruned nodes.
public struct BeamTreeRow: Sendable, Hashable {
    /// What a row shows.
    public enum Content: Sendable, Hashable {
        /// The root of the tree.
        case root
        /// One candidate: kept, or pruned and shown (expanded, or on a true label's path).
        case node(BeamExplanation.Node)
        /// The pruned children of a kept node folded into a count; `best` is the best of their scores.
        case prunedGroup(BeamGroupID, count: Int, best: Float)
    }

    /// The connector text before the content ("│  ├─ ").
    public var prefix: String
    /// The node or group.
    public var content: Content
    /// The group this row expands or collapses with Enter/→ (a pruned group, or a pruned node of an
    /// expanded group); nil for kept nodes.
    public var group: BeamGroupID?

    /// Creates a row.
    public init(prefix: String, content: Content, group: BeamGroupID? = nil) {
        self.prefix = prefix
        self.content = content
        self.group = group
    }
}
