import XMR

/// Lays a `BeamExplanation` out as tree rows, root first, each kept node followed by its
/// children: its kept children (with their subtrees), then its pruned children folded into one
/// count unless the group is expanded. Pruned nodes on a true label's path always get their own
/// row, so where a true label was lost stays visible.
public enum BeamTreeLayout {
    /// The connector glyphs.
    public struct Connectors: Sendable {
        /// Before a child that has siblings after it.
        public var branch: String
        /// Before the last child.
        public var last: String
        /// Under a child that has siblings after it.
        public var through: String
        /// Under the last child.
        public var blank: String

        /// Box-drawing connectors.
        public static let unicode = Connectors(branch: "├─ ", last: "└─ ", through: "│  ", blank: "   ")
        /// Plain ASCII connectors, for terminals without UTF-8.
        public static let ascii = Connectors(branch: "|- ", last: "`- ", through: "|  ", blank: "   ")
    }

    /// The rows of `explanation`; the groups in `expanded` (all of them when `expandAll`) show
    /// every pruned node.
    public static func rows(_ explanation: BeamExplanation, expanded: Set<BeamGroupID>, expandAll: Bool = false,
                            connectors: Connectors = .unicode) -> [BeamTreeRow] {
        var rows = [BeamTreeRow(prefix: "", content: .root)]
        appendChildren(of: 0, atLevel: 0, prefix: "", explanation, expanded: expanded, expandAll: expandAll,
                       connectors: connectors, into: &rows)
        return rows
    }

    /// Appends the rows under node `node` at `level`.
    private static func appendChildren(of node: Int, atLevel level: Int, prefix: String, _ explanation: BeamExplanation,
                                       expanded: Set<BeamGroupID>, expandAll: Bool, connectors: Connectors,
                                       into rows: inout [BeamTreeRow]) {
        let children = explanation.children(ofNode: node, atLevel: level)
        guard !children.isEmpty else { return }
        let group = BeamGroupID(level: level, parent: node)
        let open = expandAll || expanded.contains(group)
        let pruned = children.filter { !$0.kept }
        // Items under this node: kept children, pruned ones shown one by one, and the folded rest.
        enum Item { case child(BeamExplanation.Node), folded(count: Int, best: Float) }
        var items: [Item] = children.filter(\.kept).map { .child($0) }
        if open {
            items += pruned.map { .child($0) }
        } else {
            let shown = pruned.filter { $0.truth == .prunedAncestor }
            items += shown.map { .child($0) }
            let rest = pruned.filter { $0.truth != .prunedAncestor }
            if let best = rest.first?.score { items.append(.folded(count: rest.count, best: best)) }
        }
        for (i, item) in items.enumerated() {
            let isLast = i == items.count - 1
            let lead = prefix + (isLast ? connectors.last : connectors.branch)
            switch item {
            case .child(let child):
                rows.append(BeamTreeRow(prefix: lead, content: .node(child), group: child.kept ? nil : group))
                if child.kept {
                    appendChildren(of: child.node, atLevel: child.level, prefix: prefix + (isLast ? connectors.blank : connectors.through),
                                   explanation, expanded: expanded, expandAll: expandAll, connectors: connectors, into: &rows)
                }
            case .folded(let count, let best):
                rows.append(BeamTreeRow(prefix: lead, content: .prunedGroup(group, count: count, best: best), group: group))
            }
        }
    }
}
