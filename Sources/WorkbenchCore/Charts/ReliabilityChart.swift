import XMR

/// A reliability diagram: observed frequency of true labels against mean predicted probability,
/// one marker per non-empty bin, raw scores (`o`) and calibrated probabilities (`●`), over the
/// diagonal `·` where a perfectly calibrated model's bins lie.
public enum ReliabilityChart {
    /// The series index of the calibrated bins (green).
    public static let calibratedSeries = 1
    /// The series index of the raw scores' bins (yellow).
    public static let rawSeries = 2

    /// The diagram of `calibration` in a `width` × `height` canvas (at least 20 × 6 to show anything).
    public static func canvas(_ calibration: RunCalibration, width: Int, height: Int) -> ChartCanvas {
        let sized = ChartCanvas.forChart(width: width, height: height, minimumWidth: 20, minimumHeight: 6)
        var canvas = sized.canvas
        guard sized.fits else { return canvas }
        let x0 = 5
        let plotHeight = height - 2
        // Two columns per row keep the square plot square on a terminal's tall cells.
        let span = min(width - x0, 2 * plotHeight)
        func column(_ p: Double) -> Int { x0 + Int((min(1, max(0, p)) * Double(span - 1)).rounded()) }
        func row(_ p: Double) -> Int { plotHeight - 1 - Int((min(1, max(0, p)) * Double(plotHeight - 1)).rounded()) }
        for (label, p) in [("1.0", 1.0), ("0.5", 0.5), ("0.0", 0.0)] {
            canvas.write(label, x: 0, y: row(p), ink: .label)
        }
        for y in 0..<plotHeight { canvas.put("│", x: x0 - 1, y: y, ink: .axis) }
        canvas.put("└", x: x0 - 1, y: plotHeight, ink: .axis)
        for x in x0..<(x0 + span) { canvas.put("─", x: x, y: plotHeight, ink: .axis) }
        canvas.write("0", x: x0, y: plotHeight + 1, ink: .label)
        canvas.write("0.5", x: column(0.5) - 1, y: plotHeight + 1, ink: .label)
        canvas.write("1", x: x0 + span - 1, y: plotHeight + 1, ink: .label)
        for x in x0..<(x0 + span) {
            let p = Double(x - x0) / Double(max(1, span - 1))
            canvas.put("·", x: x, y: row(p), ink: .axis)
        }
        for bin in calibration.before.bins where bin.count > 0 {
            canvas.put("o", x: column(bin.meanProbability), y: row(bin.observedFrequency), ink: .series(rawSeries))
        }
        for bin in calibration.after.bins where bin.count > 0 {
            canvas.put("●", x: column(bin.meanProbability), y: row(bin.observedFrequency), ink: .series(calibratedSeries))
        }
        return canvas
    }
}
