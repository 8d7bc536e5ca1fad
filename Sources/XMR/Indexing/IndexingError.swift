/// Why a label representation or a label tree could not be built.
public enum IndexingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is out of range; names the parameter and says what is allowed.
    case invalidParameter(name: String, message: String)
    /// Two matrices that must agree in shape do not.
    case shapeMismatch(String)
    /// The caller asked to stop.
    case cancelled

    /// A one-line explanation for the user.
    public var description: String {
        switch self {
        case let .invalidParameter(name, message): return "invalid \(name): \(message)"
        case let .shapeMismatch(message): return "shape mismatch: \(message)"
        case .cancelled: return "cancelled"
        }
    }
}
