/// One entry of the status line: a key and what it does here.
public struct KeyHint: Sendable, Hashable {
    /// The key as the user types it ("s", "Tab", "↑↓").
    public var key: String
    /// What it does ("start", "focus").
    public var action: String

    /// Creates a hint.
    public init(_ key: String, _ action: String) {
        self.key = key
        self.action = action
    }
}
