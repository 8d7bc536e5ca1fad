import Foundation

/// The bias of a ranker trained from scratch on rows of which some stand for more points than
/// themselves: the given points without a new label are a uniform sample, a fraction f of the
/// model's training points without one, so each stands for 1/f of them.
///
/// The solver weighs every row once, so such a ranker sees its sampled negatives 1/f times too
/// rarely and over-scores every point outside its positives' neighbourhood. The weights are kept
/// and only the bias weight is fitted again, to the same objective with row i's loss counted
/// `costs[i]` times: ½‖w‖² + C·Σ costᵢ·loss(yᵢ·(w·xᵢ + b·B)), a one-dimensional convex problem
/// solved by bisection on its derivative. This is the intercept correction known from
/// case-control sampling (the other weights stay as the sample gives them).
struct SampledNegativesBias: Sendable {
    /// The rows' margins without the bias part (w·xᵢ).
    var margins: [Double]
    /// Each row's class: +1 or −1.
    var signs: [Double]
    /// How many points each row stands for.
    var costs: [Double]

    /// A fit of given margins (without the bias part), classes (±1) and costs.
    init(margins: [Double], signs: [Double], costs: [Double]) {
        self.margins = margins
        self.signs = signs
        self.costs = costs
    }

    /// The margins of `rows` of `x` under `weights` (global feature ids, the bias at `x.cols`).
    init(weights: SparseVector, rows: [Int32], isPositive: [Bool], costs: [Double], x: CSRMatrix) {
        var w = [Double](repeating: 0, count: x.cols)
        for (j, v) in zip(weights.indices, weights.values) where Int(j) < x.cols { w[Int(j)] = Double(v) }
        margins = rows.map { row in
            var margin = 0.0
            for p in x.range(ofRow: Int(row)) { margin += w[Int(x.columnIndices[p])] * Double(x.values[p]) }
            return margin
        }
        signs = isPositive.map { $0 ? 1 : -1 }
        self.costs = costs
    }

    /// The objective's derivative in the bias weight `b`.
    func derivative(_ b: Double, parameters: LinearSolverParameters) -> Double {
        let bias = parameters.bias
        var sum = 0.0
        for i in margins.indices {
            let z = signs[i] * (margins[i] + b * bias)
            switch parameters.kind {
            case .svm: if z < 1 { sum -= 2 * costs[i] * (1 - z) * signs[i] * bias }
            case .logistic: sum -= costs[i] * signs[i] * bias / (1 + exp(z))
            }
        }
        return b + parameters.c * sum
    }

    /// The bias weight that minimizes the weighted objective, starting from `start`.
    func fittedBias(from start: Double, parameters: LinearSolverParameters) -> Double {
        guard parameters.bias > 0, !margins.isEmpty else { return start }
        var low = start - 1, high = start + 1
        var steps = 0
        while derivative(low, parameters: parameters) > 0, steps < 60 { low -= high - low; steps += 1 }
        steps = 0
        while derivative(high, parameters: parameters) < 0, steps < 60 { high += high - low; steps += 1 }
        for _ in 0..<60 where high - low > 1e-6 * max(1, abs(low)) {
            let middle = (low + high) / 2
            if derivative(middle, parameters: parameters) < 0 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// `weights` with the bias weight (index `featureCount`) replaced by the fitted one.
    static func refitted(_ weights: SparseVector, problem: NodeProblem, costs: [Double], x: CSRMatrix,
                         parameters: LinearSolverParameters) -> SparseVector {
        guard parameters.bias > 0 else { return weights }
        let biasIndex = Int32(x.cols)
        let fit = SampledNegativesBias(weights: weights, rows: problem.rows, isPositive: problem.isPositive, costs: costs, x: x)
        let old = zip(weights.indices, weights.values).first { $0.0 == biasIndex }.map { Double($0.1) } ?? 0
        let bias = Float(fit.fittedBias(from: old, parameters: parameters))
        var indices: [Int32] = [], values: [Float] = []
        for (j, v) in zip(weights.indices, weights.values) where j != biasIndex {
            indices.append(j)
            values.append(v)
        }
        if bias != 0 {
            let at = indices.firstIndex { $0 > biasIndex } ?? indices.count
            indices.insert(biasIndex, at: at)
            values.insert(bias, at: at)
        }
        return SparseVector(dimension: weights.dimension, indices: indices, values: values)
    }
}
