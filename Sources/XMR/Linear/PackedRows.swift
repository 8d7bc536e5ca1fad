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

    /// Packs rows `rows` (ascending) of `source` with every feature renumbered through
    /// `localFeature` (a map that keeps the order of the features it keeps); `cols` local features.
    ///
    /// The copy is contiguous and its weight space small, so a parent node's many child problems
    /// run on data that stays in cache.
    init(selecting rows: [Int32], of source: PackedRows, cols: Int, localFeature: UnsafePointer<Int32>) {
        self.rows = rows.count
        self.cols = cols
        var total = 0
        for r in rows { total += source.rowPointers[Int(r) + 1] - source.rowPointers[Int(r)] }
        entryCount = total
        rowPointers = .allocate(capacity: rows.count + 1)
        entries = .allocate(capacity: max(1, total))
        squaredNorms = .allocate(capacity: max(1, rows.count))
        var q = 0
        rowPointers[0] = 0
        for (i, r) in rows.enumerated() {
            for p in source.rowPointers[Int(r)]..<source.rowPointers[Int(r) + 1] {
                let e = source.entries[p]
                (entries + q).initialize(to: PackedEntry(feature: localFeature[Int(e.feature)], value: e.value))
                q += 1
            }
            rowPointers[i + 1] = q
            squaredNorms[i] = source.squaredNorms[Int(r)]
        }
    }

    deinit {
        rowPointers.deallocate()
        entries.deallocate()
        squaredNorms.deallocate()
    }
}
