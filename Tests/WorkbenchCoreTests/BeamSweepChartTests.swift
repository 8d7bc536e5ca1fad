import Testing
import XMR
@testable import WorkbenchCore

@Suite("Beam sweep chart")
struct BeamSweepChartTests {
    static let sweep = BeamWidthSweep(points: [
        .init(beamWidth: 1, precisionAt1: 0.62, precisionAt5: 0.31, latencyMilliseconds: 0.05, medianLatencyMilliseconds: 0.05),
        .init(beamWidth: 2, precisionAt1: 0.66, precisionAt5: 0.36, latencyMilliseconds: 0.08, medianLatencyMilliseconds: 0.08),
        .init(beamWidth: 4, precisionAt1: 0.68, precisionAt5: 0.39, latencyMilliseconds: 0.14, medianLatencyMilliseconds: 0.13),
        .init(beamWidth: 8, precisionAt1: 0.69, precisionAt5: 0.40, latencyMilliseconds: 0.26, medianLatencyMilliseconds: 0.25),
        .init(beamWidth: 16, precisionAt1: 0.69, precisionAt5: 0.41, latencyMilliseconds: 0.50, medianLatencyMilliseconds: 0.49),
        .init(beamWidth: 32, precisionAt1: 0.69, precisionAt5: 0.41, latencyMilliseconds: 1.02, medianLatencyMilliseconds: 1.0),
    ], evaluatedPoints: 800, timedPoints: 800)

    @Test("Markers sit at their values, bars grow with latency, widths label the x axis")
    func layout() {
        let canvas = BeamSweepChart.canvas(Self.sweep, width: 80, height: 12)
        let rows = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows.count == 12)
        #expect(rows[0].hasPrefix("P@k 1 P@1  5 P@5"))
        #expect(rows[0].contains("ms/query (1 thread)"))
        // The y range is rounded to 0.05 around the values: 0.30 ... 0.70.
        #expect(rows[1].hasPrefix("0.70"))
        #expect(rows[9].hasPrefix("0.30"))
        // Beam widths under both x axes.
        #expect(rows[11].components(separatedBy: "32").count == 3)
        // The P@1 marker of width 1 is above its P@5 marker, in the same column.
        let p1 = (0..<12).flatMap { y in (0..<40).map { (x: $0, y: y) } }.filter {
            canvas[$0.x, $0.y].ink == .series(BeamSweepChart.precisionAt1Series) && canvas[$0.x, $0.y].character == "1" }
        let p5 = (0..<12).flatMap { y in (0..<40).map { (x: $0, y: y) } }.filter {
            canvas[$0.x, $0.y].ink == .series(BeamSweepChart.precisionAt5Series) && canvas[$0.x, $0.y].character == "5" }
        #expect(p1.count == 6 && p5.count == 6)
        #expect(p1.min { $0.x < $1.x }!.y < p5.min { $0.x < $1.x }!.y)
        // Bars: the width-32 bar is the tallest and the width-1 bar the shortest.
        let barHeights = (40..<80).map { x in (0..<12).filter { canvas[x, $0].ink == .series(BeamSweepChart.latencySeries) }.count }
            .filter { $0 > 0 }
        #expect(barHeights.count == 6)
        #expect(barHeights == barHeights.sorted())
        // The bars show the median (1.0 ms at width 32), not the mean (1.02).
        #expect(rows.joined().contains("1.00"))
        #expect(!rows.joined().contains("1.02"))
    }

    @Test("The numbers table under the chart has every measure at every width")
    func numbersTable() {
        let table = RunsScreen.sweepTable(Self.sweep)
        #expect(table.count == 5)
        #expect(table[0].hasPrefix("beam") && table[0].hasSuffix("32"))
        #expect(table[3].hasPrefix("median ms") && table[3].hasSuffix("1.00"))
        #expect(table[4].hasPrefix("mean ms") && table[4].hasSuffix("1.02"))
        #expect(table[1].contains("0.620"))
    }

    @Test("Too small a canvas says so instead of drawing")
    func tooSmall() {
        #expect(BeamSweepChart.canvas(Self.sweep, width: 20, height: 4).text.hasPrefix("(too small"))
    }
}
