import Foundation

/// Errors from text vectorization: bad settings, missing texts, unreadable vectorizer files.
public enum TextVectorizerError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A configuration setting is out of range: the parameter's name and why.
    case invalidParameter(String, String)
    /// A dataset split that must be vectorized has no raw texts: the split's name.
    case missingTexts(String)
    /// The texts given do not match the points: what was expected.
    case countMismatch(String)
    /// A vectorizer file could not be read or is corrupt: the file and what is wrong.
    case badFile(URL, String)

    /// One line saying what is wrong.
    public var description: String {
        switch self {
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        case let .missingTexts(split): return "the \(split) split has no texts to vectorize"
        case let .countMismatch(what): return what
        case let .badFile(url, reason): return "\(url.path): \(reason)"
        }
    }

    /// The same line, for `localizedDescription`.
    public var errorDescription: String? { description }
}
