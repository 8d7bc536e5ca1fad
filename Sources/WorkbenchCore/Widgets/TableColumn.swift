/// A column of a table widget.
public struct TableColumn: Sendable, Hashable {
    /// Header text.
    public var title: String
    /// Fixed width in columns; `nil` makes the column take the width the others leave.
    public var width: Int?
    /// Alignment of header and cells.
    public var alignment: TextAlignment

    /// Creates a column.
    public init(_ title: String, width: Int? = nil, alignment: TextAlignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }

    /// Resolves the widths of `columns` inside `total` columns with `gap` spaces between them.
    public static func widths(_ columns: [TableColumn], total: Int, gap: Int) -> [Int] {
        let fixed = columns.compactMap(\.width).reduce(0, +) + gap * max(0, columns.count - 1)
        let flexible = columns.filter { $0.width == nil }.count
        let share = flexible > 0 ? max(0, total - fixed) / flexible : 0
        return columns.map { $0.width ?? share }
    }
}

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
