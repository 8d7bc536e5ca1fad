/// A B-ary tree of label clusters, stored level by level.
///
/// Level 0 holds the root alone. Level `depth` holds the labels themselves (node `i` at that level
/// is label `i`). Each level `t ≥ 1` records, for every node, its parent at level `t − 1`; the
/// children of every node are kept in CSR form for fast expansion in beam search.
public struct LabelTree: Sendable, Equatable, Codable {
    /// `parents[t - 1][i]` is the parent (at level `t − 1`) of node `i` at level `t`, for t = 1...depth.
    public private(set) var parents: [[Int32]]
    /// `childPointers[t][k] ..< childPointers[t][k + 1]` indexes `childIndices[t]`: the children
    /// (at level `t + 1`) of node `k` at level `t`, for t = 0..<depth.
    public private(set) var childPointers: [[Int]]
    /// Children lists per level, ascending within each node; see `childPointers`.
    public private(set) var childIndices: [[Int32]]

    /// Builds the tree from each level's parent array (`parents[0]` is all zeros: the root's children).
    public init(parents: [[Int32]]) {
        self.parents = parents
        var pointers: [[Int]] = []
        var indices: [[Int32]] = []
        var previousCount = 1
        for level in parents {
            var counts = [Int](repeating: 0, count: previousCount + 1)
            for p in level { counts[Int(p) + 1] += 1 }
            for k in 0..<previousCount { counts[k + 1] += counts[k] }
            var next = counts
            var idx = [Int32](repeating: 0, count: level.count)
            for (i, p) in level.enumerated() {
                idx[next[Int(p)]] = Int32(i)
                next[Int(p)] += 1
            }
            pointers.append(counts)
            indices.append(idx)
            previousCount = level.count
        }
        self.childPointers = pointers
        self.childIndices = indices
    }

    /// Number of levels below the root; the last one holds the labels.
    public var depth: Int { parents.count }

    /// Number of labels (nodes of the last level).
    public var labelCount: Int { parents.last?.count ?? 0 }

    /// Number of nodes at level `t` (level 0 is the root).
    public func nodeCount(atLevel t: Int) -> Int { t == 0 ? 1 : parents[t - 1].count }

    /// The children (at level `t + 1`) of node `k` at level `t`.
    public func children(ofNode k: Int, atLevel t: Int) -> ArraySlice<Int32> {
        childIndices[t][childPointers[t][k]..<childPointers[t][k + 1]]
    }

    /// The labels under node `k` at level `t`, ascending.
    public func labels(underNode k: Int, atLevel t: Int) -> [Int] {
        var frontier = [k]
        var level = t
        while level < depth {
            var next: [Int] = []
            for node in frontier { next.append(contentsOf: children(ofNode: node, atLevel: level).map(Int.init)) }
            frontier = next
            level += 1
        }
        return frontier.sorted()
    }

    /// Number of labels under node `k` at level `t`.
    public func size(ofNode k: Int, atLevel t: Int) -> Int { labels(underNode: k, atLevel: t).count }

    /// The nodes on the path from the root to `label`: element `t - 1` is its ancestor at level `t`,
    /// and the last element is the label itself.
    public func path(toLabel label: Int) -> [Int] {
        var path = [Int](repeating: 0, count: depth)
        var node = label
        for t in stride(from: depth, through: 1, by: -1) {
            path[t - 1] = node
            node = Int(parents[t - 1][node])
        }
        return path
    }

    /// The ancestor at level `t` of every label (element `l` for label `l`); level `depth` gives
    /// the labels themselves, level 0 all zeros (the root).
    public func ancestors(atLevel t: Int) -> [Int32] {
        precondition(t >= 0 && t <= depth, "level \(t) is outside 0...\(depth)")
        var nodes = (0..<labelCount).map { Int32($0) }
        var level = depth
        while level > t {
            let up = parents[level - 1]
            for l in nodes.indices { nodes[l] = up[Int(nodes[l])] }
            level -= 1
        }
        return nodes
    }
}
