import Foundation
import Testing
@testable import XMR

@Suite("Linear solvers")
struct LinearSolverTests {
    /// Primal objective of the L2-loss SVM: ½‖w‖² + C Σ max(0, 1 − y wᵀx)².
    static func svmPrimal(_ w: [Double], _ x: [[Double]], _ y: [Double], c: Double) -> Double {
        var value = 0.5 * w.reduce(0) { $0 + $1 * $1 }
        for (xi, yi) in zip(x, y) {
            let margin = max(0, 1 - yi * zip(w, xi).reduce(0) { $0 + $1.0 * $1.1 })
            value += c * margin * margin
        }
        return value
    }

    /// The exact primal optimum by generalized Newton steps (exact for a fixed active set).
    static func svmNewton(_ x: [[Double]], _ y: [Double], c: Double) -> [Double] {
        let d = x[0].count
        var w = [Double](repeating: 0, count: d)
        for _ in 0..<50 {
            var grad = w
            var hess = (0..<d).map { i in (0..<d).map { j in i == j ? 1.0 : 0.0 } }
            for (xi, yi) in zip(x, y) {
                let m = 1 - yi * zip(w, xi).reduce(0) { $0 + $1.0 * $1.1 }
                guard m > 0 else { continue }
                for a in 0..<d {
                    grad[a] -= 2 * c * m * yi * xi[a]
                    for b in 0..<d { hess[a][b] += 2 * c * xi[a] * xi[b] }
                }
            }
            // Solve hess · step = grad by Gaussian elimination.
            var m = hess, r = grad
            for col in 0..<d {
                let pivot = (col..<d).max { abs(m[$0][col]) < abs(m[$1][col]) }!
                m.swapAt(col, pivot); r.swapAt(col, pivot)
                for row in 0..<d where row != col {
                    let f = m[row][col] / m[col][col]
                    for k in 0..<d { m[row][k] -= f * m[col][k] }
                    r[row] -= f * r[col]
                }
            }
            for a in 0..<d { w[a] -= r[a] / m[a][a] }
        }
        return w
    }

    static func matrix(_ rows: [[Float]]) -> CSRMatrix {
        var t: [(row: Int, col: Int, value: Float)] = []
        for (i, r) in rows.enumerated() { for (j, v) in r.enumerated() where v != 0 { t.append((i, j, v)) } }
        return CSRMatrix(rows: rows.count, cols: rows[0].count, triplets: t)
    }

    @Test("L2-loss SVM on two symmetric 1-D points reaches w = 0.8 and dual objective -0.4")
    func svmOneDimensional() {
        let x = Self.matrix([[1], [-1]])
        let solver = LinearSolver(featureCount: 1, parameters: .init(kind: .svm, c: 1, eps: 1e-8, maxIterations: 1000, bias: 0, threshold: 0))
        let solution = solver.solve(features: x, rows: [0, 1], labels: [true, false])
        #expect(solution.weights.indices == [0])
        #expect(abs(Double(solution.weights.values[0]) - 0.8) < 1e-5)
        #expect(abs(solution.dualObjective - (-0.4)) < 1e-6)
    }

    @Test("L2-loss SVM with bias matches the exact primal optimum and strong duality")
    func svmMatchesNewton() {
        let rows: [[Float]] = [[1, 0.5], [0.2, 1], [0.9, 0.1], [0, 0.8], [0.6, 0.6], [0.3, 0.2]]
        let labels = [true, false, true, false, true, false]
        let x = Self.matrix(rows)
        let c = 0.7
        let solver = LinearSolver(featureCount: 2, parameters: .init(kind: .svm, c: c, eps: 1e-9, maxIterations: 10_000, bias: 1, threshold: 0))
        let solution = solver.solve(features: x, rows: Array(0..<6), labels: labels, seed: 3)
        let xb = rows.map { $0.map(Double.init) + [1] }
        let y = labels.map { $0 ? 1.0 : -1.0 }
        let exact = Self.svmNewton(xb, y, c: c)
        var w = [Double](repeating: 0, count: 3)
        for (j, v) in zip(solution.weights.indices, solution.weights.values) { w[Int(j)] = Double(v) }
        for a in 0..<3 { #expect(abs(w[a] - exact[a]) < 1e-4, "w[\(a)] = \(w[a]), exact \(exact[a])") }
        let primal = Self.svmPrimal(exact, xb, y, c: c)
        #expect(abs(solution.dualObjective + primal) < 1e-6, "dual \(solution.dualObjective), primal \(primal)")
    }

    @Test("Logistic regression dual on two symmetric 1-D points solves w = 2·σ(−w)")
    func logisticOneDimensional() {
        let x = Self.matrix([[1], [-1]])
        let solver = LinearSolver(featureCount: 1, parameters: .init(kind: .logistic, c: 1, eps: 1e-9, maxIterations: 1000, bias: 0, threshold: 0))
        let solution = solver.solve(features: x, rows: [0, 1], labels: [true, false])
        // Root of w − 2/(1 + e^w) by bisection.
        var lo = 0.0, hi = 2.0
        for _ in 0..<100 {
            let mid = (lo + hi) / 2
            if mid - 2 / (1 + exp(mid)) > 0 { hi = mid } else { lo = mid }
        }
        #expect(abs(Double(solution.weights.values[0]) - lo) < 1e-4)
        let primal = 0.5 * lo * lo + 2 * log(1 + exp(-lo))
        #expect(abs(solution.dualObjective + primal) < 1e-5)
    }

    @Test("Weights below the threshold are dropped and the buffer is clean for the next job")
    func thresholdAndReuse() {
        let x = Self.matrix([[1, 0.01], [-1, 0], [0.5, 0.02]])
        let solver = LinearSolver(featureCount: 2, parameters: .init(kind: .svm, c: 1, eps: 1e-6, maxIterations: 500, bias: 1, threshold: 0.1))
        let first = solver.solve(features: x, rows: [0, 1, 2], labels: [true, false, true])
        #expect(!first.weights.indices.contains(1))
        #expect(first.weights.values.allSatisfy { abs($0) >= 0.1 })
        // A second, identical solve on the reused workspace must give the same answer.
        let second = solver.solve(features: x, rows: [0, 1, 2], labels: [true, false, true])
        #expect(first == second)
        // A problem on a subset of rows equals a fresh solver's answer.
        let fresh = LinearSolver(featureCount: 2, parameters: solver.parameters)
        #expect(solver.solve(features: x, rows: [0, 1], labels: [true, false]) == fresh.solve(features: x, rows: [0, 1], labels: [true, false]))
    }
}
