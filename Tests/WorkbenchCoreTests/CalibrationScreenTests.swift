import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// Calibration in the workbench: `p` on the Runs screen calibrates a run, its reliability diagram
/// is drawn on the chart canvas, and Query shows probabilities with a line at p = 0.5.
@Suite(.serialized) struct CalibrationScreenTests {
    /// A fixed calibration record: raw scores too confident, the calibrated bins near the diagonal.
    static func calibration() -> RunCalibration {
        let raw: [Double] = [0.9, 0.9, 0.9, 0.9, 0.7, 0.7, 0.7, 0.5, 0.5, 0.3, 0.3, 0.1]
        let calibrated: [Double] = [0.6, 0.6, 0.6, 0.6, 0.3, 0.3, 0.3, 0.05, 0.05, 0.05, 0.05, 0.05]
        let outcomes = [true, true, false, true, true, false, false, false, false, false, false, false]
        var record = RunCalibration(method: .isotonic, fittedOn: "60 training points held out", fitPredictions: 600,
                                    before: ReliabilityReport(probabilities: raw, outcomes: outcomes),
                                    after: ReliabilityReport(probabilities: calibrated, outcomes: outcomes))
        record.threshold = 0.3
        record.thresholdTestF1 = 0.5
        return record
    }

    @Test(arguments: [[80, 24], [120, 40]])
    func runsScreenDrawsTheReliabilityDiagram(size: [Int]) throws {
        var state = Fixtures.state(width: size[0], height: size[1], trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("5"))
        let effects = WorkbenchReducer.reduce(&state, key: .character("p"))
        #expect(effects == [.calibrateRun(1)])
        #expect(state.runsScreen.calibrating == 1)
        #expect(WorkbenchReducer.reduce(&state, key: .character("p")).isEmpty, "one calibration at a time")
        #expect(WorkbenchRenderer.render(state).renderedText().contains("Calibrating run 1"))
        #expect(WorkbenchReducer.reduce(&state, key: .character("c")) == [.cancelCalibration])
        #expect(WorkbenchReducer.apply(&state, event: .calibrationFinished(run: 1, Self.calibration())) == [.saveSession])
        #expect(state.runsScreen.calibrating == nil)
        #expect(state.session.run(numbered: 1)?.calibration == Self.calibration())
        // Query's line moves to the run's tuned threshold.
        #expect(state.session.currentRun == 1 && QueryScreen.probabilityThreshold(state) == 0.3)
        state.message = nil
        let buffer = WorkbenchRenderer.render(state)
        let text = buffer.renderedText()
        #expect(text.contains("Reliability of run 1"))
        // The calibrated bins are green ●, the raw ones yellow o, the diagonal muted.
        let marks = (0..<buffer.height).flatMap { y in (0..<buffer.width).map { (x: $0, y: y) } }
        let dots = marks.filter { buffer[$0.x, $0.y].character == "●" }
        #expect(!dots.isEmpty && dots.allSatisfy { buffer[$0.x, $0.y].style.role == .good })
        let raw = marks.filter { buffer[$0.x, $0.y].character == "o" && buffer[$0.x, $0.y].style.role == .warning }
        #expect(!raw.isEmpty)
        SnapshotAssert.checkWithStyles(buffer, named: "runs-reliability-\(size[0])x\(size[1])")
    }

    @Test func theCalibrationIsSavedWithItsRun() throws {
        var run = try #require(Fixtures.state(trained: true).session.runs.first)
        run.calibration = Self.calibration()
        let decoded = try JSONDecoder().decode(SessionRun.self, from: JSONEncoder().encode(run))
        #expect(decoded == run)
    }

    @Test func calibratingTheSampleModelWritesItsFileAndQueryShowsProbabilities() throws {
        let model = try #require(EngineScreenTests.trained.model as? XRWorkbenchModel)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-calibration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try model.trained.save(to: folder)
        let (record, calibrated) = try model.calibrate(dataset: EngineScreenTests.smallDataset, modelFolder: folder,
                                                       threads: 2, cancel: CancellationToken())
        #expect(record.after.ece < record.before.ece, "ECE \(record.before.ece) → \(record.after.ece)")
        #expect(record.after.count == record.before.count && record.after.count > 0)
        let threshold = try #require(record.threshold)
        #expect(threshold > 0 && threshold <= 1)
        #expect((0...1).contains(record.thresholdTestF1 ?? -1))
        // The file is tied to this model folder, and a model loaded from it has the calibration.
        #expect(try CalibrationFile.read(fromModel: folder) != nil)
        let loaded = try XRWorkbenchModel.load(from: folder, dataset: EngineScreenTests.smallDataset, summary: model.summary)
        #expect(loaded.calibration != nil)

        var state = EngineScreenTests.state(width: 120, height: 40)
        _ = WorkbenchReducer.reduce(&state, key: .character("4"))
        let request = QueryRequest(input: .testPoint(0), beamWidth: 10, topK: 10)
        let answer = try calibrated.answer(request, dataset: EngineScreenTests.smallDataset)
        let probabilities = answer.ranked.compactMap(\.probability)
        #expect(probabilities.count == answer.ranked.count)
        #expect(probabilities.allSatisfy { (0...1).contains($0) })
        #expect(probabilities == probabilities.sorted(by: >), "isotonic keeps the score order")
        _ = WorkbenchReducer.apply(&state, event: .queryAnswered(answer))
        let buffer = WorkbenchRenderer.render(state)
        #expect(buffer.renderedText().contains("prob"))
        // The line sits under the last label with p ≥ 0.5 (and under no other).
        let underlined = (0..<buffer.height).filter { y in (0..<buffer.width).contains { buffer[$0, y].style.underline } }
        if let last = answer.ranked.lastIndex(where: { ($0.probability ?? 0) >= QueryScreen.probabilityThreshold(state) }) {
            #expect(underlined.count == 1)
            let row = try #require(underlined.first)
            #expect(buffer.line(row).contains(answer.ranked[last].name))
        } else {
            #expect(underlined.isEmpty)
        }
    }
}
