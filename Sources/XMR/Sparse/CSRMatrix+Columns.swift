extension CSRMatrix {
    /// The columns `0 ..< count` of every row, as a `rows` × `count` matrix (values unscaled).
    public func columns(below count: Int) -> CSRMatrix {
        let (pointers, indices, kept) = entries { $0 < count }
        return CSRMatrix(rows: rows, cols: count, rowPointers: pointers, columnIndices: indices, values: kept)
    }

    /// Every row with only its entries in columns `range`, the columns keeping their ids (a
    /// `rows` × `cols` matrix, values unscaled).
    public func keepingColumns(_ range: Range<Int>) -> CSRMatrix {
        let (pointers, indices, kept) = entries { range.contains($0) }
        return CSRMatrix(rows: rows, cols: cols, rowPointers: pointers, columnIndices: indices, values: kept)
    }

    /// The CSR arrays of the entries whose column `isKept` accepts.
    private func entries(_ isKept: (Int) -> Bool) -> (pointers: [Int], indices: [Int32], values: [Float]) {
        var pointers = [0], indices: [Int32] = [], kept: [Float] = []
        pointers.reserveCapacity(rows + 1)
        for r in 0..<rows {
            for k in rowPointers[r]..<rowPointers[r + 1] where isKept(Int(columnIndices[k])) {
                indices.append(columnIndices[k])
                kept.append(values[k])
            }
            pointers.append(indices.count)
        }
        return (pointers, indices, kept)
    }
}
