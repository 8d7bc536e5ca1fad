import Foundation
import Testing
@testable import XMR

@Suite("Sibling SVM solver")
struct SiblingSVMSolverTests {
    static let parameters = LinearSolverParameters(kind: .svm, c: 0.8, eps: 1e-9, maxIterations: 10_000, bias: 1, threshold: 0)

    /// 40 rows over 6 features, three nonzeros each, and eight problems: labels drawn per problem,
    /// and in problems 5–7 some rows left out (sign 0).
    static func problem() -> (rows: [[Float]], signs: [[Int8]]) {
        var generator = SplitMix64(seed: 11)
        var rows: [[Float]] = []
        for _ in 0..<40 {
            var row = [Float](repeating: 0, count: 6)
            for _ in 0..<3 { row[Int(generator.next() % 6)] = Float(generator.next() % 1000) / 1000 + 0.1 }
            rows.append(row)
        }
        let signs: [[Int8]] = (0..<8).map { k in
            rows.indices.map { i in
                if k >= 5 && (i + k) % 4 == 0 { return 0 }
                return generator.next() % 3 == 0 ? 1 : -1
            }
        }
        return (rows, signs)
    }

    @Test("Each of eight problems on shared rows reaches its exact optimum, rows with sign 0 left out")
    func matchesExactOptimum() {
        let (rows, signs) = Self.problem()
        let packed = PackedRows(LinearSolverTests.matrix(rows))
        let solver = SiblingSVMSolver(parameters: Self.parameters)
        let ids = (0..<Int32(rows.count)).map { $0 }
        let solutions = ids.withUnsafeBufferPointer { rp in
            solver.solve(packed, rows: rp, problems: 8, sign: { signs[$1][$0] }, seed: 5)
        }
        #expect(solutions.count == 8)
        for (k, solution) in solutions.enumerated() {
            let kept = rows.indices.filter { signs[k][$0] != 0 }
            let xb = kept.map { rows[$0].map(Double.init) + [1] }
            let y = kept.map { Double(signs[k][$0]) }
            let exact = LinearSolverTests.svmNewton(xb, y, c: Self.parameters.c)
            var w = [Double](repeating: 0, count: 7)
            for (j, v) in zip(solution.weights.indices, solution.weights.values) { w[Int(j)] = Double(v) }
            for a in 0..<7 { #expect(abs(w[a] - exact[a]) < 1e-4, "problem \(k): w[\(a)] = \(w[a]), exact \(exact[a])") }
            let primal = LinearSolverTests.svmPrimal(exact, xb, y, c: Self.parameters.c)
            #expect(abs(solution.dualObjective + primal) < 1e-6, "problem \(k): dual \(solution.dualObjective), primal \(primal)")
        }
    }

    @Test("Fewer problems than lanes, reuse of the workspace, and LinearSolver's optimum to the tolerance")
    func reuseAndAgreement() {
        let (rows, signs) = Self.problem()
        let packed = PackedRows(LinearSolverTests.matrix(rows))
        let ids = (0..<Int32(rows.count)).map { $0 }
        let reused = SiblingSVMSolver(parameters: Self.parameters)
        let first = ids.withUnsafeBufferPointer { rp in
            reused.solve(packed, rows: rp, problems: 8, sign: { signs[$1][$0] }, seed: 1)
        }
        let again = ids.withUnsafeBufferPointer { rp in
            reused.solve(packed, rows: rp, problems: 3, sign: { signs[$1][$0] }, seed: 2)
        }
        let fresh = ids.withUnsafeBufferPointer { rp in
            SiblingSVMSolver(parameters: Self.parameters).solve(packed, rows: rp, problems: 3, sign: { signs[$1][$0] }, seed: 2)
        }
        #expect(again.count == 3)
        #expect(again == fresh, "a reused workspace must start clean")
        #expect(Array(first.prefix(3)).map(\.weights.indices) == again.map(\.weights.indices))
        let single = LinearSolver(featureCount: 6, parameters: Self.parameters)
        for k in 0..<3 {
            let solution = single.solve(features: LinearSolverTests.matrix(rows), rows: Array(rows.indices),
                                        labels: signs[k].map { $0 > 0 }, seed: 9)
            #expect(abs(solution.dualObjective - again[k].dualObjective) < 1e-7)
            for (a, b) in zip(solution.weights.values, again[k].weights.values) { #expect(abs(a - b) < 1e-4) }
        }
    }
}
