/// A command's failure with a one-line message.
struct CommandFailure: Error, CustomStringConvertible {
    /// The message.
    var description: String
    /// Creates a failure with `message`.
    init(_ message: String) { description = message }
}
