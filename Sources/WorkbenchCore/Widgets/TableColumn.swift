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
