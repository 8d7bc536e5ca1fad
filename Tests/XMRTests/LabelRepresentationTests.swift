import Testing
@testable import XMR

@Suite struct LabelRepresentationTests {
    // Three points with unit-norm feature rows; point 0 has labels {0, 1}, point 1 has {0},
    // point 2 none; label 2 has no points.
    let features = CSRMatrix(rows: 3, cols: 3, triplets: [(0, 0, 1), (1, 0, 0.6), (1, 1, 0.8), (2, 2, 1)])
    let labels = CSRMatrix(rows: 3, cols: 3, triplets: [(0, 0, 1), (0, 1, 1), (1, 0, 1)])

    private func expectRows(_ m: CSRMatrix, _ expected: [[Float]]) {
        let dense = m.toDense()
        #expect(dense.count == expected.count)
        for (row, want) in zip(dense, expected) {
            #expect(row.count == want.count)
            #expect(zip(row, want).allSatisfy { abs($0 - $1) < 1e-6 }, "\(row) != \(want)")
        }
    }

    @Test func pifaByHand() throws {
        // Label 0: x0/√2 + x1 = (1/√2 + 0.6, 0.8, 0), normalized; label 1: x0/√2 normalized.
        let a = Float(1 / 2.0.squareRoot()) + 0.6, b: Float = 0.8
        let n = (a * a + b * b).squareRoot()
        let pifa = try LabelRepresentation.pifa.labelVectors(features: features, labels: labels, threads: 2)
        expectRows(pifa, [[a / n, b / n, 0], [1, 0, 0], [0, 0, 0]])
        #expect(pifa.nonzeros(inRow: 2) == 0)
    }

    @Test func piiByHand() throws {
        let r = Float(1 / 2.0.squareRoot())
        let pii = try LabelRepresentation.pii.labelVectors(features: nil, labels: labels)
        expectRows(pii, [[r, r, 0], [1, 0, 0], [0, 0, 0]])
    }

    @Test func pifaWithNamesConcatenatesAndNormalizes() throws {
        let names = CSRMatrix(rows: 3, cols: 2, triplets: [(0, 1, 1), (1, 0, 1), (2, 0, 1)])
        let v = try LabelRepresentation.pifaWithNames.labelVectors(features: features, labels: labels,
                                                                   labelNameFeatures: names)
        #expect(v.rows == 3 && v.cols == 5)
        let r = Float(1 / 2.0.squareRoot())
        expectRows(v.selectingRows([1, 2]), [[r, 0, 0, r, 0], [0, 0, 0, 1, 0]])
        #expect(throws: IndexingError.self) {
            try LabelRepresentation.pifaWithNames.labelVectors(features: features, labels: labels)
        }
        #expect(throws: IndexingError.self) {
            try LabelRepresentation.pifaWithNames.labelVectors(
                features: features, labels: labels, labelNameFeatures: CSRMatrix(rows: 2, cols: 2))
        }
    }

    @Test func rawValuesAndErrors() {
        #expect(LabelRepresentation(rawValue: "pifa+names") == .pifaWithNames)
        #expect(LabelRepresentation.allCases.map(\.rawValue) == ["pifa", "pii", "pifa+names", "spectral", "pifa+spectral", "dense-pifa", "pifa+dense"])
        #expect(LabelRepresentation.default == .pifa)
        #expect(throws: IndexingError.self) {
            try LabelRepresentation.pifa.labelVectors(features: CSRMatrix(rows: 2, cols: 3), labels: labels)
        }
    }

    @Test func parallelProductMatchesSerialProduct() {
        let a = IndexingTestData.randomLabelVectors(rows: 97, cols: 60, seed: 1)
        let b = IndexingTestData.randomLabelVectors(rows: 60, cols: 80, seed: 2)
        let serial = a.multiplied(by: b)
        #expect(SparseProducts.multiply(a, b, threads: 1) == serial)
        #expect(SparseProducts.multiply(a, b, threads: 3) == serial)
        #expect(SparseProducts.multiply(CSRMatrix(rows: 0, cols: 60), b, threads: 2).rows == 0)
    }

    @Test func ancestorsPerLevel() {
        let tree = LabelTree(parents: [[0, 0, 0], [0, 1, 1, 0, 2], [0, 0, 1, 2, 3, 4, 4]])
        #expect(tree.ancestors(atLevel: 3) == [0, 1, 2, 3, 4, 5, 6])
        #expect(tree.ancestors(atLevel: 2) == [0, 0, 1, 2, 3, 4, 4])
        #expect(tree.ancestors(atLevel: 1) == [0, 0, 1, 1, 0, 2, 2])
        #expect(tree.ancestors(atLevel: 0) == [0, 0, 0, 0, 0, 0, 0])
    }
}
