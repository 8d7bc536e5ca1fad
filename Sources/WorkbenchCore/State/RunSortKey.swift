/// A column the Runs table can be sorted by.
public enum RunSortKey: Int, Sendable, Hashable, CaseIterable {
    /// Run number (the order they were trained).
    case run
    /// P@1.
    case precisionAt1
    /// P@3.
    case precisionAt3
    /// P@5.
    case precisionAt5
    /// R@5.
    case recallAt5
    /// nDCG@5.
    case ndcgAt5
    /// PSP@5.
    case pspAt5
    /// Training time.
    case trainingTime
    /// Prediction time per point.
    case predictTime
    /// Model size.
    case modelSize

    /// The column title.
    public var title: String {
        switch self {
        case .run: "run"
        case .precisionAt1: "P@1"
        case .precisionAt3: "P@3"
        case .precisionAt5: "P@5"
        case .recallAt5: "R@5"
        case .ndcgAt5: "nDCG@5"
        case .pspAt5: "PSP@5"
        case .trainingTime: "train"
        case .predictTime: "ms/pt"
        case .modelSize: "size"
        }
    }

    /// True when larger values are better (metrics), so they sort best first by default.
    public var higherIsBetter: Bool {
        switch self {
        case .precisionAt1, .precisionAt3, .precisionAt5, .recallAt5, .ndcgAt5, .pspAt5: true
        case .run, .trainingTime, .predictTime, .modelSize: false
        }
    }

    /// The value of `run` in this column.
    public func value(of run: SessionRun) -> Double {
        let m = run.metrics
        switch self {
        case .run: return Double(run.number)
        case .precisionAt1: return m.precisionAt1
        case .precisionAt3: return m.precisionAt3
        case .precisionAt5: return m.precisionAt5
        case .recallAt5: return m.recallAt5
        case .ndcgAt5: return m.ndcgAt5
        case .pspAt5: return m.pspAt5 ?? -1
        case .trainingTime: return run.trainingSeconds
        case .predictTime: return run.predictMillisecondsPerPoint
        case .modelSize: return Double(run.modelBytes)
        }
    }
}
