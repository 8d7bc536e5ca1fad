import Foundation

/// The fine-tuning loss against the optimizer step: a `•` per column at the mean loss of the steps
/// that column covers, over a y axis labelled with the highest and lowest loss.
public enum LossChart {
    /// The series index of the curve.
    public static let series = 0

    /// The chart of `curve` in a `width` × `height` canvas (at least 16 × 4 to show anything).
    public static func canvas(_ curve: LossCurve, width: Int, height: Int) -> ChartCanvas {
        let sized = ChartCanvas.forChart(width: width, height: height, minimumWidth: 16, minimumHeight: 4)
        var canvas = sized.canvas
        guard sized.fits else { return canvas }
        let points = curve.points
        guard !points.isEmpty else {
            canvas.write("(no step yet)", x: 0, y: 0, ink: .label)
            return canvas
        }
        let labelWidth = 6, x0 = labelWidth + 1, plotHeight = height - 1, columns = width - x0
        let high = points.max()!, low = points.min()!, span = max(high - low, 1e-9)
        func row(_ value: Double) -> Int { Int(((high - value) / span * Double(plotHeight - 1)).rounded()) }
        canvas.write(label(high, width: labelWidth), x: 0, y: 0, ink: .label)
        if plotHeight > 1 { canvas.write(label(low, width: labelWidth), x: 0, y: plotHeight - 1, ink: .label) }
        for y in 0..<plotHeight { canvas.put("│", x: x0 - 1, y: y, ink: .axis) }
        canvas.put("└", x: x0 - 1, y: plotHeight, ink: .axis)
        for x in x0..<width { canvas.put("─", x: x, y: plotHeight, ink: .axis) }
        let steps = "\(curve.steps) steps"
        if steps.count + 2 <= columns { canvas.write(steps, x: width - steps.count, y: plotHeight, ink: .label) }
        // Each column averages the points it covers; a short curve takes only the columns it needs.
        let used = min(columns, points.count)
        for c in 0..<used {
            let begin = c * points.count / used, end = max(begin + 1, (c + 1) * points.count / used)
            let mean = points[begin..<end].reduce(0, +) / Double(end - begin)
            canvas.put("•", x: x0 + c, y: row(mean), ink: .series(series))
        }
        return canvas
    }

    /// A loss right-aligned in `width` columns with as many decimals as fit.
    static func label(_ value: Double, width: Int) -> String {
        var text = value >= 100 ? "\(Int(value.rounded()))" : String(format: value >= 10 ? "%.1f" : "%.2f", value)
        if text.count > width { text = String(text.prefix(width)) }
        return String(repeating: " ", count: width - text.count) + text
    }
}
