/// One stored entry of a packed row: a feature id and its value, side by side in memory.
struct PackedEntry {
    var feature: Int32
    var value: Float
}

/// A feature matrix packed for the solvers: every row's (feature, value) pairs contiguous, and
/// the columns of a dense block (such as a text embedding after TF-IDF) as plain contiguous rows.
///
/// Interleaving ids and values halves the cache lines a row visit touches compared with the
/// two separate CSR arrays, which matters because coordinate descent visits rows in random order.
/// Every row is padded to a multiple of `PackedRows.rowMultiple` entries with zero-valued entries
/// on feature `padding` (= cols + 1, just after the bias slot), so the solver's row loops run
/// whole groups of four with no remainder loop and its mispredicted exit.
///
/// A dense block (`denseWidth` columns from `denseStart` to `cols`, stored in nearly every row)
/// is kept apart: row i's values are `denseValues[i * denseWidth ..< (i + 1) * denseWidth]` (zeros
/// where the matrix stores none), so the solver reads them with vector loads and no feature ids,
/// half the bytes of packed entries. Without one (`denseWidth` 0) rows are packed entries only.
///
/// When every id fits 16 bits (fewer than 65,535 columns, as in most parents' compact copies) the
/// sparse entries are also kept in a smaller layout the solver reads instead (`RowKernel`): 6-byte
/// entries, or the ids alone when each row stores a single value. `entries` stays the reference
/// copy (the weight harvest and the logistic solver read it).
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
    /// Columns in the dense block (0: none).
    let denseWidth: Int
    /// The first column of the dense block (`cols - denseWidth`).
    var denseStart: Int { cols - denseWidth }
    /// The dense block, row after row (`rows * denseWidth` values).
    let denseValues: UnsafeMutablePointer<Float>
    /// The sparse entries again as 6-byte entries (a UInt16 feature id, then the Float value) at
    /// the same positions, when every id, padding included, fits 16 bits and the rows are not
    /// uniform; nil otherwise. A third fewer bytes per row visit than `entries`.
    private(set) var narrowEntries: UnsafeMutableRawPointer?
    /// The sparse feature ids alone (UInt16, same positions as `entries`) when they fit 16 bits
    /// and every row stores one value only (binary features after l2 normalization); nil otherwise.
    /// Row i's value is then `rowValues[i]`.
    private(set) var uniformIDs: UnsafeMutablePointer<UInt16>?
    /// The one value of each row's sparse entries (1 for an empty row), when `uniformIDs` is set.
    private(set) var rowValues: UnsafeMutablePointer<Double>?
    private let entryCount: Int

    /// The least width of a dense block worth storing apart.
    static let smallestDenseBlock = 32

    /// The widest block of last columns of `matrix` that is stored in at least 9 rows of 10 (each
    /// column), when it is at least `smallestDenseBlock` wide; else 0.
    static func denseBlockWidth(of matrix: CSRMatrix) -> Int {
        guard matrix.rows > 0, matrix.cols >= smallestDenseBlock else { return 0 }
        var counts = [Int](repeating: 0, count: matrix.cols)
        for c in matrix.columnIndices { counts[Int(c)] += 1 }
        let needed = (matrix.rows * 9 + 9) / 10
        var width = 0
        while width < matrix.cols && counts[matrix.cols - 1 - width] >= needed { width += 1 }
        return width >= smallestDenseBlock ? width : 0
    }

    /// Packs `matrix`, its last `denseColumns` columns as a dense block; with `narrowLayouts`
    /// false, without the 16-bit layouts (the solver then reads `entries`).
    public init(_ matrix: CSRMatrix, denseColumns: Int = 0, narrowLayouts: Bool = true) {
        precondition(denseColumns >= 0 && denseColumns <= matrix.cols, "PackedRows: bad dense block")
        rows = matrix.rows
        cols = matrix.cols
        denseWidth = denseColumns
        let denseStart = cols - denseColumns
        var total = 0
        for i in 0..<rows {
            var count = 0
            for p in matrix.rowPointers[i]..<matrix.rowPointers[i + 1] where Int(matrix.columnIndices[p]) < denseStart { count += 1 }
            total += Self.padded(count)
        }
        entryCount = total
        rowPointers = .allocate(capacity: rows + 1)
        entries = .allocate(capacity: max(1, entryCount))
        squaredNorms = .allocate(capacity: max(1, rows))
        denseValues = .allocate(capacity: max(1, rows * denseColumns))
        denseValues.initialize(repeating: 0, count: max(1, rows * denseColumns))
        let pad = PackedEntry(feature: Int32(cols + 1), value: 0)
        var q = 0
        rowPointers[0] = 0
        matrix.columnIndices.withUnsafeBufferPointer { ci in
            matrix.values.withUnsafeBufferPointer { vv in
                for i in 0..<rows {
                    var sum: Double = 0
                    let a = matrix.rowPointers[i], b = matrix.rowPointers[i + 1]
                    var stored = 0
                    for p in a..<b {
                        let v = Double(vv[p])
                        sum += v * v
                        if Int(ci[p]) >= denseStart {
                            denseValues[i * denseColumns + Int(ci[p]) - denseStart] = vv[p]
                            continue
                        }
                        (entries + q).initialize(to: PackedEntry(feature: ci[p], value: vv[p]))
                        q += 1
                        stored += 1
                    }
                    for _ in stored..<Self.padded(stored) {
                        (entries + q).initialize(to: pad)
                        q += 1
                    }
                    rowPointers[i + 1] = q
                    squaredNorms[i] = sum
                }
            }
        }
        if narrowLayouts {
            (narrowEntries, uniformIDs, rowValues) = Self.narrowLayouts(entries: entries, count: entryCount, rows: rows,
                                                                        rowPointers: rowPointers, padding: Int32(cols + 1))
        }
    }

    /// `count` rounded up to a multiple of `rowMultiple`.
    static func padded(_ count: Int) -> Int { (count + rowMultiple - 1) / rowMultiple * rowMultiple }

    /// Packs rows `rows` (ascending) of `source` with every sparse feature renumbered through
    /// `localFeature` (a map that keeps the order of the features it keeps); `cols` local features,
    /// the last `source.denseWidth` of them the dense block. Padding entries stay padding (their
    /// count per row is unchanged).
    ///
    /// The copy is contiguous and its weight space small, so a parent node's many child problems
    /// run on data that stays in cache.
    init(selecting rows: [Int32], of source: PackedRows, cols: Int, localFeature: UnsafePointer<Int32>) {
        self.rows = rows.count
        self.cols = cols
        denseWidth = source.denseWidth
        var total = 0
        for r in rows { total += source.rowPointers[Int(r) + 1] - source.rowPointers[Int(r)] }
        entryCount = total
        rowPointers = .allocate(capacity: rows.count + 1)
        entries = .allocate(capacity: max(1, total))
        squaredNorms = .allocate(capacity: max(1, rows.count))
        denseValues = .allocate(capacity: max(1, rows.count * denseWidth))
        if denseWidth == 0 { denseValues.initialize(to: 0) }
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
            if denseWidth > 0 {
                (denseValues + i * denseWidth).initialize(from: source.denseValues + Int(r) * denseWidth, count: denseWidth)
            }
        }
        (narrowEntries, uniformIDs, rowValues) = Self.narrowLayouts(entries: entries, count: entryCount, rows: rows.count,
                                                                    rowPointers: rowPointers, padding: Int32(cols + 1))
    }

    /// The 16-bit layouts of `entries` (see `narrowEntries` and `uniformIDs`): neither when an id
    /// does not fit 16 bits, the uniform one when every row stores one value, else the narrow one.
    private static func narrowLayouts(entries: UnsafeMutablePointer<PackedEntry>, count: Int, rows: Int,
                                      rowPointers: UnsafeMutablePointer<Int>, padding: Int32)
        -> (UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt16>?, UnsafeMutablePointer<Double>?) {
        guard padding <= Int32(UInt16.max), count > 0 else { return (nil, nil, nil) }
        var uniform = true
        for i in 0..<rows where uniform {
            let a = rowPointers[i], b = rowPointers[i + 1]
            guard a < b else { continue }
            let first = entries[a].value.bitPattern
            for p in a..<b where entries[p].feature != padding && entries[p].value.bitPattern != first {
                uniform = false
                break
            }
        }
        if uniform {
            let ids = UnsafeMutablePointer<UInt16>.allocate(capacity: count)
            for p in 0..<count { ids[p] = UInt16(entries[p].feature) }
            let values = UnsafeMutablePointer<Double>.allocate(capacity: max(1, rows))
            for i in 0..<rows {
                let a = rowPointers[i], b = rowPointers[i + 1]
                values[i] = a < b && entries[a].feature != padding ? Double(entries[a].value) : 1
            }
            return (nil, ids, values)
        }
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: count * NarrowRowKernel.entryBytes, alignment: 8)
        for p in 0..<count {
            bytes.storeBytes(of: UInt16(entries[p].feature), toByteOffset: p * NarrowRowKernel.entryBytes, as: UInt16.self)
            bytes.storeBytes(of: entries[p].value, toByteOffset: p * NarrowRowKernel.entryBytes + 2, as: Float.self)
        }
        return (bytes, nil, nil)
    }

    deinit {
        rowPointers.deallocate()
        entries.deallocate()
        squaredNorms.deallocate()
        denseValues.deallocate()
        narrowEntries?.deallocate()
        uniformIDs?.deallocate()
        rowValues?.deallocate()
    }
}
