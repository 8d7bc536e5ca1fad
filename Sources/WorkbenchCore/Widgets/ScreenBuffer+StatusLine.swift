extension ScreenBuffer {
    /// Draws the status line on row `y`: an optional message, then the key hints that fit.
    public mutating func drawStatusLine(y: Int, hints: [KeyHint], message: String? = nil,
                                        messageStyle: CellStyle = .plain) {
        let base = CellStyle(reverse: true)
        fill(Rect(x: 0, y: y, width: width, height: 1), style: base)
        var x = 1
        if let message, !message.isEmpty {
            var style = messageStyle
            style.reverse = true
            style.bold = true
            x += write(message, x: x, y: y, style: style, maxWidth: width - 2) + 2
        }
        for hint in hints {
            let needed = hint.key.displayWidth + 1 + hint.action.displayWidth
            if x + needed > width - 1 { break }
            x += write(hint.key, x: x, y: y, style: CellStyle(bold: true, reverse: true, role: .accent))
            x += write(" " + hint.action, x: x, y: y, style: base) + 2
        }
    }
}
