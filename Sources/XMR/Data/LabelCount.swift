/// A label with its name and how many training points carry it.
public struct LabelCount: Codable, Sendable, Equatable {
    /// The label id.
    public var id: Int
    /// The label's name (`#id` without label names).
    public var name: String
    /// Number of training points with this label.
    public var count: Int

    /// Creates a label count from its parts.
    public init(id: Int, name: String, count: Int) {
        self.id = id
        self.name = name
        self.count = count
    }
}
