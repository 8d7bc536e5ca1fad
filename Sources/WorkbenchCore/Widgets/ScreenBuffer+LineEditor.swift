extension ScreenBuffer {
    /// Draws a line editor after `prompt` on row `y` within `width` columns. When focused the
    /// cursor cell is shown in reverse video, and long text scrolls to keep the cursor visible;
    /// an empty unfocused editor shows `placeholder`.
    public mutating func drawLineEditor(_ editor: LineEditor, prompt: String, x: Int, y: Int, width: Int,
                                        focused: Bool, placeholder: String = "") {
        guard width > prompt.displayWidth + 2 else { return }
        let promptWidth = write(prompt, x: x, y: y, style: focused ? .title : .muted)
        let fieldX = x + promptWidth
        let fieldWidth = width - promptWidth
        fill(Rect(x: fieldX, y: y, width: fieldWidth, height: 1))
        if editor.characters.isEmpty && !focused {
            write(placeholder, x: fieldX, y: y, style: .muted, maxWidth: fieldWidth)
            return
        }
        // Scroll so the cursor stays within the field.
        var widths = editor.characters.map { DisplayWidth.of($0) }
        widths.append(1)
        var start = 0
        var span = widths[0...editor.cursor].reduce(0, +)
        while span > fieldWidth, start < editor.cursor {
            span -= widths[start]
            start += 1
        }
        var column = fieldX
        for index in start..<editor.characters.count {
            let w = widths[index]
            if column + w > fieldX + fieldWidth { break }
            let style = focused && index == editor.cursor ? CellStyle.reverse : CellStyle.plain
            column += put(editor.characters[index], x: column, y: y, style: style, limit: fieldX + fieldWidth)
        }
        if focused, editor.cursor == editor.characters.count, column < fieldX + fieldWidth {
            put(" ", x: column, y: y, style: .reverse)
        }
    }
}
