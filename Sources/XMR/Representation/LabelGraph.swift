/// An undirected weighted graph on the labels: a symmetric adjacency matrix with an empty diagonal.
public struct LabelGraph: Sendable, Equatable {
    /// Labels × labels, symmetric, nonnegative weights, no diagonal entries.
    public let adjacency: CSRMatrix

    /// Number of labels (nodes).
    public var labelCount: Int { adjacency.rows }
    /// Number of undirected edges.
    public var edgeCount: Int { adjacency.nonzeros / 2 }

    /// A graph from a symmetric adjacency matrix without diagonal entries (not checked).
    init(adjacency: CSRMatrix) {
        self.adjacency = adjacency
    }

    /// The co-occurrence graph `A = YᵀY` without its diagonal: the weight of labels i and j is the
    /// number of training points that have both (`labels` is Y, points × labels, 0/1 values).
    public init(cooccurrence labels: CSRMatrix, threads: Int = 0) {
        let product = SparseProducts.multiply(labels.transposed(), labels, threads: threads)
        var triplets: [(row: Int, col: Int, value: Float)] = []
        triplets.reserveCapacity(product.nonzeros)
        for i in 0..<product.rows {
            for p in product.range(ofRow: i) where Int(product.columnIndices[p]) != i && product.values[p] != 0 {
                triplets.append((i, Int(product.columnIndices[p]), product.values[p]))
            }
        }
        adjacency = CSRMatrix(rows: product.rows, cols: product.cols, triplets: triplets)
    }

    /// A graph from undirected edges `(i, j, weight)` with `i != j`; a pair named more than once,
    /// in either order, gets the sum of its weights.
    public init(labelCount: Int, edges: [(i: Int, j: Int, weight: Float)]) {
        var triplets: [(row: Int, col: Int, value: Float)] = []
        triplets.reserveCapacity(2 * edges.count)
        for e in edges {
            precondition(e.i != e.j, "a label graph has no self loops")
            triplets.append((e.i, e.j, e.weight))
            triplets.append((e.j, e.i, e.weight))
        }
        adjacency = CSRMatrix(rows: labelCount, cols: labelCount, triplets: triplets)
    }

    /// The weighted degree of every label.
    public func degrees() -> [Double] {
        (0..<labelCount).map { i in adjacency.range(ofRow: i).reduce(0.0) { $0 + Double(adjacency.values[$1]) } }
    }
}
