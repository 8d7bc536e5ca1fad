/// The rows an outline of the label tree shows for a set of expanded nodes.
public enum TreeOutline {
    /// The visible nodes in display order: the root, then each expanded node's children (clusters
    /// in tree order, labels by descending training frequency).
    public static func visibleNodes(of overview: TreeOverview, expanded: Set<TreeNodeID>) -> [TreeNodeID] {
        var rows: [TreeNodeID] = []
        func visit(_ node: TreeNodeID) {
            rows.append(node)
            guard node.level < overview.tree.depth, expanded.contains(node) else { return }
            var children = overview.tree.children(ofNode: node.index, atLevel: node.level).map(Int.init)
            if node.level + 1 == overview.tree.depth {
                let frequencies = overview.labelFrequencies
                children.sort { (frequencies[$0], -$0) > (frequencies[$1], -$1) }
            }
            for child in children { visit(TreeNodeID(level: node.level + 1, index: child)) }
        }
        visit(.root)
        return rows
    }

    /// The ancestors of `node`, root first (excluding `node`).
    public static func ancestors(of node: TreeNodeID, in overview: TreeOverview) -> [TreeNodeID] {
        var result: [TreeNodeID] = []
        var current = node
        while current.level > 0 {
            let parent = Int(overview.tree.parents[current.level - 1][current.index])
            current = TreeNodeID(level: current.level - 1, index: parent)
            result.append(current)
        }
        return result.reversed()
    }

    /// Labels whose name contains `text` (case-insensitive), most frequent first.
    public static func search(_ text: String, in overview: TreeOverview) -> [Int] {
        let needle = text.lowercased()
        guard !needle.isEmpty else { return [] }
        let matches = overview.labelNames.indices.filter { overview.labelNames[$0].lowercased().contains(needle) }
        return matches.sorted { (overview.labelFrequencies[$0], -$0) > (overview.labelFrequencies[$1], -$1) }
    }
}
