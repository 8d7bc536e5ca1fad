/// Label vectors from the label graph's spectrum: `spectral`, and `pifa+spectral`.
///
/// - `spectral`: a label with edges gets its row of the top eigenvectors of `D^-½ A D^-½`
///   (`SpectralEmbedding`), l2-normalized, in the first `dimension` columns. A label without
///   edges falls back to its PIFA vector, placed in the columns after those.
/// - `pifa+spectral`: `[PIFA | spectral row]` with each half l2-normalized, then the row
///   normalized, so both halves weigh alike; a label without edges keeps its PIFA half alone.
///
/// A is the co-occurrence graph `YᵀY` without its diagonal, or a given graph (`label_graph.txt`).
public enum SpectralRepresentation {
    /// The default number of eigenvectors.
    public static let defaultDimension = 64

    /// The `spectral` label vectors (labels × (kept eigenvectors + features)).
    public static func spectral(features: CSRMatrix?, labels: CSRMatrix, graph: LabelGraph? = nil,
                                dimension: Int = defaultDimension, seed: UInt64 = 0, threads: Int = 0) throws -> CSRMatrix {
        let (embedding, pifa) = try parts(features: features, labels: labels, graph: graph, dimension: dimension,
                                          seed: seed, threads: threads)
        let width = embedding.vectors.columns
        var pointers = [0], indices: [Int32] = [], values: [Float] = []
        for label in 0..<labels.cols {
            if embedding.hasEdges[label] {
                appendNormalized(embedding.vectors.row(label), offset: 0, &indices, &values)
            } else {
                for p in pifa.range(ofRow: label) {
                    indices.append(pifa.columnIndices[p] + Int32(width))
                    values.append(pifa.values[p])
                }
            }
            pointers.append(indices.count)
        }
        return CSRMatrix(rows: labels.cols, cols: width + pifa.cols, rowPointers: pointers, columnIndices: indices, values: values)
    }

    /// The `pifa+spectral` label vectors (labels × (features + kept eigenvectors)).
    public static func pifaWithSpectral(features: CSRMatrix?, labels: CSRMatrix, graph: LabelGraph? = nil,
                                        dimension: Int = defaultDimension, seed: UInt64 = 0, threads: Int = 0) throws -> CSRMatrix {
        let (embedding, pifa) = try parts(features: features, labels: labels, graph: graph, dimension: dimension,
                                          seed: seed, threads: threads)
        var pointers = [0], indices: [Int32] = [], values: [Float] = []
        for label in 0..<labels.cols {
            let start = indices.count
            for p in pifa.range(ofRow: label) {
                indices.append(pifa.columnIndices[p])
                values.append(pifa.values[p])
            }
            if embedding.hasEdges[label] {
                appendNormalized(embedding.vectors.row(label), offset: Int32(pifa.cols), &indices, &values)
            }
            normalize(&values, from: start)
            pointers.append(indices.count)
        }
        return CSRMatrix(rows: labels.cols, cols: pifa.cols + embedding.vectors.columns, rowPointers: pointers,
                         columnIndices: indices, values: values)
    }

    /// The embedding of the given or co-occurrence graph, and PIFA.
    private static func parts(features: CSRMatrix?, labels: CSRMatrix, graph: LabelGraph?, dimension: Int,
                              seed: UInt64, threads: Int) throws -> (SpectralEmbedding, CSRMatrix) {
        if let graph, graph.labelCount != labels.cols {
            throw IndexingError.shapeMismatch("the label graph has \(graph.labelCount) labels but the dataset has \(labels.cols)")
        }
        let pifa = try LabelRepresentation.pifa.labelVectors(features: features, labels: labels, threads: threads)
        let embedding = try SpectralEmbedding.compute(graph: graph ?? LabelGraph(cooccurrence: labels, threads: threads),
                                                      dimension: dimension, seed: seed, threads: threads)
        return (embedding, pifa)
    }

    /// Appends the nonzeros of `row`, scaled to unit norm, at column `offset + j`.
    private static func appendNormalized(_ row: ArraySlice<Float>, offset: Int32, _ indices: inout [Int32], _ values: inout [Float]) {
        var squared: Float = 0
        for v in row { squared += v * v }
        guard squared > 0 else { return }
        let scale = 1 / squared.squareRoot()
        for (j, v) in row.enumerated() where v != 0 {
            indices.append(offset + Int32(j))
            values.append(v * scale)
        }
    }

    /// Scales `values[start...]` to unit l2 norm.
    private static func normalize(_ values: inout [Float], from start: Int) {
        var squared: Float = 0
        for v in values[start...] { squared += v * v }
        guard squared > 0 else { return }
        let scale = 1 / squared.squareRoot()
        for p in start..<values.count { values[p] *= scale }
    }
}
