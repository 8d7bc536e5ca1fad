/// Where `LabelAdder` puts the matcher nodes it retrains: an existing node that the new labels
/// would retrain is copied, the copy gets the retrained weights and the new labels (and new
/// nodes) under it, and the original keeps its weights and its children.
///
/// A node's classifier scores every label below it, so retraining it in place for new positives
/// moves the scores of all its old labels (on debtags that cost the old labels 0.005 of P@1).
/// With the copy, every old label keeps its path and every weight on it, so its score is the
/// same for any point whose beam keeps the same old nodes; the copies only compete with the
/// old nodes for the beam.
///
/// Copies are appended at the end of their level, after the nodes `LabelPlacement` made, so
/// every existing node keeps its id. A copy's parent is its original's parent, or that
/// parent's copy when the parent was copied too.
struct NodeCopies: Sendable {
    /// The tree with the copies: the new labels and the nodes made for them hang under the
    /// copies of their parents.
    let tree: LabelTree
    /// `copies[t][node]`: the id of the copy of existing node `node` of level `t`.
    let copies: [[Int: Int]]

    /// Copies the nodes `retrained[t]` (existing nodes of level `t`, 1 ..< depth) of `placed`
    /// (the tree with the new labels, whose first `original.nodeCount(atLevel: t)` nodes of
    /// every level are the model's own).
    init(placed: LabelTree, original: LabelTree, retrained: [Set<Int>]) {
        let depth = placed.depth
        var parents = placed.parents
        var copies = [[Int: Int]](repeating: [:], count: depth + 1)
        for t in stride(from: 1, through: depth, by: 1) {
            // What was made for the new labels moves under its parent's copy.
            for node in original.nodeCount(atLevel: t)..<placed.nodeCount(atLevel: t) {
                if let copy = copies[t - 1][Int(parents[t - 1][node])] { parents[t - 1][node] = Int32(copy) }
            }
            guard t < depth, t < retrained.count else { continue }
            for node in retrained[t].sorted() {
                let parent = Int(placed.parents[t - 1][node])
                copies[t][node] = parents[t - 1].count
                parents[t - 1].append(Int32(copies[t - 1][parent] ?? parent))
            }
        }
        tree = LabelTree(parents: parents)
        self.copies = copies
    }

    /// Where the weights trained for node `node` of level `level` go: its copy, or the node itself.
    func home(of node: Int, level: Int) -> Int { copies[level][node] ?? node }
}
