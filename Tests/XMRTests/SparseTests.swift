import Testing
@testable import XMR

@Suite struct SparseTests {
    let a = CSRMatrix(rows: 3, cols: 4, triplets: [
        (0, 1, 2), (0, 3, 1), (1, 0, 4), (2, 2, 3), (2, 1, 1), (0, 1, 1),
    ])

    @Test func tripletsAreSortedAndSummed() {
        #expect(a.toDense() == [[0, 3, 0, 1], [4, 0, 0, 0], [0, 1, 3, 0]])
        #expect(a.nonzeros == 5)
        #expect(a[2, 1] == 1 && a[1, 3] == 0)
    }

    @Test func transposeAndCSCRoundTrip() {
        let t = a.transposed()
        #expect(t.toDense() == [[0, 4, 0], [3, 0, 1], [0, 0, 3], [1, 0, 0]])
        #expect(t.transposed() == a)
        let csc = a.toCSC()
        #expect(csc[0, 1] == 3 && csc[2, 2] == 3 && csc[1, 1] == 0)
        #expect(csc.toCSR() == a)
    }

    @Test func normalizeRows() {
        let n = a.l2NormalizedRows().toDense()
        #expect(abs(n[0][1] - 3 / Float(10).squareRoot()) < 1e-6)
        #expect(n[1][0] == 1)
    }

    @Test func productsMatchDense() {
        let b = CSRMatrix(rows: 4, cols: 2, triplets: [(0, 0, 1), (1, 1, 2), (3, 0, 5), (2, 1, -1)])
        let p = a.multiplied(by: b).toDense()
        #expect(p == [[5, 6], [4, 0], [0, -1]])
        // Yᵀ·X with Y = a (3×4) and X = a: 4×4.
        let ytx = a.transposeMultiplied(by: a).toDense()
        let d = a.toDense()
        for i in 0..<4 { for j in 0..<4 {
            var s: Float = 0
            for r in 0..<3 { s += d[r][i] * d[r][j] }
            #expect(ytx[i][j] == s)
        } }
    }
}
