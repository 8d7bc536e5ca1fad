import Foundation
import Testing
@testable import XMR

@Suite("The solver on the 16-bit row layouts (narrow entries, uniform rows)")
struct RowLayoutSolverTests {
    /// `rows` l2-normalized points over `cols` columns, 2 to 9 stored a row: binary (every stored
    /// value 1 before normalization) or with varied values.
    static func features(rows: Int, cols: Int, binary: Bool, seed: UInt64 = 11) -> CSRMatrix {
        var generator = ShuffleGenerator(seed: seed)
        var triplets: [(row: Int, col: Int, value: Float)] = []
        for i in 0..<rows {
            let stored = 2 + Int(generator.next() % 8)
            for j in Set((0..<stored).map { _ in Int(generator.next() % UInt64(cols)) }).sorted() {
                triplets.append((i, j, binary ? 1 : 0.1 + Float(generator.next() % 1000) / 1000))
            }
        }
        return CSRMatrix(rows: rows, cols: cols, triplets: triplets).l2NormalizedRows()
    }

    /// The SVM solution on rows 0, 2, 3, 5, … of `packed` for labels that depend on the features.
    static func solve(_ packed: PackedRows, _ x: CSRMatrix) -> LinearSolution {
        let rows = (0..<x.rows).filter { $0 % 3 != 1 }.map { Int32($0) }
        let labels = rows.map { x.row(Int($0)).indices.contains { $0 % 4 == 0 } }
        let solver = LinearSolver(featureCount: x.cols, parameters: LinearSolverParameters(threshold: 0))
        return rows.withUnsafeBufferPointer { rp in solver.solve(packed, rows: rp, isPositive: { labels[$0] }, seed: 5) }
    }

    @Test("Binary rows get the uniform layout, varied values the narrow one, wide matrices neither")
    func detection() {
        let binary = PackedRows(Self.features(rows: 40, cols: 50, binary: true))
        #expect(binary.uniformIDs != nil && binary.rowValues != nil && binary.narrowEntries == nil)
        let varied = PackedRows(Self.features(rows: 40, cols: 50, binary: false))
        #expect(varied.uniformIDs == nil && varied.narrowEntries != nil)
        let wide = PackedRows(Self.features(rows: 40, cols: 70_000, binary: true))
        #expect(wide.uniformIDs == nil && wide.narrowEntries == nil)
        let plain = PackedRows(Self.features(rows: 40, cols: 50, binary: true), narrowLayouts: false)
        #expect(plain.uniformIDs == nil && plain.narrowEntries == nil)
    }

    @Test("Narrow entries give the packed layout's weights bit for bit")
    func narrowIsExact() {
        let x = Self.features(rows: 300, cols: 120, binary: false)
        let narrow = Self.solve(PackedRows(x), x), packed = Self.solve(PackedRows(x, narrowLayouts: false), x)
        #expect(narrow.weights.indices == packed.weights.indices)
        #expect(narrow.weights.values == packed.weights.values)
        #expect(narrow.iterations == packed.iterations && narrow.dualObjective == packed.dualObjective)
    }

    @Test("Uniform rows give the packed layout's weights to rounding, padding included")
    func uniformMatches() {
        // 2 to 9 entries a row: most rows are padded, so a weight left in the padding slot would show.
        let x = Self.features(rows: 300, cols: 120, binary: true)
        let uniform = Self.solve(PackedRows(x), x), packed = Self.solve(PackedRows(x, narrowLayouts: false), x)
        #expect(uniform.weights.indices == packed.weights.indices)
        let gap = zip(uniform.weights.values, packed.weights.values).map { abs($0 - $1) }.max() ?? 0
        #expect(gap < 1e-5, "largest weight difference \(gap)")
        #expect(abs(uniform.dualObjective - packed.dualObjective) < 1e-9 * max(1, abs(packed.dualObjective)))
        #expect(!uniform.weights.values.isEmpty)
    }
}
