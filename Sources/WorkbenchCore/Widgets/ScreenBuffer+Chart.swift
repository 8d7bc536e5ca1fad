extension ScreenBuffer {
    /// Copies a chart canvas to (`x`, `y`), giving each ink a style: axes muted, labels plain, and
    /// the series accent, good and warning in turn.
    public mutating func drawChart(_ canvas: ChartCanvas, x: Int, y: Int) {
        let seriesStyles: [CellStyle] = [CellStyle(bold: true, role: .accent), CellStyle(bold: true, role: .good), .warning]
        for row in 0..<canvas.height {
            for column in 0..<canvas.width {
                let (character, ink) = canvas[column, row]
                let style: CellStyle
                switch ink {
                case .blank: continue
                case .axis: style = .muted
                case .label: style = .plain
                case .series(let index): style = seriesStyles[index % seriesStyles.count]
                }
                put(character, x: x + column, y: y + row, style: style)
            }
        }
    }
}
