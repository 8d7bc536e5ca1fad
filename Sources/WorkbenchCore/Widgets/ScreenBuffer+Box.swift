extension ScreenBuffer {
    /// Draws a box with UTF-8 line characters and an optional title in its top border.
    /// A focused box gets a bold accent border and a reverse-video title, so the user sees where
    /// keys go.
    public mutating func drawBox(_ rect: Rect, title: String? = nil, focused: Bool = false) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style = focused ? CellStyle(bold: true, role: .accent) : CellStyle.muted
        let horizontal = String(repeating: "─", count: rect.width - 2)
        write("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: style)
        write("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: style)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            put("│", x: rect.x, y: row, style: style)
            put("│", x: rect.maxX - 1, y: row, style: style)
        }
        if let title, !title.isEmpty, rect.width > 6 {
            let text = " " + title.truncated(toWidth: rect.width - 6) + " "
            write(text, x: rect.x + 2, y: rect.y, style: focused ? CellStyle(bold: true, reverse: true, role: .accent) : .bold)
        }
    }

    /// Writes `text` right-aligned into the top border of a box (e.g. "3/40").
    public mutating func drawBoxCaption(_ rect: Rect, _ text: String, style: CellStyle = .muted) {
        guard rect.width > 8, !text.isEmpty else { return }
        let cut = " " + text.truncated(toWidth: rect.width / 2) + " "
        write(cut, x: rect.maxX - 2 - cut.displayWidth, y: rect.y, style: style)
    }

    /// Writes `text` word-wrapped into `rect`; returns the number of rows the full text needs.
    @discardableResult
    public mutating func drawWrapped(_ text: String, in rect: Rect, style: CellStyle = .plain,
                                     firstLine: Int = 0) -> Int {
        let lines = TextWrap.lines(text, width: rect.width)
        for (i, line) in lines.dropFirst(firstLine).prefix(rect.height).enumerated() {
            write(line, x: rect.x, y: rect.y + i, style: style, maxWidth: rect.width)
        }
        return lines.count
    }
}
