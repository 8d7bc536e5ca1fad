/// Where new labels go in a label tree: each into its nearest leaf cluster, or, when that cluster
/// is full, into a new leaf cluster as close to it as the branching allows.
///
/// New nodes are appended at the end of their level, so every existing node keeps its id and its
/// position among its parent's children (and the weights stored for it stay valid). A new leaf
/// hangs under the nearest cluster's parent when that parent has fewer than `branching`
/// children; otherwise a chain of new nodes starts from the nearest ancestor that has room.
/// When no ancestor has room (the root included), the label goes into the nearest cluster over
/// its capacity.
struct LabelPlacement: Sendable {
    /// A node created for the new labels.
    struct NewNode: Sendable, Equatable {
        /// Its level (1 ..< depth: a cluster level).
        var level: Int
        /// Its id at that level.
        var node: Int
        /// The existing node at the same level it was split from (its negatives' neighbourhood).
        var origin: Int
    }

    /// The tree with the new labels (ids `oldLabelCount...`) and nodes.
    let tree: LabelTree
    /// The leaf cluster (a node of level depth − 1) of every new label, in label order.
    let clusters: [Int]
    /// Whether each new label went into a cluster made for the new labels.
    let inNewCluster: [Bool]
    /// The nodes created, level by level, ascending.
    let newNodes: [NewNode]
    /// New labels that went into a full cluster because no ancestor had room for a new one.
    let overCapacity: Int

    /// Places new labels `tree.labelCount...` (one per element of `nearest`, the id of its
    /// nearest leaf cluster) into `tree`. A leaf cluster holds at most `capacity` labels and a
    /// node at most `branching` children.
    init(_ tree: LabelTree, nearest: [Int], capacity: Int, branching: Int) {
        let depth = tree.depth
        var parents = tree.parents
        // childCounts[t][k]: children of node k at level t.
        var childCounts = (0..<depth).map { t in
            (0..<tree.nodeCount(atLevel: t)).map { tree.childPointers[t][$0 + 1] - tree.childPointers[t][$0] }
        }
        var clusters: [Int] = []
        var inNew: [Bool] = []
        var newNodes: [NewNode] = []
        var overCapacity = 0
        var overflow: [Int: Int] = [:]
        let oldClusterCount = depth >= 1 ? tree.nodeCount(atLevel: depth - 1) : 1
        for near in nearest {
            var leaf = depth == 1 ? 0 : (overflow[near] ?? near)
            if depth > 1, childCounts[depth - 1][leaf] >= capacity {
                if let made = Self.newLeaf(near: near, tree: tree, parents: &parents, childCounts: &childCounts,
                                           branching: branching, made: &newNodes) {
                    leaf = made
                    overflow[near] = made
                } else {
                    overCapacity += 1
                }
            }
            parents[depth - 1].append(Int32(leaf))
            childCounts[depth - 1][leaf] += 1
            clusters.append(leaf)
            inNew.append(leaf >= oldClusterCount)
        }
        self.tree = LabelTree(parents: parents)
        self.clusters = clusters
        self.inNewCluster = inNew
        self.newNodes = newNodes.sorted { ($0.level, $0.node) < ($1.level, $1.node) }
        self.overCapacity = overCapacity
    }

    /// Makes a new leaf cluster as near `near` (a leaf cluster of the original tree) as the
    /// branching allows and returns its id, or nil when no ancestor of `near` has room.
    private static func newLeaf(near: Int, tree: LabelTree, parents: inout [[Int32]], childCounts: inout [[Int]],
                                branching: Int, made: inout [NewNode]) -> Int? {
        let depth = tree.depth
        // ancestors[t]: the node of level t on the path to `near` (level depth − 1).
        var ancestors = [Int](repeating: 0, count: depth)
        ancestors[depth - 1] = near
        for t in stride(from: depth - 1, to: 0, by: -1) { ancestors[t - 1] = Int(tree.parents[t - 1][ancestors[t]]) }
        guard let start = stride(from: depth - 1, through: 1, by: -1)
            .first(where: { childCounts[$0 - 1][ancestors[$0 - 1]] < branching }) else { return nil }
        var parent = ancestors[start - 1]
        for t in start..<depth {
            let node = parents[t - 1].count
            parents[t - 1].append(Int32(parent))
            childCounts[t - 1][parent] += 1
            childCounts[t].append(0)
            made.append(NewNode(level: t, node: node, origin: ancestors[t]))
            parent = node
        }
        return parent
    }
}
