import Foundation
import XMR

extension MessageWriter {
    /// Appends a sparse matrix: shape, row pointers, column indices, values.
    public mutating func append(_ matrix: CSRMatrix) {
        append(matrix.rows)
        append(matrix.cols)
        append(matrix.rowPointers)
        append(matrix.columnIndices)
        append(matrix.values)
    }

    /// Appends a label tree: its parent array per level.
    public mutating func append(_ tree: LabelTree) {
        append(tree.depth)
        for level in tree.parents { append(level) }
    }

    /// Appends a pipeline as its JSON (as `model.json` records it).
    public mutating func append(_ pipeline: Pipeline) throws {
        append(String(decoding: try JSONEncoder().encode(pipeline), as: UTF8.self))
    }

    /// Appends the weights of one rank's subtrees.
    public mutating func append(_ pieces: SubtreeWeights) {
        append(pieces.splitLevel)
        append(pieces.nodes.count)
        for (nodes, weights) in zip(pieces.nodes, pieces.weights) {
            append(nodes)
            append(weights.first?.dimension ?? 0)
            var pointers = [0]
            var indices: [Int32] = []
            var values: [Float] = []
            for w in weights {
                indices.append(contentsOf: w.indices)
                values.append(contentsOf: w.values)
                pointers.append(indices.count)
            }
            append(pointers)
            append(indices)
            append(values)
        }
    }

    /// Appends ranked label lists: per point its length, then all labels and all scores.
    public mutating func append(_ rankings: [[LabelScore]]) {
        append(rankings.map(\.count))
        append(rankings.flatMap { $0.map { Int32($0.label) } })
        append(rankings.flatMap { $0.map(\.score) })
    }
}
