import Foundation

/// A sparse matrix saved by `scipy.sparse.save_npz` (CSR or CSC, stored or compressed), read as CSR.
///
/// The archive holds `format.npy` (`csr` or `csc`), `shape.npy`, `indptr.npy`, `indices.npy`
/// and `data.npy`. Indices may be 32- or 64-bit integers, values floats, integers or booleans.
/// Entries within a row may be unsorted or repeated, as scipy allows; repeats are summed (scipy's
/// `sum_duplicates`), so the result is the matrix scipy means. Every problem is an
/// `XRLinearError.invalidModelFile` naming the file.
enum ScipySparseFile {
    /// Reads the matrix in the `.npz` file at `path`.
    static func read(_ path: String) throws -> CSRMatrix {
        let data: Data
        do {
            data = try InputFile.read(URL(fileURLWithPath: path))
        } catch {
            throw XRLinearError.invalidModelFile(file: path, message: "cannot read the file (\(InputFile.reason(error)))")
        }
        return try read(data: data, path: path)
    }

    /// Reads a matrix from the bytes of an `.npz` file; `path` names it in errors.
    static func read(data: Data, path: String) throws -> CSRMatrix {
        func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: path, message: message) }
        let archive: ZipArchive
        do { archive = try ZipArchive(data: data, file: path) } catch {
            throw fail("not a scipy sparse .npz file (not a zip archive)")
        }
        func array(_ name: String) throws -> NumpyArray {
            guard archive.names.contains(name + ".npy") else {
                throw fail("not a scipy sparse matrix (save_npz): no \(name).npy in the archive")
            }
            return try NumpyArray(try archive.read(name + ".npy"), file: path)
        }
        let format = try array("format").string
        guard format == "csr" || format == "csc" else {
            throw fail("sparse format \(format) is not supported (csr and csc are)")
        }
        let shape = try array("shape").integers(file: path)
        guard shape.count == 2, shape[0] >= 0, shape[1] >= 0 else { throw fail("bad matrix shape \(shape)") }
        let (rows, cols) = (shape[0], shape[1])
        guard max(rows, cols) <= Int(Int32.max) else { throw fail("\(rows) × \(cols) is too large (ids must fit in 32 bits)") }
        let pointers = try array("indptr").integers(file: path)
        let indices = try array("indices").integers(file: path)
        let values = try numbers(try array("data"), path: path)
        let (major, minor) = format == "csr" ? (rows, cols) : (cols, rows)
        guard pointers.count == major + 1 else {
            throw fail("indptr has \(pointers.count) entries, expected \(major + 1) for a \(format) matrix of shape \(rows) × \(cols)")
        }
        guard indices.count == values.count else {
            throw fail("indices has \(indices.count) entries but data has \(values.count)")
        }
        guard pointers.first == 0, pointers.last == indices.count,
              zip(pointers, pointers.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw fail("indptr is not a nondecreasing list from 0 to \(indices.count)")
        }
        if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= minor }) {
            throw fail("index \(indices[bad]) at entry \(bad) is outside 0..<\(minor)")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw fail("value \(values[bad]) at entry \(bad) is not finite")
        }
        if format == "csr", isCanonical(pointers: pointers, indices: indices) {
            return CSRMatrix(rows: rows, cols: cols, rowPointers: pointers,
                             columnIndices: indices.map { Int32($0) }, values: values)
        }
        var triplets: [(row: Int, col: Int, value: Float)] = []
        triplets.reserveCapacity(values.count)
        for line in 0..<major {
            for p in pointers[line]..<pointers[line + 1] {
                triplets.append(format == "csr" ? (line, indices[p], values[p]) : (indices[p], line, values[p]))
            }
        }
        return CSRMatrix(rows: rows, cols: cols, triplets: triplets)
    }

    /// Whether every line's indices are strictly increasing (sorted, no repeats).
    private static func isCanonical(pointers: [Int], indices: [Int]) -> Bool {
        for line in 0..<(pointers.count - 1) where pointers[line + 1] - pointers[line] > 1 {
            for p in (pointers[line] + 1)..<pointers[line + 1] where indices[p - 1] >= indices[p] { return false }
        }
        return true
    }

    /// The values of `data.npy` as `Float`: floats, integers, or booleans and bytes (`|b1`, `|u1`, `|i1`).
    private static func numbers(_ array: NumpyArray, path: String) throws -> [Float] {
        switch array.dtype {
        case "<f4", "<f8": return try array.floats(file: path)
        case "<i4", "<i8", "<u4", "<u8": return try array.integers(file: path).map { Float($0) }
        case "|b1", "|u1": return array.payload.map { Float($0) }
        case "|i1": return array.payload.map { Float(Int8(bitPattern: $0)) }
        default:
            throw XRLinearError.invalidModelFile(file: path, message: "data.npy has dtype \(array.dtype); expected little-endian floats, integers or booleans")
        }
    }
}
