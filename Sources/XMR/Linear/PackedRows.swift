/// One stored entry of a packed row: a feature id and its value, side by side in memory.
struct PackedEntry {
    var feature: Int32
    var value: Float
}

/// A feature matrix packed for the solvers: every row's (feature, value) pairs contiguous.
///
/// Interleaving ids and values halves the cache lines a row visit touches compared with the
/// two separate CSR arrays, which matters because coordinate descent visits rows in random order.
public final class PackedRows: @unchecked Sendable {
    // Safe to share across threads: the buffers are written only in `init` and read afterwards.
    /// Number of rows.
    public let rows: Int
    /// Number of columns (features, without the bias).
    public let cols: Int
    let rowPointers: UnsafeMutablePointer<Int>
    let entries: UnsafeMutablePointer<PackedEntry>
    /// ‖xᵢ‖² of every row (without the bias).
    let squaredNorms: UnsafeMutablePointer<Double>
    private let entryCount: Int

    /// Packs `matrix`.
    public init(_ matrix: CSRMatrix) {
        rows = matrix.rows
        cols = matrix.cols
        entryCount = matrix.nonzeros
        rowPointers = .allocate(capacity: rows + 1)
        entries = .allocate(capacity: max(1, entryCount))
        squaredNorms = .allocate(capacity: max(1, rows))
        matrix.rowPointers.withUnsafeBufferPointer { rp in
            rowPointers.initialize(from: rp.baseAddress!, count: rows + 1)
        }
        matrix.columnIndices.withUnsafeBufferPointer { ci in
            matrix.values.withUnsafeBufferPointer { vv in
                for p in 0..<entryCount { (entries + p).initialize(to: PackedEntry(feature: ci[p], value: vv[p])) }
            }
        }
        for i in 0..<rows {
            var sum: Double = 0
            for p in rowPointers[i]..<rowPointers[i + 1] {
                let v = Double(entries[p].value)
                sum += v * v
            }
            squaredNorms[i] = sum
        }
    }

    deinit {
        rowPointers.deallocate()
        entries.deallocate()
        squaredNorms.deallocate()
    }
}
