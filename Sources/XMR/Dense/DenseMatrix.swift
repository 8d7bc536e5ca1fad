/// A row-major matrix of `Float` with contiguous storage: `rows` rows of `columns` values each.
///
/// Row `r` occupies `values[r * columns ..< (r + 1) * columns]`, so a row is one contiguous
/// slice and a whole matrix is one buffer for BLAS.
public struct DenseMatrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of values in each row.
    public let columns: Int
    /// The values, row after row (`rows * columns` of them).
    public private(set) var values: [Float]

    /// A `rows` × `columns` matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "DenseMatrix: negative shape")
        self.rows = rows
        self.columns = columns
        values = [Float](repeating: 0, count: rows * columns)
    }

    /// A matrix over row-major `values`; throws `XRLinearError.invalidInput` when the count is not `rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw XRLinearError.invalidInput(
                "a \(rows) × \(columns) dense matrix needs \(max(0, rows) * max(0, columns)) values, got \(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix whose rows are `rowVectors`, all of length `columns`.
    public init(rowVectors: [[Float]], columns: Int) throws {
        for (index, row) in rowVectors.enumerated() where row.count != columns {
            throw XRLinearError.invalidInput("dense row \(index) has \(row.count) values, expected \(columns)")
        }
        try self.init(rows: rowVectors.count, columns: columns, values: rowVectors.flatMap { $0 })
    }

    /// The value at (`row`, `column`).
    public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Row `index` as a slice of `values` (indices keep their offsets into `values`).
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// Row `index` copied into an array.
    public func rowVector(_ index: Int) -> [Float] { Array(row(index)) }

    /// Replaces row `index` with `vector` (of length `columns`).
    public mutating func setRow(_ index: Int, to vector: some Collection<Float>) {
        precondition(vector.count == columns, "DenseMatrix.setRow: wrong length")
        values.replaceSubrange((index * columns)..<((index + 1) * columns), with: vector)
    }

    /// Calls `body` with the contiguous storage of all values.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the mutable contiguous storage of all values.
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeMutableBufferPointer(body)
    }

    /// The Euclidean norm of each row.
    public func rowNorms() -> [Float] {
        (0..<rows).map { r in
            var sum: Float = 0
            for v in row(r) { sum += v * v }
            return sum.squareRoot()
        }
    }

    /// Scales every row to unit Euclidean norm; all-zero rows stay zero.
    public mutating func normalizeRows() {
        let norms = rowNorms()
        let columns = columns
        values.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<rows where norms[r] > 0 {
                let scale = 1 / norms[r]
                for c in 0..<columns { buffer[r * columns + c] *= scale }
            }
        }
    }

    /// The rows of `self` from `range`, as a new matrix.
    public func rows(_ range: Range<Int>) -> DenseMatrix {
        var result = DenseMatrix(rows: range.count, columns: columns)
        result.values = Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)])
        return result
    }
}
