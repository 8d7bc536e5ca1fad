import Foundation
import Testing
@testable import XMR

@Suite struct CalibrationTests {
    @Test func plattRecoversALogisticCurve() {
        // Outcomes drawn from p(s) = 1 / (1 + exp(−6 s + 3)), scores uniform on [0, 1].
        var random = SplitMix64(seed: 7)
        var scores: [Float] = [], outcomes: [Bool] = []
        for _ in 0..<20_000 {
            let s = Double.random(in: 0..<1, using: &random)
            scores.append(Float(s))
            outcomes.append(Double.random(in: 0..<1, using: &random) < 1 / (1 + exp(-6 * s + 3)))
        }
        let fitted = PlattScaling.fit(CalibrationSample(scores: scores, outcomes: outcomes))
        #expect(abs(fitted.a - -6) < 0.4 && abs(fitted.b - 3) < 0.25, "\(fitted)")
        #expect(abs(fitted.probability(0.5) - 0.5) < 0.03)
    }

    @Test func isotonicPoolsViolatorsAndInterpolates() {
        let sample = CalibrationSample(scores: [0.4, 0.1, 0.3, 0.2, 0.2], outcomes: [true, false, false, true, false])
        let fitted = IsotonicCalibration.fit(sample)
        // 0.1 → 0; the tie at 0.2 is one point of mean 0.5, pooled with 0.3 (0) to 1/3; 0.4 → 1.
        #expect(fitted.scores == [0.1, 0.2, 0.3, 0.4].map { Double(Float($0)) })
        #expect(fitted.probabilities.map { ($0 * 1000).rounded() / 1000 } == [0, 0.333, 0.333, 1])
        #expect(fitted.probability(0.05) == 0 && fitted.probability(0.9) == 1, "clipped outside the knots")
        #expect(abs(fitted.probability(0.35) - (1.0 / 3 + (1 - 1.0 / 3) * 0.5)) < 1e-6, "interpolated between knots")
        #expect(abs(fitted.probability(0.25) - 1.0 / 3) < 1e-9, "flat inside a step")
        var previous = -1.0
        for s in stride(from: Float(0), through: 1, by: 0.01) {
            #expect(fitted.probability(s) >= previous)
            previous = fitted.probability(s)
        }
    }

    @Test func reliabilityReportMatchesAHandComputation() {
        let report = ReliabilityReport(probabilities: [0.02, 0.02, 0.95, 1.0], outcomes: [false, true, true, true])
        #expect(report.bins.count == 15 && report.count == 4)
        #expect(report.bins[0].count == 2 && report.bins[14].count == 2, "1.0 falls in the last bin")
        // Bin 0: |0.02 − 0.5| · 2/4; bin 14: |0.975 − 1| · 2/4.
        #expect(abs(report.ece - (0.48 * 0.5 + 0.025 * 0.5)) < 1e-12)
        #expect(abs(report.brier - (0.0004 + 0.9604 + 0.0025 + 0) / 4) < 1e-12)
        let lines = report.tableLines(barWidth: 10)
        #expect(lines.count == 16)
        #expect(lines[1] == "0.00-0.07       2      0.020     0.500  |████", "\(lines[1])")
        #expect(lines[2] == "0.07-0.13       0      0.000     0.000")
        #expect(lines[15] == "0.93-1.00       2      0.975     1.000  ██████████|")
    }

    @Test func sampleMarksTrueLabels() {
        let truth = CSRMatrix(rows: 2, cols: 3, triplets: [(0, 1, 1), (1, 0, 1), (1, 2, 1)])
        let sample = CalibrationSample(rankings: [[LabelScore(label: 1, score: 0.9), LabelScore(label: 0, score: 0.2)],
                                                  [LabelScore(label: 1, score: 0.5)]], truth: truth)
        #expect(sample.scores == [0.9, 0.2, 0.5] && sample.outcomes == [true, false, false])
    }

    @Test func fileRoundTripsAndRefusesAnotherModel() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("model.json", "{\"format\": \"xmr-xr-linear\"}\n")
        let checksum = try CalibrationFile.modelChecksum(ofModel: folder.url)
        let file = CalibrationFile(calibration: .isotonic(IsotonicCalibration(scores: [0.1, 0.5], probabilities: [0.2, 0.7])),
                                   modelChecksum: checksum, fittedOn: "test", predictions: 2, beamWidth: 10, topK: 5)
        #expect(try CalibrationFile.read(fromModel: folder.url) == nil)
        try file.write(toModel: folder.url)
        #expect(try CalibrationFile.read(fromModel: folder.url) == file)
        let platt = CalibrationFile(calibration: .platt(PlattScaling(a: -3.5, b: 1.25)), modelChecksum: checksum,
                                    fittedOn: "test", predictions: 2, beamWidth: 10, topK: 5)
        try platt.write(toModel: folder.url)
        #expect(try CalibrationFile.read(fromModel: folder.url) == platt, "an xmr calibration is replaced")

        let path = folder.url.appendingPathComponent("calibration.json").path
        func failure() -> String {
            do { _ = try CalibrationFile.read(fromModel: folder.url); return "read" } catch { return "\(error)" }
        }
        try folder.write("model.json", "{\"format\": \"xmr-xr-linear\", \"retrained\": true}\n")
        #expect(failure().hasPrefix("\(path): was fitted for another model (model.json CRC-32 "))

        try folder.write("model.json", "{\"format\": \"xmr-xr-linear\"}\n")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 5] ^= 1
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(failure() == "\(path): is corrupted (CRC-32 mismatch)")

        try folder.write("calibration.json", "my notes\n")
        #expect(failure() == "\(path): is not an xmr calibration file")
        #expect(throws: XRLinearError.invalidModelFile(file: path, message: "exists and is not an xmr calibration file; not replacing it")) {
            try file.write(toModel: folder.url)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my notes\n", "a file xmr did not write stays")
    }
}
