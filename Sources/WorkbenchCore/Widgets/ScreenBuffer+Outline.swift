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
