/// One visible row of an outline (a tree drawn with expand/collapse markers).
public struct OutlineRow: Sendable, Hashable {
    /// Whether a row has children, and whether they are shown.
    public enum Marker: Sendable, Hashable {
        /// Children hidden: ▸.
        case collapsed
        /// Children shown: ▾.
        case expanded
        /// No children.
        case leaf
    }

    /// Nesting depth (0 = top).
    public var depth: Int
    /// The marker before the text.
    public var marker: Marker
    /// The row's text.
    public var text: String
    /// Right-aligned detail (e.g. a size).
    public var detail: String
    /// The row's style.
    public var style: CellStyle

    /// Creates an outline row.
    public init(depth: Int, marker: Marker, text: String, detail: String = "", style: CellStyle = .plain) {
        self.depth = depth
        self.marker = marker
        self.text = text
        self.detail = detail
        self.style = style
    }
}
