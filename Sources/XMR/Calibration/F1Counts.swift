/// True positives and predictions per label, with the F1s they give.
struct F1Counts {
    private(set) var tp: [Int]
    private(set) var predicted: [Int]
    let trueCount: [Int]
    private(set) var totalTP = 0, totalPredicted = 0
    private var macroSum = 0.0
    private let totalTrue: Int

    init(labelCount: Int, trueCount: [Int]) {
        tp = [Int](repeating: 0, count: labelCount)
        predicted = tp
        self.trueCount = trueCount
        totalTrue = trueCount.reduce(0, +)
    }

    private func labelF1(_ l: Int) -> Double {
        let denominator = predicted[l] + trueCount[l]
        return denominator > 0 ? 2 * Double(tp[l]) / Double(denominator) : 0
    }

    mutating func add(_ label: Int, hit: Bool) {
        set(label, tp: tp[label] + (hit ? 1 : 0), predicted: predicted[label] + 1)
    }

    func label(_ l: Int) -> (tp: Int, predicted: Int) { (tp[l], predicted[l]) }

    mutating func set(_ l: Int, tp newTP: Int, predicted newPredicted: Int) {
        macroSum -= labelF1(l)
        totalTP += newTP - tp[l]
        totalPredicted += newPredicted - predicted[l]
        tp[l] = newTP
        predicted[l] = newPredicted
        macroSum += labelF1(l)
    }

    func objective(_ objective: ThresholdTuning.Objective) -> Double {
        switch objective {
        case .micro:
            let denominator = totalPredicted + totalTrue
            return denominator > 0 ? 2 * Double(totalTP) / Double(denominator) : 0
        case .macro:
            return tp.isEmpty ? 0 : macroSum / Double(tp.count)
        }
    }
}
