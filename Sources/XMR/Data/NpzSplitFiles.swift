import Foundation

/// The two `.npz` files of one split of a PECOS dataset folder: features `X` and labels `Y`.
///
/// PECOS names them `X.trn.npz` / `Y.trn.npz` and `X.tst.npz` / `Y.tst.npz` (scipy CSR matrices
/// saved with `scipy.sparse.save_npz`, compressed or not); `X.npz` / `Y.npz` are accepted as the
/// training split of a folder without a test split. Labels are a set: every nonzero of `Y` is a
/// label (stored as 1), stored zeros are dropped. Problems are `DatasetError`s naming the file.
struct NpzSplitFiles {
    /// The feature matrix file.
    var features: URL
    /// The label matrix file.
    var labels: URL

    /// File names of the training split, in order of preference.
    static let trainNames = [("X.trn.npz", "Y.trn.npz"), ("X.npz", "Y.npz")]
    /// File names of the test split.
    static let testNames = [("X.tst.npz", "Y.tst.npz")]

    /// The split's files in `directory` (nil when there are none); one file without the other is an error.
    static func find(in directory: URL, names: [(String, String)]) throws -> NpzSplitFiles? {
        let fm = FileManager.default
        for (x, y) in names {
            let features = directory.appendingPathComponent(x), labels = directory.appendingPathComponent(y)
            switch (fm.fileExists(atPath: features.path), fm.fileExists(atPath: labels.path)) {
            case (true, true): return NpzSplitFiles(features: features, labels: labels)
            case (true, false): throw DatasetError(path: labels.path, message: "missing: \(x) needs \(y) (the labels) beside it")
            case (false, true): throw DatasetError(path: features.path, message: "missing: \(y) needs \(x) (the features) beside it")
            case (false, false): continue
            }
        }
        return nil
    }

    /// Reads both matrices; they must have the same number of rows.
    func read() throws -> XMCTextFile {
        let x = try Self.matrix(features)
        var y = try Self.matrix(labels)
        guard x.rows == y.rows else {
            throw DatasetError(path: labels.path,
                               message: "has \(y.rows) rows but \(features.lastPathComponent) has \(x.rows): one row per point in both")
        }
        for limit in [(x.cols, features), (y.cols, labels)] where limit.0 > XMCTextFile.maximumCount {
            throw DatasetError(path: limit.1.path, message: "\(limit.0) columns is more than the \(XMCTextFile.maximumCount) supported")
        }
        if y.values.contains(where: { $0 != 1 }) { y = Self.binarized(y) }
        return XMCTextFile(features: x, labels: y)
    }

    /// The matrix in `url`, with any file problem as a `DatasetError`.
    private static func matrix(_ url: URL) throws -> CSRMatrix {
        do {
            return try ScipySparseFile.read(url.path)
        } catch let XRLinearError.invalidModelFile(file, message) {
            throw DatasetError(path: file, message: message)
        }
    }

    /// `labels` with stored zeros dropped and every other value set to 1.
    private static func binarized(_ labels: CSRMatrix) -> CSRMatrix {
        var pointers = [0], columns: [Int32] = []
        pointers.reserveCapacity(labels.rows + 1)
        columns.reserveCapacity(labels.nonzeros)
        for i in 0..<labels.rows {
            for p in labels.range(ofRow: i) where labels.values[p] != 0 { columns.append(labels.columnIndices[p]) }
            pointers.append(columns.count)
        }
        return CSRMatrix(rows: labels.rows, cols: labels.cols, rowPointers: pointers, columnIndices: columns,
                         values: [Float](repeating: 1, count: columns.count))
    }
}
