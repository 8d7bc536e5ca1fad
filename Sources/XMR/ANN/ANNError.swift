/// Errors of the approximate nearest-neighbour index, each with a one-line description.
public enum ANNError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is out of range; names the parameter.
    case invalidParameter(name: String, message: String)
    /// Vectors or queries that do not fit the index (dimension, kind, similarity).
    case invalidInput(String)
    /// An index file is missing, truncated, corrupted or of an unknown version; names the file.
    case invalidIndexFile(file: String, message: String)

    /// A one-line description suitable for a command-line error.
    public var description: String {
        switch self {
        case let .invalidParameter(name, message): return "invalid parameter \(name): \(message)"
        case let .invalidInput(message): return message
        case let .invalidIndexFile(file, message): return "\(file): \(message)"
        }
    }
}
