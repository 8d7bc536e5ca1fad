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

extension ScreenBuffer {
    /// Draws an outline: each row indented two columns per depth, with ▸ (collapsed), ▾ (expanded)
    /// or · (leaf), the selection highlighted, scrolling to keep it visible.
    public mutating func drawOutline(_ rect: Rect, rows: [OutlineRow], selected: Int?, focused: Bool) {
        let items = rows.map { row -> ListItem in
            let marker: String
            switch row.marker {
            case .collapsed: marker = "▸ "
            case .expanded: marker = "▾ "
            case .leaf: marker = "· "
            }
            let indent = String(repeating: "  ", count: min(row.depth, max(0, (rect.width - 12) / 4)))
            return ListItem(indent + marker + row.text, detail: row.detail, style: row.style)
        }
        drawList(rect, items: items, selected: selected, focused: focused)
    }
}
