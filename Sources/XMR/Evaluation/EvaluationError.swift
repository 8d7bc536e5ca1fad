/// Why predictions could not be evaluated.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Predictions, beams and truth disagree in the number of points or levels.
    case shapeMismatch(String)
    /// A parameter is out of range; names the parameter.
    case invalidParameter(name: String, message: String)

    /// A one-line explanation for the user.
    public var description: String {
        switch self {
        case let .shapeMismatch(message): return "shape mismatch: \(message)"
        case let .invalidParameter(name, message): return "invalid \(name): \(message)"
        }
    }
}
