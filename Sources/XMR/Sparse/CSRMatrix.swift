/// A sparse matrix of `Float` in compressed sparse row form, with 32-bit column indices.
///
/// Row `i` holds the entries `rowPointers[i] ..< rowPointers[i + 1]` of `columnIndices` and
/// `values`. Column indices within a row are sorted ascending and unique.
public struct CSRMatrix: Sendable, Equatable {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var cols: Int
    /// Start offset of each row in `columnIndices` / `values`; `rows + 1` entries.
    public var rowPointers: [Int]
    /// Column index of each stored entry.
    public var columnIndices: [Int32]
    /// Value of each stored entry.
    public var values: [Float]

    /// Creates a matrix from raw CSR arrays; rows must already be sorted and duplicate-free.
    public init(rows: Int, cols: Int, rowPointers: [Int], columnIndices: [Int32], values: [Float]) {
        precondition(rowPointers.count == rows + 1, "rowPointers must have rows + 1 entries")
        precondition(columnIndices.count == values.count, "indices and values must match")
        self.rows = rows
        self.cols = cols
        self.rowPointers = rowPointers
        self.columnIndices = columnIndices
        self.values = values
    }

    /// An all-zero matrix of the given shape.
    public init(rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, rowPointers: [Int](repeating: 0, count: rows + 1),
                  columnIndices: [], values: [])
    }

    /// Builds a matrix from (row, column, value) triplets; duplicates are summed.
    public init(rows: Int, cols: Int, triplets: [(row: Int, col: Int, value: Float)]) {
        var counts = [Int](repeating: 0, count: rows + 1)
        for t in triplets {
            precondition(t.row >= 0 && t.row < rows && t.col >= 0 && t.col < cols, "triplet out of range")
            counts[t.row + 1] += 1
        }
        for i in 0..<rows { counts[i + 1] += counts[i] }
        var next = counts
        var cols32 = [Int32](repeating: 0, count: triplets.count)
        var vals = [Float](repeating: 0, count: triplets.count)
        for t in triplets {
            let p = next[t.row]
            cols32[p] = Int32(t.col)
            vals[p] = t.value
            next[t.row] += 1
        }
        // Sort each row and merge duplicates.
        var outPointers = [Int](repeating: 0, count: rows + 1)
        var outCols: [Int32] = []
        var outVals: [Float] = []
        outCols.reserveCapacity(triplets.count)
        outVals.reserveCapacity(triplets.count)
        for i in 0..<rows {
            let range = counts[i]..<counts[i + 1]
            let order = range.sorted { cols32[$0] < cols32[$1] }
            var last: Int32 = -1
            for p in order {
                if cols32[p] == last {
                    outVals[outVals.count - 1] += vals[p]
                } else {
                    outCols.append(cols32[p])
                    outVals.append(vals[p])
                    last = cols32[p]
                }
            }
            outPointers[i + 1] = outCols.count
        }
        self.init(rows: rows, cols: cols, rowPointers: outPointers, columnIndices: outCols, values: outVals)
    }

    /// Number of stored entries.
    public var nonzeros: Int { rowPointers[rows] }

    /// Number of stored entries in row `i`.
    @inlinable public func nonzeros(inRow i: Int) -> Int { rowPointers[i + 1] - rowPointers[i] }

    /// The range of storage offsets belonging to row `i`.
    @inlinable public func range(ofRow i: Int) -> Range<Int> { rowPointers[i]..<rowPointers[i + 1] }

    /// The entry at (row, col), or 0 when it is not stored (binary search).
    public subscript(row: Int, col: Int) -> Float {
        var lo = rowPointers[row], hi = rowPointers[row + 1]
        let c = Int32(col)
        while lo < hi {
            let mid = (lo + hi) / 2
            if columnIndices[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowPointers[row + 1] && columnIndices[lo] == c ? values[lo] : 0
    }

    /// Row `i` as a sparse vector.
    public func row(_ i: Int) -> SparseVector {
        let r = range(ofRow: i)
        return SparseVector(dimension: cols, indices: Array(columnIndices[r]), values: Array(values[r]))
    }

    /// Builds a matrix from sparse row vectors of dimension `cols`.
    public init(rows vectors: [SparseVector], cols: Int) {
        var pointers = [0]
        pointers.reserveCapacity(vectors.count + 1)
        var idx: [Int32] = []
        var vals: [Float] = []
        for v in vectors {
            idx.append(contentsOf: v.indices)
            vals.append(contentsOf: v.values)
            pointers.append(idx.count)
        }
        self.init(rows: vectors.count, cols: cols, rowPointers: pointers, columnIndices: idx, values: vals)
    }

    /// The same entries in compressed sparse column form.
    public func toCSC() -> CSCMatrix {
        let t = transposed()
        return CSCMatrix(rows: rows, cols: cols, colPointers: t.rowPointers,
                         rowIndices: t.columnIndices, values: t.values)
    }

    /// The transpose, still in CSR form (a counting sort, so rows stay sorted).
    public func transposed() -> CSRMatrix {
        var counts = [Int](repeating: 0, count: cols + 1)
        for c in columnIndices { counts[Int(c) + 1] += 1 }
        for j in 0..<cols { counts[j + 1] += counts[j] }
        var next = counts
        var outIdx = [Int32](repeating: 0, count: nonzeros)
        var outVals = [Float](repeating: 0, count: nonzeros)
        columnIndices.withUnsafeBufferPointer { ci in
            values.withUnsafeBufferPointer { vv in
                outIdx.withUnsafeMutableBufferPointer { oi in
                    outVals.withUnsafeMutableBufferPointer { ov in
                        for i in 0..<rows {
                            for p in rowPointers[i]..<rowPointers[i + 1] {
                                let c = Int(ci[p])
                                let q = next[c]
                                oi[q] = Int32(i)
                                ov[q] = vv[p]
                                next[c] = q + 1
                            }
                        }
                    }
                }
            }
        }
        return CSRMatrix(rows: cols, cols: rows, rowPointers: counts, columnIndices: outIdx, values: outVals)
    }

    /// A copy whose rows are scaled to unit l2 norm (all-zero rows stay zero).
    public func l2NormalizedRows() -> CSRMatrix {
        var copy = self
        copy.normalizeRows()
        return copy
    }

    /// Scales every row to unit l2 norm in place (all-zero rows stay zero).
    public mutating func normalizeRows() {
        let pointers = rowPointers
        values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows {
                var sum: Float = 0
                for p in pointers[i]..<pointers[i + 1] { sum += v[p] * v[p] }
                if sum > 0 {
                    let inv = 1 / sum.squareRoot()
                    for p in pointers[i]..<pointers[i + 1] { v[p] *= inv }
                }
            }
        }
    }

    /// The rows selected by `indices`, in that order.
    public func selectingRows(_ indices: [Int]) -> CSRMatrix {
        var pointers = [Int](repeating: 0, count: indices.count + 1)
        var total = 0
        for (k, i) in indices.enumerated() { total += nonzeros(inRow: i); pointers[k + 1] = total }
        var idx = [Int32](); idx.reserveCapacity(total)
        var vals = [Float](); vals.reserveCapacity(total)
        for i in indices {
            let r = range(ofRow: i)
            idx.append(contentsOf: columnIndices[r])
            vals.append(contentsOf: values[r])
        }
        return CSRMatrix(rows: indices.count, cols: cols, rowPointers: pointers, columnIndices: idx, values: vals)
    }

    /// Appends a constant column (for example a bias feature) after the last column.
    public func appendingConstantColumn(_ value: Float) -> CSRMatrix {
        var pointers = [Int](repeating: 0, count: rows + 1)
        var idx = [Int32](); idx.reserveCapacity(nonzeros + rows)
        var vals = [Float](); vals.reserveCapacity(nonzeros + rows)
        for i in 0..<rows {
            let r = range(ofRow: i)
            idx.append(contentsOf: columnIndices[r])
            vals.append(contentsOf: values[r])
            idx.append(Int32(cols))
            vals.append(value)
            pointers[i + 1] = idx.count
        }
        return CSRMatrix(rows: rows, cols: cols + 1, rowPointers: pointers, columnIndices: idx, values: vals)
    }

    /// Horizontally concatenates two matrices with the same number of rows: `[self | other]`.
    public func hstack(_ other: CSRMatrix) -> CSRMatrix {
        precondition(rows == other.rows, "hstack needs equal row counts")
        var pointers = [Int](repeating: 0, count: rows + 1)
        var idx = [Int32](); idx.reserveCapacity(nonzeros + other.nonzeros)
        var vals = [Float](); vals.reserveCapacity(nonzeros + other.nonzeros)
        let shift = Int32(cols)
        for i in 0..<rows {
            let r = range(ofRow: i)
            idx.append(contentsOf: columnIndices[r])
            vals.append(contentsOf: values[r])
            for p in other.range(ofRow: i) {
                idx.append(other.columnIndices[p] + shift)
                vals.append(other.values[p])
            }
            pointers[i + 1] = idx.count
        }
        return CSRMatrix(rows: rows, cols: cols + other.cols, rowPointers: pointers, columnIndices: idx, values: vals)
    }

    /// The sparse product `self · other` (Gustavson's row-by-row algorithm, `SparseProducts`);
    /// the result is the same for any `threads`.
    public func multiplied(by other: CSRMatrix, threads: Int = 1) -> CSRMatrix {
        SparseProducts.multiply(self, other, threads: threads)
    }

    /// The product `selfᵀ · other` without materializing the transpose's caller-side copy.
    ///
    /// With `self = Y` (points × labels) and `other = X` (points × features) this is `YᵀX`,
    /// the label-by-feature matrix that PIFA normalizes.
    public func transposeMultiplied(by other: CSRMatrix) -> CSRMatrix {
        precondition(rows == other.rows, "row counts differ: \(rows) vs \(other.rows)")
        return transposed().multiplied(by: other)
    }

    /// Multiplies every row `i` by `scales[i]`.
    public func scalingRows(_ scales: [Float]) -> CSRMatrix {
        precondition(scales.count == rows)
        var copy = self
        copy.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<rows {
                for p in rowPointers[i]..<rowPointers[i + 1] { v[p] *= scales[i] }
            }
        }
        return copy
    }

    /// The matrix as dense rows; for tests and tiny matrices only.
    public func toDense() -> [[Float]] {
        var out = [[Float]](repeating: [Float](repeating: 0, count: cols), count: rows)
        for i in 0..<rows {
            for p in range(ofRow: i) { out[i][Int(columnIndices[p])] = values[p] }
        }
        return out
    }
}
