import Foundation
import Testing
@testable import XMR

@Suite("Dense matrices")
struct DenseMatrixTests {
    @Test("Rows are contiguous slices and a wrong value count is an error")
    func rowAccess() throws {
        let m = try DenseMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        #expect(Array(m.row(1)) == [4, 5, 6])
        #expect(m[0, 2] == 3)
        #expect(m.rows(1..<2).values == [4, 5, 6])
        #expect(throws: XRLinearError.self) { try DenseMatrix(rows: 2, columns: 3, values: [1, 2]) }
        #expect(throws: XRLinearError.self) { try DenseMatrix(rowVectors: [[1, 2], [3]], columns: 2) }
    }

    @Test("normalizeRows gives unit rows and leaves zero rows alone")
    func normalize() throws {
        var m = try DenseMatrix(rows: 3, columns: 2, values: [3, 4, 0, 0, -1, 0])
        m.normalizeRows()
        #expect(m.values == [0.6, 0.8, 0, 0, -1, 0])
    }

    @Test("timesTransposed equals the naive dot products")
    func product() throws {
        var rng = SplitMix64(seed: 7)
        func random(_ r: Int, _ c: Int) throws -> DenseMatrix {
            try DenseMatrix(rows: r, columns: c, values: (0..<(r * c)).map { _ in Float(rng.next() % 1000) / 500 - 1 })
        }
        let a = try random(5, 7), b = try random(4, 7)
        let c = try a.timesTransposed(b)
        for i in 0..<5 {
            for j in 0..<4 {
                let naive = zip(a.row(i), b.row(j)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                #expect(abs(c[i, j] - naive) < 1e-5)
            }
        }
        #expect(throws: XRLinearError.self) { try a.timesTransposed(try random(2, 3)) }
    }

    @Test(".npy round trip, and a truncated file names itself")
    func numpyRoundTrip() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let m = try DenseMatrix(rows: 3, columns: 2, values: [1.5, -2, 0, 3.25, 1e-7, 42])
        let url = folder.url.appendingPathComponent("m.npy")
        try m.writeNumpy(to: url)
        let data = try Data(contentsOf: url)
        #expect(data.count == 128 + 24)  // the header padded to 128 bytes, then 6 floats
        #expect(try DenseMatrix.readNumpy(from: url) == m)
        let cut = folder.url.appendingPathComponent("cut.npy")
        try data.prefix(data.count - 4).write(to: cut)
        #expect {
            try DenseMatrix.readNumpy(from: cut)
        } throws: { error in
            String(describing: error).contains("cut.npy") && String(describing: error).contains("truncated")
        }
    }
}

@Suite("Sparse ⊕ dense features")
struct FeatureConcatenationTests {
    @Test("Each part l2-normalized, then the row: unit rows, each part of norm 1/√2, empty parts stay empty")
    func concatenation() throws {
        let sparse = CSRMatrix(rows: 3, cols: 4, triplets: [(0, 1, 3), (0, 3, 4), (2, 0, 2)])
        let dense = try DenseMatrix(rows: 3, columns: 2, values: [1, 1, 0, 5, 0, 0])
        let x = try FeatureConcatenation.concatenate(sparse, dense)
        #expect(x.rows == 3 && x.cols == 6)
        let half = Float(0.5).squareRoot()
        #expect(x.rowPointers == [0, 4, 5, 6])
        #expect(x.columnIndices == [1, 3, 4, 5, 5, 0])
        let expected: [Float] = [0.6 * half, 0.8 * half, 0.5, 0.5, 1, 1]
        for (a, b) in zip(x.values, expected) { #expect(abs(a - b) < 1e-6) }
        #expect(throws: XRLinearError.self) { try FeatureConcatenation.concatenate(sparse, DenseMatrix(rows: 2, columns: 2)) }
    }
}
