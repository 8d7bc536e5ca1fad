import Foundation

extension DenseMatrix {
    /// Reads a two-dimensional `.npy` array of `<f4` or `<f8` (C order); a one-dimensional array is one row.
    ///
    /// A missing, truncated or malformed file throws `XRLinearError.invalidModelFile` naming it.
    public static func readNumpy(from url: URL) throws -> DenseMatrix {
        let data: Data
        do { data = try InputFile.read(url) } catch {
            throw XRLinearError.invalidModelFile(file: url.path, message: "cannot read: \(InputFile.reason(error))")
        }
        let array = try NumpyArray(data, file: url.path)
        let shape: (rows: Int, columns: Int)
        switch array.shape.count {
        case 1: shape = (1, array.shape[0])
        case 2: shape = (array.shape[0], array.shape[1])
        default:
            throw XRLinearError.invalidModelFile(
                file: url.path, message: "expected a two-dimensional array, found shape \(array.shape)")
        }
        return try DenseMatrix(rows: shape.rows, columns: shape.columns, values: array.floats(file: url.path))
    }

    /// The matrix as `.npy` bytes: version 1.0, dtype `<f4`, C order, shape (rows, columns).
    public func numpyData() -> Data {
        NumpyArray.encodeFloat32(values, shape: [rows, columns])
    }

    /// Writes the matrix as a `.npy` file atomically and durably (`DurableFile`).
    public func writeNumpy(to url: URL) throws {
        do {
            try DurableFile.replace(url, with: numpyData())
        } catch let failure as DurableFile.Failure {
            throw XRLinearError.invalidModelFile(file: url.path, message: "cannot write: \(failure.reason)")
        }
    }
}
