/// One quantile of the label frequency distribution, e.g. the median number of points per label.
public struct LabelQuantile: Codable, Sendable, Equatable {
    /// A short title: `min`, `25%`, `50%`, ..., `max`.
    public var title: String
    /// The quantile as a fraction in 0...1.
    public var fraction: Double
    /// Training points per label at this quantile.
    public var value: Int

    /// Creates a quantile from its parts.
    public init(title: String, fraction: Double, value: Int) {
        self.title = title
        self.fraction = fraction
        self.value = value
    }
}
