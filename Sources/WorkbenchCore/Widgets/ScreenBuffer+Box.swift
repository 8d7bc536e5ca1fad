extension ScreenBuffer {
    /// Draws a box with UTF-8 line characters and an optional title in its top border.
    /// A focused box gets a bold accent border so the user sees where keys go.
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
            write(text, x: rect.x + 2, y: rect.y, style: focused ? .title : .bold)
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

/// Word wrapping by display width.
public enum TextWrap {
    /// `text` split into lines of at most `width` columns, breaking at spaces when possible.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var piece = String(word)
                var pieceWidth = piece.displayWidth
                if lineWidth > 0, lineWidth + 1 + pieceWidth <= width {
                    line += " " + piece
                    lineWidth += 1 + pieceWidth
                    continue
                }
                if lineWidth > 0 {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                }
                while pieceWidth > width {
                    var head = ""
                    var headWidth = 0
                    var rest = Substring(piece)
                    while let c = rest.first, headWidth + DisplayWidth.of(c) <= width {
                        head.append(c)
                        headWidth += DisplayWidth.of(c)
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty { break }
                    result.append(head)
                    piece = String(rest)
                    pieceWidth = piece.displayWidth
                }
                line = piece
                lineWidth = pieceWidth
            }
            result.append(line)
        }
        return result
    }
}
