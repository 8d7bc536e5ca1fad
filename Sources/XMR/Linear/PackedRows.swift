/// One stored entry of a packed row: a feature id and its value, side by side in memory.
struct PackedEntry {
    var feature: Int32
    var value: Float
}

/// A feature matrix packed for the solvers: every row's (feature, value) pairs contiguous.
///
/// Interleaving ids and values halves the cache lines a row visit touches compared with the
/// two separate CSR arrays, which matters because coordinate descent visits rows in random order.
/// Every row is padded to a multiple of `PackedRows.rowMultiple` entries with zero-valued entries
/// on feature `padding` (= cols + 1, just after the bias slot), so the solver's row loops run
/// whole groups of four with no remainder loop and its mispredicted exit.
public final class PackedRows: @unchecked Sendable {
    // Safe to share across threads: the buffers are written only in `init` and read afterwards.
    /// Number of rows.
    public let rows: Int
    /// Number of columns (features, without the bias).
    public let cols: Int
    /// Rows hold a multiple of this many entries.
    static let rowMultiple = 4
    /// The feature id of padding entries (their value is 0).
    var padding: Int32 { Int32(cols + 1) }
    let rowPointers: UnsafeMutablePointer<Int>
    let entries: UnsafeMutablePointer<PackedEntry>
    /// ‖xᵢ‖² of every row (without the bias).
    let squaredNorms: UnsafeMutablePointer<Double>
    private let entryCount: Int

    /// Packs `matrix`.
    public init(_ matrix: CSRMatrix) {
        rows = matrix.rows
        cols = matrix.cols
        var total = 0
        for i in 0..<rows { total += Self.padded(matrix.rowPointers[i + 1] - matrix.rowPointers[i]) }
        entryCount = total
        rowPointers = .allocate(capacity: rows + 1)
        entries = .allocate(capacity: max(1, entryCount))
        squaredNorms = .allocate(capacity: max(1, rows))
        let pad = PackedEntry(feature: Int32(cols + 1), value: 0)
        var q = 0
        rowPointers[0] = 0
        matrix.columnIndices.withUnsafeBufferPointer { ci in
            matrix.values.withUnsafeBufferPointer { vv in
                for i in 0..<rows {
                    var sum: Double = 0
                    let a = matrix.rowPointers[i], b = matrix.rowPointers[i + 1]
                    for p in a..<b {
                        (entries + q).initialize(to: PackedEntry(feature: ci[p], value: vv[p]))
                        let v = Double(vv[p])
                        sum += v * v
                        q += 1
                    }
                    for _ in (b - a)..<Self.padded(b - a) {
                        (entries + q).initialize(to: pad)
                        q += 1
                    }
                    rowPointers[i + 1] = q
                    squaredNorms[i] = sum
                }
            }
        }
    }

    /// `count` rounded up to a multiple of `rowMultiple`.
    static func padded(_ count: Int) -> Int { (count + rowMultiple - 1) / rowMultiple * rowMultiple }

    /// Packs rows `rows` (ascending) of `source` with every feature renumbered through
    /// `localFeature` (a map that keeps the order of the features it keeps); `cols` local features.
    /// Padding entries stay padding (their count per row is unchanged).
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
            let sourcePadding = source.padding, pad = PackedEntry(feature: Int32(cols + 1), value: 0)
            for p in source.rowPointers[Int(r)]..<source.rowPointers[Int(r) + 1] {
                let e = source.entries[p]
                (entries + q).initialize(to: e.feature == sourcePadding
                    ? pad : PackedEntry(feature: localFeature[Int(e.feature)], value: e.value))
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
