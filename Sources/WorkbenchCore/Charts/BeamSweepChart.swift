import Foundation
import XMR

/// Draws a beam-width sweep as two charts side by side: P@1 and P@5 against beam width (markers
/// `1` and `5` joined by dotted lines), and the median milliseconds per query as bars with their values.
/// Beam widths are evenly spaced on the x axis (they usually double), labelled below.
public enum BeamSweepChart {
    /// Series indices of the inks: P@1, P@5, latency bars.
    public static let precisionAt1Series = 0
    /// The P@5 series.
    public static let precisionAt5Series = 1
    /// The latency series.
    public static let latencySeries = 2

    /// The chart of `sweep` in a `width` × `height` canvas (at least 30 × 6 to show anything).
    public static func canvas(_ sweep: BeamWidthSweep, width: Int, height: Int) -> ChartCanvas {
        let sized = ChartCanvas.forChart(width: width, height: height, minimumWidth: 30, minimumHeight: 6)
        var canvas = sized.canvas
        guard sized.fits else { return canvas }
        guard !sweep.points.isEmpty else {
            canvas.write("(no beam widths swept)", x: 0, y: 0, ink: .label)
            return canvas
        }
        let gap = 3
        let leftWidth = (width - gap) * 11 / 20
        drawPrecision(sweep, into: &canvas, x: 0, width: leftWidth, height: height)
        drawLatency(sweep, into: &canvas, x: leftWidth + gap, width: width - leftWidth - gap, height: height)
        return canvas
    }

    /// The x column of point `i` of `count` within a plot area starting at `x0`, `span` columns wide.
    static func column(_ i: Int, of count: Int, x0: Int, span: Int) -> Int {
        count == 1 ? x0 + span / 2 : x0 + Int((Double(i) * Double(span - 1) / Double(count - 1)).rounded())
    }

    /// Draws the x axis (a rule with ticks at the points and the widths below) on rows `y`, `y + 1`.
    static func drawXAxis(_ widths: [Int], into canvas: inout ChartCanvas, x0: Int, span: Int, y: Int, corner: Character) {
        canvas.put(corner, x: x0 - 1, y: y, ink: .axis)
        for x in x0..<(x0 + span) { canvas.put("─", x: x, y: y, ink: .axis) }
        for (i, width) in widths.enumerated() {
            let x = column(i, of: widths.count, x0: x0, span: span)
            canvas.put("┬", x: x, y: y, ink: .axis)
            let label = "\(width)"
            canvas.write(label, x: x - (label.count - 1) / 2, y: y + 1, ink: .label)
        }
    }

    /// The left chart: P@1 and P@5 against beam width on a y range rounded to 0.05.
    static func drawPrecision(_ sweep: BeamWidthSweep, into canvas: inout ChartCanvas, x: Int, width: Int, height: Int) {
        let values = sweep.points.flatMap { [$0.precisionAt1, $0.precisionAt5] }
        var low = ((values.min() ?? 0) * 20).rounded(.down) / 20
        var high = ((values.max() ?? 1) * 20).rounded(.up) / 20
        if high - low < 0.05 { high = min(1, low + 0.05); low = max(0, high - 0.05) }
        canvas.write("P@k ", x: x, y: 0, ink: .label)
        canvas.write("1", x: x + 4, y: 0, ink: .series(precisionAt1Series))
        canvas.write(" P@1  ", x: x + 5, y: 0, ink: .label)
        canvas.write("5", x: x + 11, y: 0, ink: .series(precisionAt5Series))
        canvas.write(" P@5", x: x + 12, y: 0, ink: .label)
        let labelWidth = 5
        let top = 1, bottom = height - 3          // plot rows top...bottom; axis at height - 2
        let rows = bottom - top + 1
        let x0 = x + labelWidth + 1, span = width - labelWidth - 2
        guard rows >= 2, span >= 4 else { return }
        func row(_ value: Double) -> Int {
            bottom - Int(((value - low) / (high - low) * Double(rows - 1)).rounded())
        }
        for y in top...bottom { canvas.put("│", x: x0 - 1, y: y, ink: .axis) }
        for (value, y) in [(high, top), ((high + low) / 2, (top + bottom) / 2), (low, bottom)] {
            canvas.write(String(format: "%.2f", value), x: x, y: y, ink: .label)
            canvas.put("┤", x: x0 - 1, y: y, ink: .axis)
        }
        drawXAxis(sweep.points.map(\.beamWidth), into: &canvas, x0: x0, span: span, y: height - 2, corner: "└")
        let series: [(Int, Character, KeyPath<BeamWidthSweep.Point, Double>)] = [
            (precisionAt5Series, "5", \.precisionAt5), (precisionAt1Series, "1", \.precisionAt1),
        ]
        for (index, marker, key) in series {
            let points = sweep.points.enumerated().map { i, point in
                (column(i, of: sweep.points.count, x0: x0, span: span), point[keyPath: key])
            }
            // Dotted joins first, markers over them.
            for (a, b) in zip(points, points.dropFirst()) where b.0 - a.0 > 1 {
                for cx in (a.0 + 1)..<b.0 {
                    let t = Double(cx - a.0) / Double(b.0 - a.0)
                    let y = row(a.1 + (b.1 - a.1) * t)
                    if canvas[cx, y].ink == .blank { canvas.put("·", x: cx, y: y, ink: .series(index)) }
                }
            }
            for (cx, value) in points { canvas.put(marker, x: cx, y: row(value), ink: .series(index)) }
        }
    }

    /// The right chart: median milliseconds per query (one thread) as bars from zero, values on top.
    static func drawLatency(_ sweep: BeamWidthSweep, into canvas: inout ChartCanvas, x: Int, width: Int, height: Int) {
        canvas.write("median ms/query (1 thread)", x: x, y: 0, ink: .label)
        let top = 2, bottom = height - 3
        let rows = bottom - top + 1
        let x0 = x + 1, span = width - 2
        guard rows >= 1, span >= 4 else { return }
        let high = max(sweep.points.map(\.medianLatencyMilliseconds).max() ?? 0, 1e-9)
        for y in 1...bottom { canvas.put("│", x: x0 - 1, y: y, ink: .axis) }
        drawXAxis(sweep.points.map(\.beamWidth), into: &canvas, x0: x0, span: span, y: height - 2, corner: "└")
        var labelEnds: [Int: Int] = [:]      // row → first free column after the labels written there
        for (i, point) in sweep.points.enumerated() {
            let cx = column(i, of: sweep.points.count, x0: x0, span: span)
            let filled = max(1, Int((point.medianLatencyMilliseconds / high * Double(rows)).rounded()))
            for y in (bottom - filled + 1)...bottom { canvas.put("█", x: cx, y: y, ink: .series(latencySeries)) }
            let label = formatMilliseconds(point.medianLatencyMilliseconds)
            let labelX = min(max(cx - label.count / 2, x0), x + width - label.count)
            // Above its bar; one row higher while it would touch a neighbour's label.
            var y = bottom - filled
            while y > 1, labelX <= (labelEnds[y] ?? Int.min) { y -= 1 }
            canvas.write(label, x: labelX, y: y, ink: .label)
            labelEnds[y] = labelX + label.count
        }
    }

    /// Milliseconds in at most five characters.
    static func formatMilliseconds(_ ms: Double) -> String {
        if ms >= 100 { return String(format: "%.0f", ms) }
        if ms >= 10 { return String(format: "%.1f", ms) }
        if ms >= 1 { return String(format: "%.2f", ms) }
        return String(format: "%.3f", ms).replacingOccurrences(of: "0.", with: ".", options: .anchored)
    }
}
