/// What every level of linear rankers trains on: the (already scaled) features, packed for the
/// solver, and for every tree level the training points with a label under each node.
struct LinearTrainingProblem: Sendable {
    /// Points × features, rows as the rankers see them.
    let x: CSRMatrix
    /// `x` packed for the solver (a block of dense last columns, such as an embedding, apart).
    let packed: PackedRows
    /// `labelled[t]`: the points with a label under each node of level t (0...depth).
    let labelled: [NodePointSets]
    /// The label tree.
    let tree: LabelTree
    /// The pipeline (its ranker settings drive the solver and the negatives).
    let parameters: Pipeline

    /// Checks that the parts fit, then prepares them.
    ///
    /// `denseColumns` is the width of the dense last block to pack apart (default: as detected
    /// in `x`); a problem over some of the points passes the whole problem's width, so that
    /// both pack their rows alike.
    init(x: CSRMatrix, labels: CSRMatrix, tree: LabelTree, parameters: Pipeline, denseColumns: Int? = nil) throws {
        try parameters.validate()
        guard x.rows == labels.rows else {
            throw XRLinearError.invalidInput("features have \(x.rows) rows but labels have \(labels.rows)")
        }
        guard tree.labelCount == labels.cols else {
            throw XRLinearError.invalidInput("the tree has \(tree.labelCount) labels but the label matrix has \(labels.cols) columns")
        }
        guard tree.depth >= 1 else { throw XRLinearError.invalidInput("the label tree has no levels") }
        for t in 1...tree.depth {
            if let problem = LevelWeights.capacityProblem(tree: tree, level: t) {
                throw XRLinearError.invalidInput("the label tree cannot be trained: \(problem)")
            }
        }
        self.x = x
        self.tree = tree
        self.parameters = parameters
        labelled = NodePointSets.labelled(labels: labels, tree: tree)
        packed = PackedRows(x, denseColumns: denseColumns ?? PackedRows.denseBlockWidth(of: x))
    }
}
