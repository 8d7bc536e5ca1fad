/// One row of a list widget.
public struct ListItem: Sendable, Hashable {
    /// The main text, left-aligned.
    public var text: String
    /// Optional text right-aligned on the same row (a count, a score).
    public var detail: String
    /// The row's style.
    public var style: CellStyle

    /// Creates a list row.
    public init(_ text: String, detail: String = "", style: CellStyle = .plain) {
        self.text = text
        self.detail = detail
        self.style = style
    }
}
