/// An orthonormal set of column vectors grown one vector at a time, each orthogonalized twice
/// against the columns so far (classical Gram–Schmidt with re-orthogonalization).
///
/// Columns are stored one after another (column-major), so projections are two BLAS products.
struct KrylovBasis {
    let rows: Int
    let capacity: Int
    private var storage: [Float]
    /// Number of columns accepted.
    private(set) var columns = 0

    /// An empty basis for vectors of `rows` entries, with room for `capacity` columns.
    init(rows: Int, capacity: Int) {
        self.rows = rows
        self.capacity = capacity
        storage = [Float](repeating: 0, count: rows * capacity)
    }

    /// Orthogonalizes `vector` against the basis and appends it normalized, unless it (nearly)
    /// lies in the span already.
    mutating func append(_ vector: [Float]) {
        precondition(vector.count == rows && columns < capacity)
        var w = vector
        let original = Self.norm(w)
        guard original > 0 else { return }
        if columns > 0 {
            for _ in 0..<2 { project(&w) }
        }
        let remaining = Self.norm(w)
        guard remaining > 1e-4 * original else { return }
        let scale = 1 / remaining
        for i in 0..<rows { storage[columns * rows + i] = w[i] * scale }
        columns += 1
    }

    /// `w -= Q (Qᵀ w)` with the current columns Q.
    private func project(_ w: inout [Float]) {
        let n = rows, c = columns
        var coefficients = [Float](repeating: 0, count: c)
        storage.withUnsafeBufferPointer { q in
            w.withUnsafeMutableBufferPointer { w in
                coefficients.withUnsafeMutableBufferPointer { h in
                    // Q is stored column after column: as a row-major c × n matrix it is Qᵀ.
                    BLAS.multiply(m: c, n: 1, k: n, a: q.baseAddress!, lda: n, b: w.baseAddress!, ldb: 1,
                                  transposeB: false, c: h.baseAddress!, ldc: 1)
                    BLAS.multiply(m: n, n: 1, k: c, alpha: -1, a: q.baseAddress!, lda: n, b: h.baseAddress!, ldb: 1,
                                  transposeB: false, beta: 1, c: w.baseAddress!, ldc: 1, transposeA: true)
                }
            }
        }
    }

    /// The columns in `range` as a row-major `rows × range.count` block.
    func block(_ range: Range<Int>) -> [Float] {
        var out = [Float](repeating: 0, count: rows * range.count)
        for (c, column) in range.enumerated() {
            for i in 0..<rows { out[i * range.count + c] = storage[column * rows + i] }
        }
        return out
    }

    /// All accepted columns as a row-major `rows × columns` matrix.
    func packed() -> [Float] { block(0..<columns) }

    private static func norm(_ v: [Float]) -> Float {
        var s: Double = 0
        for x in v { s += Double(x) * Double(x) }
        return Float(s.squareRoot())
    }
}
