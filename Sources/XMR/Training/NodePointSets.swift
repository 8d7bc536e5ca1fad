/// For every node of one tree level, the ascending list of training points assigned to it.
///
/// With the points that have a label under each node this is the binarized Y·C of that level,
/// read column by column; with the matcher's beams it is the beam membership of each node.
struct NodePointSets: Sendable {
    /// `pointers[k] ..< pointers[k + 1]` index node k's points in `points`.
    var pointers: [Int]
    /// Point ids, ascending within a node.
    var points: [Int32]

    /// The points of node `k`.
    func points(of k: Int) -> ArraySlice<Int32> { points[pointers[k]..<pointers[k + 1]] }

    /// Number of points of node `k`.
    func count(of k: Int) -> Int { pointers[k + 1] - pointers[k] }

    /// Builds node → points from point → nodes lists given in point order (`nodesOfPoint(i)`).
    init(nodeCount: Int, pointCount: Int, nodesOfPoint: (Int) -> [Int32]) {
        var lists: [[Int32]] = []
        lists.reserveCapacity(pointCount)
        var counts = [Int](repeating: 0, count: nodeCount + 1)
        for i in 0..<pointCount {
            let nodes = nodesOfPoint(i)
            for k in nodes { counts[Int(k) + 1] += 1 }
            lists.append(nodes)
        }
        for k in 0..<nodeCount { counts[k + 1] += counts[k] }
        var next = counts
        var points = [Int32](repeating: 0, count: counts[nodeCount])
        for (i, nodes) in lists.enumerated() {
            for k in nodes {
                points[next[Int(k)]] = Int32(i)
                next[Int(k)] += 1
            }
        }
        self.pointers = counts
        self.points = points
    }

    /// The points with a label under each node, for every level 0...depth (index = level).
    static func labelled(labels: CSRMatrix, tree: LabelTree) -> [NodePointSets] {
        let depth = tree.depth
        // ancestors[t][label] = the label's node at level t.
        var ancestors = [[Int32]](repeating: [], count: depth + 1)
        ancestors[depth] = (0..<tree.labelCount).map { Int32($0) }
        if depth >= 1 {
            for t in stride(from: depth - 1, through: 0, by: -1) {
                let parentOf = tree.parents[t]
                ancestors[t] = ancestors[t + 1].map { parentOf[Int($0)] }
            }
        }
        var result: [NodePointSets] = []
        for t in 0...depth {
            let nodeCount = tree.nodeCount(atLevel: t)
            var stamp = [Int](repeating: -1, count: nodeCount)
            let map = ancestors[t]
            result.append(NodePointSets(nodeCount: nodeCount, pointCount: labels.rows) { i in
                var nodes: [Int32] = []
                for p in labels.range(ofRow: i) {
                    let node = map[Int(labels.columnIndices[p])]
                    if stamp[Int(node)] != i {
                        stamp[Int(node)] = i
                        nodes.append(node)
                    }
                }
                return nodes
            })
        }
        return result
    }

    /// The union, node by node, of two sets over the same nodes.
    func union(_ other: NodePointSets) -> NodePointSets {
        var pointers = [0]
        var points: [Int32] = []
        for k in 0..<(self.pointers.count - 1) {
            SortedMerge.union(self.points(of: k), other.points(of: k), into: &points)
            pointers.append(points.count)
        }
        var result = self
        result.pointers = pointers
        result.points = points
        return result
    }
}
