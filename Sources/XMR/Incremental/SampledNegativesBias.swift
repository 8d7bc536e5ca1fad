import Foundation

/// The bias of a ranker trained from scratch on rows of which some stand for more points than
/// themselves: the given points without a new label are a uniform sample, a fraction f of the
/// model's training points without one, so each stands for 1/f of them.
///
/// The solver weighs every row once, so such a ranker sees its sampled negatives 1/f times too
/// rarely and over-scores every point outside its positives' neighbourhood. The weights are kept
/// and only the bias weight is fitted again, to the same objective with row i's loss counted
/// `costs[i]` times: ½‖w‖² + C·Σ costᵢ·loss(yᵢ·(w·xᵢ + b·B)), a one-dimensional convex problem
/// solved by Newton steps on its derivative, safeguarded by bisection. This is the intercept correction known from
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
        margins = Self.margins(of: rows, x: x, weights: w)
        signs = isPositive.map { $0 ? 1 : -1 }
        self.costs = costs
    }

    /// w·xᵢ for every row of `rows` (`weights` dense over `x`'s columns).
    private static func margins(of rows: [Int32], x: CSRMatrix, weights: [Double]) -> [Double] {
        var margins = [Double](repeating: 0, count: rows.count)
        weights.withUnsafeBufferPointer { w in
            x.rowPointers.withUnsafeBufferPointer { pointers in
                x.columnIndices.withUnsafeBufferPointer { columns in
                    x.values.withUnsafeBufferPointer { values in
                        margins.withUnsafeMutableBufferPointer { out in
                            for (i, row) in rows.enumerated() {
                                var sum = 0.0
                                for p in pointers[Int(row)]..<pointers[Int(row) + 1] {
                                    sum += w[Int(columns[p])] * Double(values[p])
                                }
                                out[i] = sum
                            }
                        }
                    }
                }
            }
        }
        return margins
    }

    /// The objective's derivative in the bias weight `b`.
    func derivative(_ b: Double, parameters: LinearSolverParameters) -> Double {
        slopes(b, parameters: parameters).first
    }

    /// The objective's first and second derivatives in the bias weight `b`.
    func slopes(_ b: Double, parameters: LinearSolverParameters) -> (first: Double, second: Double) {
        let bias = parameters.bias, kind = parameters.kind
        var first = 0.0, second = 0.0
        margins.withUnsafeBufferPointer { m in
            signs.withUnsafeBufferPointer { y in
                costs.withUnsafeBufferPointer { c in
                    for i in 0..<m.count {
                        let z = y[i] * (m[i] + b * bias)
                        switch kind {
                        case .svm:
                            if z < 1 {
                                first -= 2 * c[i] * (1 - z) * y[i] * bias
                                second += 2 * c[i] * bias * bias
                            }
                        case .logistic:
                            let p = 1 / (1 + exp(z))
                            first -= c[i] * y[i] * bias * p
                            second += c[i] * bias * bias * p * (1 - p)
                        }
                    }
                }
            }
        }
        return (b + parameters.c * first, 1 + parameters.c * second)
    }

    /// The bias weight that minimizes the weighted objective, starting from `start`: Newton
    /// steps on the derivative (exact within a few steps for the squared hinge, which is
    /// piecewise quadratic). Every evaluated point narrows a bracket of the root (the derivative
    /// increases), and a step that would leave the bracket bisects it instead. (A bracket
    /// set up in advance costs passes over the rows before the first step.)
    func fittedBias(from start: Double, parameters: LinearSolverParameters) -> Double {
        guard parameters.bias > 0, !margins.isEmpty else { return start }
        var low = -Double.infinity, high = Double.infinity
        var b = start
        for _ in 0..<200 {
            let (first, second) = slopes(b, parameters: parameters)
            if first == 0 { return b }
            if first < 0 { low = b } else { high = b }
            let newton = b - first / second
            if abs(newton - b) <= 1e-9 * max(1, abs(b)) { return newton }
            if newton > low && newton < high {
                b = newton
            } else if low.isFinite && high.isFinite {
                b = (low + high) / 2
                if high - low <= 1e-9 * max(1, abs(b)) { return b }
            } else {
                return newton
            }
        }
        return b
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
