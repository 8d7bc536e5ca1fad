/// The training points around every node of a label tree with new labels: the points with a
/// label under each node, the points the model's matcher reached it with, and from these each
/// node's binary problem.
///
/// A node's *scope* is the set of points its children are told apart on: the points with a label
/// under it or whose beam reached it (teacher-forced and matcher-aware negatives together), and
/// for a node made for the new labels, also the scope of the existing node it was split from
/// (the beams cannot have reached it yet).
struct NodeScopes {
    /// `labelled[t]`: the points with a label (old or new) under each node of level t.
    private let labelled: [NodePointSets]
    /// `labelledByOld[t]`: the points with one of the model's own labels under each node of level t.
    private let labelledByOld: [NodePointSets]
    /// `matched[t]` (t = 1 ..< depth): the points whose beam kept each node of level t.
    private let matched: [NodePointSets]
    /// `origins[t][node]`: the existing node a new node of level t was split from.
    private let origins: [[Int: Int]]
    private let tree: LabelTree
    private let pointCount: Int
    /// The negatives the model's nodes were trained with.
    private let negatives: NegativeSampling

    /// The scopes of `labels`' points (ids `oldLabelCount...` are new) in `tree` (with the new
    /// labels and nodes), given each point's beams through the model's cluster levels.
    init(labels: CSRMatrix, oldLabelCount: Int, tree: LabelTree, beams: [[[Int32]]], newNodes: [LabelPlacement.NewNode],
         negatives: NegativeSampling) {
        self.tree = tree
        self.negatives = negatives
        pointCount = labels.rows
        labelled = NodePointSets.labelled(labels: labels, tree: tree)
        labelledByOld = NodePointSets.labelled(labels: labels.keepingColumns(0..<oldLabelCount), tree: tree)
        matched = (0..<max(1, tree.depth)).map { t in
            NodePointSets(nodeCount: tree.nodeCount(atLevel: t), pointCount: labels.rows) { i in
                t >= 1 && t - 1 < beams[i].count ? beams[i][t - 1] : []
            }
        }
        var origins = [[Int: Int]](repeating: [:], count: tree.depth + 1)
        for node in newNodes { origins[node.level][node.node] = node.origin }
        self.origins = origins
    }

    /// Number of points with a label under `node` of level `level`.
    func positives(level: Int, node: Int) -> Int { labelled[level].count(of: node) }

    /// Number of points with a label under the node only through a new label.
    func newPositives(level: Int, node: Int) -> Int {
        var count = 0
        var j = labelledByOld[level].points(of: node).startIndex
        let old = labelledByOld[level].points(of: node)
        for p in labelled[level].points(of: node) {
            while j < old.endIndex && old[j] < p { j += 1 }
            if j == old.endIndex || old[j] != p { count += 1 }
        }
        return count
    }

    /// The scope of `node` at level `level`, ascending.
    func scope(level: Int, node: Int) -> [Int32] {
        if level == 0 { return (0..<pointCount).map { Int32($0) } }
        var points: [Int32] = []
        SortedMerge.union(labelled[level].points(of: node), matched[level].points(of: node), into: &points)
        if let origin = origins[level][node] {
            var joined: [Int32] = []
            SortedMerge.union(points[...], scope(level: level, node: origin)[...], into: &joined)
            points = joined
        }
        return points
    }

    /// The class each of `rows` had in the original training of `node` (level 1 ..< depth) by
    /// the model's own labels: +1 positive, −1 negative, 0 not among its rows (as `negatives`
    /// chose them: a label under its parent, or a beam that reached the parent). At level 1
    /// every point was a row.
    func originalClasses(level: Int, node: Int, rows: [Int32]) -> [Int8] {
        let parent = Int(tree.parents[level - 1][node])
        var scope: [Int32] = []
        switch (level, negatives) {
        case (1, _): scope = rows
        case (_, .tfn): scope = Array(labelledByOld[level - 1].points(of: parent))
        case (_, .man): SortedMerge.union(matched[level - 1].points(of: parent), labelledByOld[level].points(of: node), into: &scope)
        case (_, .tfnMan): SortedMerge.union(labelledByOld[level - 1].points(of: parent), matched[level - 1].points(of: parent), into: &scope)
        }
        var inScope: [Bool] = [], positive: [Bool] = []
        SortedMerge.membership(rows: rows, members: scope[...], into: &inScope)
        SortedMerge.membership(rows: rows, members: labelledByOld[level].points(of: node), into: &positive)
        return zip(inScope, positive).map { inScope, positive in positive ? 1 : (inScope ? -1 : 0) }
    }

    /// The binary problem of `node` at level `level` (1...depth): the scope of its parent plus
    /// its own positives, positive where a point has a label under it.
    func problem(level: Int, node: Int, newPositives: Int) -> NodeProblem {
        let parent = Int(tree.parents[level - 1][node])
        var rows: [Int32] = []
        var flags: [Bool] = []
        SortedMerge.childProblem(base: scope(level: level - 1, node: parent)[...], positives: labelled[level].points(of: node),
                                 addPositives: true, rows: &rows, isPositive: &flags)
        return NodeProblem(level: level, node: node, rows: rows, isPositive: flags,
                           positiveCount: labelled[level].count(of: node), newPositives: newPositives)
    }
}
