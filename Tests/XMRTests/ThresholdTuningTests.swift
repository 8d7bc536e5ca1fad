import Testing
@testable import XMR

@Suite struct ThresholdTuningTests {
    // Point 0 has label 0, point 1 labels 1 and 2.
    let truth = CSRMatrix(rows: 2, cols: 3, triplets: [(0, 0, 1), (1, 1, 1), (1, 2, 1)])
    let rankings = [[LabelScore(label: 0, score: 0.9), LabelScore(label: 1, score: 0.6)],
                    [LabelScore(label: 1, score: 0.8), LabelScore(label: 2, score: 0.3), LabelScore(label: 0, score: 0.2)]]
    var values: [[Double]] { rankings.map { $0.map { Double($0.score) } } }

    @Test func globalThresholdMaximizesMicroF1() {
        // Going down 0.9 ✓, 0.8 ✓, 0.6 ✗, 0.3 ✓, 0.2 ✗ with 3 true labels: F1 0.5, 0.8, 0.667, 0.857, 0.75.
        let tuning = ThresholdTuning.tune(rankings, values: values, truth: truth, objective: .micro)
        #expect(tuning.threshold == Double(Float(0.3)) && tuning.labelThresholds.isEmpty)
        let selected = tuning.select(rankings, values: values)
        #expect(selected == [[0, 1], [1, 2]])
        #expect(abs(ThresholdTuning.f1(selected, truth: truth).micro - 6.0 / 7) < 1e-12)
    }

    @Test func perLabelThresholdsOnlyWhereTheyHelp() {
        let tuning = ThresholdTuning.tune(rankings, values: values, truth: truth, objective: .micro, minimumSupport: 1)
        #expect(tuning.labelThresholds == [1: Double(Float(0.8))], "label 1's miss at 0.6 is cut, nothing else changes")
        let selected = tuning.select(rankings, values: values)
        #expect(selected == [[0], [1, 2]])
        #expect(ThresholdTuning.f1(selected, truth: truth).micro == 1)
        let strict = ThresholdTuning.tune(rankings, values: values, truth: truth, objective: .micro, minimumSupport: 2)
        #expect(strict.labelThresholds.isEmpty, "no label has two true points")
    }

    @Test func macroF1CountsEveryLabel() {
        // Top-1 only: label 0 right once, label 1 right once, label 2 missed: (1 + 1 + 0) / 3... per label:
        // label 0: tp 1, predicted 1, true 1 → 1; label 1: tp 1, predicted 1, true 1 → 1; label 2: 0.
        let f1 = ThresholdTuning.f1([[0], [1]], truth: truth)
        #expect(abs(f1.macro - 2.0 / 3) < 1e-12 && abs(f1.micro - 4.0 / 5) < 1e-12)
        let tuning = ThresholdTuning.tune(rankings, values: values, truth: truth, objective: .macro)
        let tuned = ThresholdTuning.f1(tuning.select(rankings, values: values), truth: truth).macro
        #expect(tuned >= f1.macro)
    }
}
