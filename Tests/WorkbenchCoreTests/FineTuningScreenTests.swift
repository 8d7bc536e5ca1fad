import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// The neural matcher on the Train screen: its fine-tuning rows in the form, the loss of every
/// step kept in a bounded curve, and the curve drawn live under the stage table.
@Suite struct FineTuningScreenTests {
    /// A fine-tuning report of step `step` of `steps` (16 texts a step) with `loss` as the step's loss.
    static func progress(step: Int, steps: Int, loss: Double) -> FineTuningProgress {
        FineTuningProgress(level: 1, levels: 1, epoch: 1, epochs: 4, done: 16 * step, total: 16 * steps, loss: loss,
                           examplesPerSecond: 25, stepLoss: loss)
    }

    @Test func fineTuningRowsAppearOnlyWithTheNeuralMatcher() {
        var p = Pipeline()
        let tuning: [TrainingField] = [.epochs, .learningRate, .headLearningRate, .freezeLayers, .fineTuneMaxLength, .batchSize]
        #expect(TrainingField.visible(in: p).filter(tuning.contains).isEmpty)
        p.matcher.algorithm = .neural
        let rows = TrainingField.visible(in: p)
        #expect(rows.filter(tuning.contains) == tuning)
        #expect(rows.firstIndex(of: .epochs)! == rows.firstIndex(of: .matcher)! + 1, "right under the matcher")
        #expect(tuning.allSatisfy { $0.isDefault(in: p) })
        #expect(TrainingField.epochs.value(in: p) == "\(FineTuningParameters().epochs)")
        #expect(TrainingField.freezeLayers.value(in: p) == "half")
        #expect(TrainingField.headLearningRate.value(in: p) == "0.03")

        #expect(TrainingField.epochs.assign("8", to: &p) == nil)
        #expect(p.matcher.fineTuning?.epochs == 8 && !TrainingField.epochs.isDefault(in: p))
        #expect(TrainingField.freezeLayers.assign("2", to: &p) == nil)
        #expect(p.matcher.fineTuning?.frozenLayers == 2)
        #expect(TrainingField.freezeLayers.assign("half", to: &p) == nil)
        #expect(p.matcher.fineTuning?.frozenLayers == nil)
        #expect(TrainingField.learningRate.assign("5e-5", to: &p) == nil)
        #expect(p.matcher.fineTuning?.learningRate == 5e-5)
        #expect(TrainingField.learningRate.assign("0", to: &p) != nil)
        #expect(TrainingField.epochs.assign("0", to: &p) != nil)
        #expect(TrainingField.fineTuneMaxLength.assign("1", to: &p) != nil)
        #expect(p.matcher.fineTuning?.epochs == 8, "a refused value leaves the pipeline as it was")
    }

    @Test func lossCurveKeepsEveryStepInBoundedPoints() {
        var curve = LossCurve()
        for step in 0..<2000 { curve.append(3 - Double(step) / 1000) }
        curve.append(.nan)
        #expect(curve.steps == 2000)
        #expect(curve.points.count < LossCurve.capacity && curve.points.count > LossCurve.capacity / 4)
        #expect(curve.stepsPerPoint == 4)
        #expect(curve.points.first! > curve.points.last!)
        #expect(abs(curve.points.first! - 2.9985) < 1e-9, "the first point averages the first 4 steps")
    }

    @Test func lossChartPutsHighLossesAboveLowOnes() {
        var curve = LossCurve()
        for loss in [3.0, 2.5, 2.0, 1.5, 1.0] { curve.append(loss) }
        let canvas = LossChart.canvas(curve, width: 30, height: 6)
        let lines = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("  3.00│•"), "\(canvas.text)")
        #expect(lines[4].hasPrefix("  1.00│") && lines[4].hasSuffix("•"), "\(canvas.text)")
        #expect(lines[5].hasPrefix("      └─") && lines[5].hasSuffix("5 steps"), "\(canvas.text)")
        #expect(LossChart.canvas(LossCurve(), width: 30, height: 6).text.contains("no step yet"))
    }

    @Test func trainScreenDrawsTheLiveLossCurve() {
        var snapshot = TrainingSnapshot(phase: .training)
        XRWorkbenchEngine.apply(.stageStarted(.matcher("neural")), to: &snapshot, clusteringStart: Date())
        for step in 1...60 {
            XRWorkbenchEngine.apply(.fineTuning(Self.progress(step: step, steps: 188, loss: 4 - Double(step) / 16)),
                                    to: &snapshot, clusteringStart: Date())
        }
        #expect(snapshot.lossCurve.steps == 60)
        var state = Fixtures.state(width: 120, height: 40)
        state.screen = .train
        state.trainScreen.status = .running(snapshot)
        let buffer = WorkbenchRenderer.render(state)
        let text = buffer.renderedText()
        #expect(text.contains("Epoch 1/4 of level 1/1 · 960/3,008 texts · loss 0.2500 · 25.0/s"), "\(text)")
        #expect(text.contains("Fine-tuning loss per step") && text.contains("3.94") && text.contains("0.25") && text.contains("60 steps"))
        // The curve falls: its first marker is on a higher row than its last.
        func column(_ y: Int) -> Int? { Array(buffer.line(y)).firstIndex(of: "•") }
        let rows = (0..<40).filter { column($0) != nil }
        #expect(rows.count >= 5)
        if let first = rows.min(), let last = rows.max() { #expect(column(first)! < column(last)!) }
        // Too short a pane keeps the line and drops the chart.
        var small = Fixtures.state(width: 80, height: 24)
        small.screen = .train
        small.trainScreen.status = .running(snapshot)
        #expect(WorkbenchRenderer.render(small).renderedText().contains("Epoch 1/4 of level 1/1"))
    }
}
