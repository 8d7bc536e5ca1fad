extension ScreenBuffer {
    /// Draws the tab row on line `y`: numbered tabs, the selected one in reverse video, and
    /// `trailing` (e.g. the dataset name) right-aligned.
    public mutating func drawTabs(_ titles: [String], selected: Int, y: Int, trailing: String = "") {
        fill(Rect(x: 0, y: y, width: width, height: 1))
        let ranges = TabBar.ranges(titles: titles)
        for (i, title) in titles.enumerated() {
            let style = i == selected ? CellStyle(bold: true, reverse: true, role: .accent) : CellStyle.plain
            write(TabBar.label(i, title), x: ranges[i].lowerBound, y: y, style: style)
        }
        let used = (ranges.last?.upperBound ?? 0) + 2
        if !trailing.isEmpty, width - used > 4 {
            let text = trailing.truncated(toWidth: width - used - 1)
            write(text, x: width - 1 - text.displayWidth, y: y, style: .muted)
        }
    }
}
