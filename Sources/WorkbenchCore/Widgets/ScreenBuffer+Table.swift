extension ScreenBuffer {
    /// Draws a table: a bold header row, then `rows` (cells aligned per column), clipped to `rect`.
    /// `selected` is drawn in reverse video; `firstRow` scrolls. `rowStyles` colours whole rows.
    public mutating func drawTable(_ rect: Rect, columns: [TableColumn], rows: [[String]],
                                   rowStyles: [CellStyle]? = nil, selected: Int? = nil, firstRow: Int = 0,
                                   gap: Int = 2, header: Bool = true) {
        guard !rect.isEmpty else { return }
        let widths = TableColumn.widths(columns, total: rect.width, gap: gap)
        var y = rect.y
        func drawRow(_ cells: [String], style: CellStyle) {
            var x = rect.x
            for (i, column) in columns.enumerated() where x < rect.maxX {
                let w = min(widths[i], rect.maxX - x)
                write(i < cells.count ? cells[i] : "", x: x, y: y, width: w, alignment: column.alignment, style: style)
                x += widths[i] + gap
            }
        }
        if header {
            drawRow(columns.map(\.title), style: CellStyle(bold: true, underline: false, role: .accent))
            y += 1
        }
        for index in firstRow..<rows.count where y < rect.maxY {
            var style = rowStyles.map { index < $0.count ? $0[index] : .plain } ?? .plain
            if index == selected {
                style.reverse = true
                fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            }
            drawRow(rows[index], style: style)
            y += 1
        }
    }
}
