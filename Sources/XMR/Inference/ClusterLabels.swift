/// The most frequent training labels under every cluster of a label tree, so a cluster can be
/// named by its top two or three labels ("python, xml, parsing") rather than by a bare node id.
public struct ClusterLabels: Sendable, Equatable {
    /// Labels kept per cluster.
    public let count: Int
    /// `top[t][k * count + i]`: the i-th most frequent label under node k at level t (0 = the
    /// root, up to depth − 1), or −1 when the cluster has fewer labels.
    private let top: [[Int32]]

    /// Ranks every cluster's labels by `frequencies` (training points per label; without them,
    /// lower label ids first), keeping `count` per cluster.
    public init(tree: LabelTree, frequencies: [Int]?, count: Int = 3) {
        let count = max(1, count)
        self.count = count
        let frequency = { (label: Int32) -> Int in
            guard let frequencies, Int(label) < frequencies.count else { return 0 }
            return frequencies[Int(label)]
        }
        let better = { (a: Int32, b: Int32) -> Bool in
            let fa = frequency(a), fb = frequency(b)
            return fa != fb ? fa > fb : a < b
        }
        var levels = [[Int32]](repeating: [], count: tree.depth)
        // Bottom-up: a cluster's top labels are the best of its children's top labels.
        for t in stride(from: tree.depth - 1, through: 0, by: -1) {
            let nodes = tree.nodeCount(atLevel: t)
            var level = [Int32](repeating: -1, count: nodes * count)
            for k in 0..<nodes {
                var pool: [Int32] = []
                for child in tree.children(ofNode: k, atLevel: t) {
                    if t + 1 == tree.depth {
                        pool.append(child)
                    } else {
                        let start = Int(child) * count
                        pool.append(contentsOf: levels[t + 1][start..<start + count].filter { $0 >= 0 })
                    }
                }
                pool.sort(by: better)
                for (i, label) in pool.prefix(count).enumerated() { level[k * count + i] = label }
            }
            levels[t] = level
        }
        top = levels
    }

    /// The most frequent labels under node `node` at `level`, best first (the label itself at the
    /// last level; empty for a node that does not exist).
    public func labels(ofNode node: Int, atLevel level: Int) -> [Int] {
        if level == top.count { return node >= 0 ? [node] : [] }
        guard level >= 0, level < top.count, node >= 0, (node + 1) * count <= top[level].count else { return [] }
        return top[level][(node * count)..<((node + 1) * count)].filter { $0 >= 0 }.map(Int.init)
    }
}
