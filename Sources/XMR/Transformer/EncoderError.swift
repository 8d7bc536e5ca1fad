/// Errors of transformer encoder folders and files, each a one-line description naming the file.
public enum EncoderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file of the encoder folder is missing, malformed or asks for something unsupported.
    case badFile(path: String, message: String)
    /// An encoding parameter is out of range; names the parameter.
    case invalidParameter(name: String, message: String)
    /// Encoding was cancelled through its `CancellationToken`.
    case cancelled

    /// A one-line description suitable for a command-line error.
    public var description: String {
        switch self {
        case let .badFile(path, message): return "\(path): \(message)"
        case let .invalidParameter(name, message): return "invalid parameter \(name): \(message)"
        case .cancelled: return "encoding was cancelled"
        }
    }
}
