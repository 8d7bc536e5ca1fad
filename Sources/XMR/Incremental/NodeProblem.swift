import Foundation

/// One node's binary problem when labels are added: rows of the new points, their classes, and
/// the weights it starts from (an existing node's) or none (a new node or label).
struct NodeProblem: Sendable {
    /// The node's level.
    var level: Int
    /// The node's id at that level.
    var node: Int
    /// Rows of the point matrix, ascending.
    var rows: [Int32]
    /// The class of every row.
    var isPositive: [Bool]
    /// Positive rows.
    var positiveCount: Int
    /// Rows positive only through a new label.
    var newPositives: Int
    /// The weights the solve starts from (an existing node's, see `continueTraining`); nil for a new node.
    var prior: SparseVector? = nil
    /// Each row's dual variable at the start (see `continueTraining`), or nil for all zero.
    var startingDuals: [Double]? = nil

    /// Makes the problem continue the original training of an existing node with weights
    /// `weights`, as far as these rows go: every row that was one of the node's training
    /// points (`originalClasses` ±1) starts from the dual variable it has at the original
    /// optimum, which the L2-loss SVM's optimality conditions give from the weights alone
    /// (αᵢ = 2C·max(0, 1 − yᵢ·w·xᵢ)); a row that turns positive through a new label first has
    /// its part as a negative taken out of the weights and starts from 0. For rows of the
    /// original training this is the original dual coordinate descent resumed with their
    /// classes changed, so the rest of the training set stays counted once. Logistic
    /// regression has no such closed form: its rows start from 0 with the weights as the prior.
    mutating func continueTraining(from weights: SparseVector, originalClasses: [Int8], x: CSRMatrix,
                                   parameters: LinearSolverParameters) {
        guard parameters.kind == .svm else {
            prior = weights
            return
        }
        let bias = parameters.bias, biasIndex = x.cols
        var w = [Double](repeating: 0, count: x.cols + 1)
        for (j, v) in zip(weights.indices, weights.values) where Int(j) <= biasIndex { w[Int(j)] = Double(v) }
        var duals = [Double](repeating: 0, count: rows.count)
        var flipped: [(row: Int, alpha: Double)] = []
        for (i, row) in rows.enumerated() where originalClasses[i] != 0 {
            let range = x.range(ofRow: Int(row))
            var margin = bias > 0 ? w[biasIndex] * bias : 0
            for p in range { margin += w[Int(x.columnIndices[p])] * Double(x.values[p]) }
            let alpha = 2 * parameters.c * max(0, 1 - Double(originalClasses[i]) * margin)
            if isPositive[i] && originalClasses[i] < 0 {
                flipped.append((Int(row), alpha))
            } else {
                duals[i] = alpha
            }
        }
        for (row, alpha) in flipped where alpha > 0 {
            for p in x.range(ofRow: row) { w[Int(x.columnIndices[p])] += alpha * Double(x.values[p]) }
            if bias > 0 { w[biasIndex] += alpha * bias }
        }
        var indices: [Int32] = [], values: [Float] = []
        for (j, v) in w.enumerated() where v != 0 {
            indices.append(Int32(j))
            values.append(Float(v))
        }
        prior = SparseVector(dimension: weights.dimension, indices: indices, values: values)
        startingDuals = duals
    }

    /// Solves every problem on `threads` workers with the model's solver settings; element i
    /// is the weights of `problems[i]` (global feature ids, the bias at `x.cols`).
    static func solve(_ problems: [NodeProblem], x: CSRMatrix, parameters: LinearSolverParameters, seed: Int,
                      threads: Int) -> [SparseVector] {
        let packed = PackedRows(x)
        let results = ResultSlots<SparseVector>(count: problems.count, initial: SparseVector(dimension: x.cols + 1, indices: [], values: []))
        let queue = JobQueue(count: problems.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, problems.count))) { _ in
            let solver = LinearSolver(featureCount: x.cols, parameters: parameters)
            while let j = queue.next() {
                let problem = problems[j]
                let duals = problem.startingDuals ?? []
                let solution = problem.rows.withUnsafeBufferPointer { rows in
                    problem.isPositive.withUnsafeBufferPointer { flags in
                        duals.withUnsafeBufferPointer { starts in
                            solver.solve(packed, rows: rows, isPositive: { flags[$0] },
                                         seed: ShuffleGenerator.seed(seed, problem.level, problem.node), prior: problem.prior,
                                         startingDuals: problem.startingDuals == nil ? nil : starts)
                        }
                    }
                }
                results.pointer[j] = solution.weights
            }
        }
        return results.array()
    }
}
