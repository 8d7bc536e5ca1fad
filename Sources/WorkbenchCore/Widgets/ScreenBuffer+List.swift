extension ScreenBuffer {
    /// Draws a scrolling list (one column of padding on the left) with the selected row highlighted (reverse video when `focused`,
    /// bold otherwise) and ▲/▼ marks on the right edge when rows are hidden above or below.
    public mutating func drawList(_ rect: Rect, items: [ListItem], selected: Int?, focused: Bool) {
        guard !rect.isEmpty else { return }
        let first = ListViewport.firstRow(selected: selected, count: items.count, height: rect.height)
        for (row, index) in (first..<min(items.count, first + rect.height)).enumerated() {
            let item = items[index]
            var style = item.style
            let y = rect.y + row
            if index == selected {
                if focused { style.reverse = true } else { style.bold = true }
                fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: style)
            }
            let detailWidth = item.detail.isEmpty ? 0 : min(item.detail.displayWidth, rect.width / 2)
            let textWidth = rect.width - (detailWidth > 0 ? detailWidth + 1 : 0) - 2
            write(item.text.truncated(toWidth: textWidth), x: rect.x + 1, y: y, style: style)
            if detailWidth > 0 {
                write(item.detail, x: rect.maxX - 1 - detailWidth, y: y, width: detailWidth, alignment: .right, style: style)
            }
        }
        drawScrollMarks(rect, first: first, visible: rect.height, count: items.count)
    }

    /// ▲ in the top-right cell when rows are hidden above, ▼ in the bottom-right when below.
    public mutating func drawScrollMarks(_ rect: Rect, first: Int, visible: Int, count: Int) {
        if first > 0 { put("▲", x: rect.maxX - 1, y: rect.y, style: .muted) }
        if first + visible < count { put("▼", x: rect.maxX - 1, y: rect.maxY - 1, style: .muted) }
    }
}
