/// Horizontal alignment of text within a column.
public enum TextAlignment: Sendable, Hashable {
    /// Flush left.
    case left
    /// Flush right (numbers).
    case right
    /// Centred.
    case center
}
