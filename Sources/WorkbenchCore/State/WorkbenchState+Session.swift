import XMR

extension WorkbenchState {
    /// The runs in the Runs table's order.
    public var sortedRuns: [SessionRun] {
        let key = runsScreen.sortKey
        let descending = key.higherIsBetter != runsScreen.reversed
        return runs.sorted { a, b in
            let va = key.value(of: a), vb = key.value(of: b)
            if va != vb { return descending ? va > vb : va < vb }
            return a.number < b.number
        }
    }

    /// The run selected in the Runs table.
    public var selectedRun: SessionRun? {
        let sorted = sortedRuns
        return runSelection >= 0 && runSelection < sorted.count ? sorted[runSelection] : nil
    }

    /// Selects run `number` in the table (when it exists).
    public mutating func selectRun(numbered number: Int) {
        if let index = sortedRuns.firstIndex(where: { $0.number == number }) { runSelection = index }
    }

    /// Takes over a saved session: its runs, the Train form's parameters and the query history.
    public mutating func restore(_ saved: WorkbenchSession) {
        session = saved
        trainScreen.parameters = saved.parameters
        queryScreen.prompt = LineEditor(history: saved.queryHistory)
        if let current = saved.currentRun.flatMap(saved.run(numbered:)) {
            queryScreen.beamWidth = current.parameters.matcher.beamWidth
            queryScreen.topK = current.parameters.ranker.topK
        }
        runSelection = max(0, runs.count - 1)
        if let current = saved.currentRun { selectRun(numbered: current) }
    }

    /// The session as it should be saved now: the Train form's parameters and the query history
    /// taken from the screens.
    public var sessionToSave: WorkbenchSession {
        var saved = session
        saved.parameters = trainScreen.parameters
        saved.queryHistory = Array(queryScreen.prompt.history.suffix(WorkbenchSession.historyLimit))
        return saved
    }
}

extension SessionRun {
    /// A run of `session` for a training that finished with `summary` and `parameters`.
    public init(finished summary: TrainingSummary, parameters: Pipeline, in session: WorkbenchSession) {
        let metrics = RunMetrics(precisionAt1: summary.precisionAt1, precisionAt3: summary.precisionAt3,
                                 precisionAt5: summary.precisionAt5, recallAt5: summary.recallAt5,
                                 ndcgAt5: summary.ndcgAt5, pspAt5: summary.pspAt5,
                                 evaluatedPoints: summary.evaluatedPoints, evaluatedOnTest: summary.evaluatedOnTest)
        self.init(number: session.nextRunNumber, parameters: parameters, metrics: metrics,
                  trainingSeconds: summary.trainingSeconds, predictSeconds: summary.predictSeconds,
                  modelBytes: summary.modelBytes, weightCount: summary.weightCount, treeShape: summary.treeShape,
                  modelFolder: session.nextModelFolder, finishedAt: summary.finishedAt)
    }

    /// The training summary this run recorded (for a model loaded back from its folder).
    public var trainingSummary: TrainingSummary {
        TrainingSummary(precisionAt1: metrics.precisionAt1, precisionAt3: metrics.precisionAt3,
                        precisionAt5: metrics.precisionAt5, recallAt5: metrics.recallAt5,
                        evaluatedPoints: metrics.evaluatedPoints, evaluatedOnTest: metrics.evaluatedOnTest,
                        trainingSeconds: trainingSeconds, modelBytes: modelBytes, weightCount: weightCount,
                        treeShape: treeShape, ndcgAt5: metrics.ndcgAt5, pspAt5: metrics.pspAt5,
                        predictSeconds: predictSeconds, finishedAt: finishedAt)
    }
}
