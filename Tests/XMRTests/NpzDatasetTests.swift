import Foundation
import Testing
@testable import XMR

@Suite struct NpzDatasetTests {
    static var fixture: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures/pecos-npz") }

    /// A copy of the fixture's npz folder in a temporary folder, for tests that change files.
    func copyOfFixture() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let source = Self.fixture.appendingPathComponent("dataset")
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
        }
        return folder
    }

    /// The `DatasetError` loading `folder` throws, with the folder's path replaced by `DIR`.
    func failure(_ folder: TemporaryFolder) -> String? {
        do {
            _ = try DatasetLoader.load(from: folder.url)
            return nil
        } catch let error as DatasetError {
            return error.description.replacingOccurrences(of: folder.url.path, with: "DIR")
        } catch {
            return "not a DatasetError: \(error)"
        }
    }

    @Test func npzFolderLoadsLikeItsTextTwin() throws {
        let npz = try DatasetLoader.load(from: Self.fixture.appendingPathComponent("dataset"))
        let text = try DatasetLoader.load(from: Self.fixture.appendingPathComponent("expected"))
        #expect(npz.featureCount == 5 && npz.labelCount == 3)
        #expect(npz.train.count == 4 && npz.test?.count == 2)
        #expect(npz.train.features == text.train.features, "unsorted indices sorted, the repeated entry summed")
        #expect(npz.train.labels == text.train.labels)
        #expect(npz.test?.features == text.test?.features, "float64 values")
        #expect(npz.test?.labels == text.test?.labels, "int64 values and 64-bit indices")
        #expect(npz.labelNames == ["alpha", "beta", "gamma"])
        #expect(npz.train.features?[2, 4] == 0.875)
    }

    @Test func cscMatricesAndXNpzAloneAreATrainingSplit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // [[1, 0], [0, 2], [3, 0]] as CSC, labels [[1], [0], [1]] as CSR with a stored zero.
        try NpzWriter.csc(rows: 3, cols: 2, colPointers: [0, 2, 3], rowIndices: [0, 2, 1], values: [1, 3, 2])
            .write(to: folder.url.appendingPathComponent("X.npz"))
        try Self.csr(rows: 3, cols: 1, pointers: [0, 1, 2, 3], indices: [0, 0, 0], values: [1, 0, 5])
            .write(to: folder.url.appendingPathComponent("Y.npz"))
        let data = try DatasetLoader.load(from: folder.url)
        #expect(data.test == nil)
        #expect(data.train.features?.toDense() == [[1, 0], [0, 2], [3, 0]])
        #expect(data.train.labels.toDense() == [[1], [0], [1]], "nonzero means a label, stored zeros are dropped")
    }

    @Test func badFilesNameTheFile() throws {
        let folder = try copyOfFixture()
        defer { folder.remove() }
        let y = folder.url.appendingPathComponent("Y.trn.npz")
        let bytes = try Data(contentsOf: y)

        try bytes.prefix(bytes.count / 2).write(to: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: not a scipy sparse .npz file (not a zip archive)")

        var corrupted = bytes
        corrupted[90] ^= 0xFF  // inside the DEFLATE data of indices.npy (bytes 61..<140)
        try corrupted.write(to: y)
        let message = failure(folder) ?? ""
        #expect(message.hasPrefix("DIR/Y.trn.npz: entry ") && message.contains("corrupted"), "\(message)")

        var invalid = bytes
        invalid[61] = 0xFF  // first DEFLATE byte: block type 3, which does not exist
        try invalid.write(to: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: entry indices.npy is corrupted (bad DEFLATE data)")

        try Self.csr(rows: 2, cols: 3, pointers: [0, 1, 1], indices: [0], values: [1]).write(to: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: has 2 rows but X.trn.npz has 4: one row per point in both")

        try Self.csr(rows: 4, cols: 3, pointers: [0, 1, 1, 1, 1], indices: [3], values: [1]).write(to: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: index 3 at entry 0 is outside 0..<3")

        try Self.csr(rows: 4, cols: 3, pointers: [0, 1, 1, 1], indices: [0], values: [1]).write(to: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: indptr has 4 entries, expected 5 for a csr matrix of shape 4 × 3")

        try Self.csr(rows: 4, cols: 3, pointers: [0, 1, 1, 1, 1], indices: [0], values: [.nan]).write(to: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: value nan at entry 0 is not finite")

        try Data("not a zip".utf8).write(to: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: not a scipy sparse .npz file (not a zip archive)")

        try FileManager.default.removeItem(at: y)
        #expect(failure(folder) == "DIR/Y.trn.npz: missing: X.trn.npz needs Y.trn.npz (the labels) beside it")

        try folder.write("train.txt", "1 5 3\n0 0:1\n")
        try bytes.write(to: y)
        #expect(failure(folder) == "DIR/X.trn.npz: the folder also has train.txt: give one split in one format")
    }

    /// A scipy CSR `.npz` (stored entries) from raw arrays, which may be inconsistent on purpose.
    static func csr(rows: Int, cols: Int, pointers: [Int], indices: [Int], values: [Float]) -> Data {
        NpzWriter.zip(entries: [
            ("format.npy", NpzWriter.npy(dtype: "|S3", shape: [], payload: Data("csr".utf8))),
            ("shape.npy", NpzWriter.npy(dtype: "<i4", shape: [2], payload: NpzWriter.int32s([rows, cols]))),
            ("indices.npy", NpzWriter.npy(dtype: "<i4", shape: [indices.count], payload: NpzWriter.int32s(indices))),
            ("indptr.npy", NpzWriter.npy(dtype: "<i4", shape: [pointers.count], payload: NpzWriter.int32s(pointers))),
            ("data.npy", NpzWriter.npy(dtype: "<f4", shape: [values.count], payload: NpzWriter.float32s(values))),
        ])
    }
}
