/// How scores become probabilities.
public enum CalibrationMethod: String, CaseIterable, Sendable, Codable {
    /// Platt scaling of the final score (a logistic curve, two parameters).
    case platt
    /// Isotonic regression of the final score (a nondecreasing step function).
    case isotonic
}
