import Foundation

/// Label propensities for propensity-scored metrics (Jain, Prabhu and Varma, KDD 2016).
///
/// p_l = 1 / (1 + C·e^(−A·ln(N_l + B))) = 1 / (1 + C·(N_l + B)^(−A)), with C = (ln N − 1)·(B + 1)^A,
/// N the number of training points and N_l the number of training points with label l; the usual
/// A = 0.55 and B = 1.5 are the defaults (as in the Extreme Classification Repository's tools).
public struct LabelPropensity: Sendable, Codable, Equatable {
    /// 1 / p_l for every label l.
    public var inversePropensities: [Double]

    /// Propensities from each label's training frequency and the number of training points.
    public init(labelFrequencies: [Int], pointCount: Int, a: Double = 0.55, b: Double = 1.5) {
        let c = (log(Double(max(pointCount, 1))) - 1) * pow(b + 1, a)
        inversePropensities = labelFrequencies.map { 1 + c * pow(Double($0) + b, -a) }
    }

    /// Propensities from the training label matrix (points × labels; stored nonzeros count).
    public init(trainingLabels: CSRMatrix, a: Double = 0.55, b: Double = 1.5) {
        var frequencies = [Int](repeating: 0, count: trainingLabels.cols)
        for (column, value) in zip(trainingLabels.columnIndices, trainingLabels.values) where value != 0 {
            frequencies[Int(column)] += 1
        }
        self.init(labelFrequencies: frequencies, pointCount: trainingLabels.rows, a: a, b: b)
    }

    /// The propensity p_l of label `label`.
    public func propensity(ofLabel label: Int) -> Double { 1 / inversePropensities[label] }
}
