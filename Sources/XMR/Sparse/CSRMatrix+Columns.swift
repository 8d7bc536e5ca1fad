extension CSRMatrix {
    /// The columns `0 ..< count` of every row, as a `rows` × `count` matrix (values unscaled).
    public func columns(below count: Int) -> CSRMatrix {
        var pointers = [0], indices: [Int32] = [], kept: [Float] = []
        pointers.reserveCapacity(rows + 1)
        for r in 0..<rows {
            for k in rowPointers[r]..<rowPointers[r + 1] where Int(columnIndices[k]) < count {
                indices.append(columnIndices[k])
                kept.append(values[k])
            }
            pointers.append(indices.count)
        }
        return CSRMatrix(rows: rows, cols: count, rowPointers: pointers, columnIndices: indices, values: kept)
    }
}
