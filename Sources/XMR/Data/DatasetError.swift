/// A problem with a dataset file, described on one line as `path:line: message`.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the problem is in (as given to the reader).
    public var path: String
    /// The 1-based line number, when the problem belongs to one line.
    public var line: Int?
    /// What is wrong, without the path and line.
    public var message: String

    /// Creates an error for `path` (and `line`, when known).
    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, or `path: message` when no line applies.
    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}
