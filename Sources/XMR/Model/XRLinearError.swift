/// Errors of training, prediction and model files, each with a one-line description.
public enum XRLinearError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A hyperparameter is out of range; names the parameter.
    case invalidParameter(name: String, message: String)
    /// Inputs that do not fit together (shapes, tree versus labels).
    case invalidInput(String)
    /// Training was cancelled through its `CancellationToken`.
    case cancelled
    /// A model file is missing, truncated, corrupted or of an unknown version; names the file.
    case invalidModelFile(file: String, message: String)

    /// A one-line description suitable for a command-line error.
    public var description: String {
        switch self {
        case let .invalidParameter(name, message): return "invalid parameter \(name): \(message)"
        case let .invalidInput(message): return message
        case .cancelled: return "training was cancelled"
        case let .invalidModelFile(file, message): return "\(file): \(message)"
        }
    }
}
