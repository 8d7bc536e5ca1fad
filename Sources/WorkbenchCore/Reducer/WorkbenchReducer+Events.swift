extension WorkbenchReducer {
    /// Applies an engine event (progress, results, answers) to `state`.
    public static func apply(_ state: inout WorkbenchState, event: WorkbenchEvent) -> [Effect] {
        switch event {
        case .datasetLoaded(let overview):
            state.data = overview
            state.isLoading = false
            state.dataScreen = DataScreenState()
            state.queryScreen.testPoint = 0
        case .datasetFailed(let reason):
            state.isLoading = false
            state.loadError = reason
            state.message = "Cannot load the dataset"
            state.messageIsError = true
        case .trainingProgressed(let progress):
            if state.trainScreen.status.isRunning { state.trainScreen.status = .running(progress) }
        case .trainingFinished(let progress, let summary, let tree):
            state.trainScreen.status = .finished(progress, summary)
            let parameters = state.trainScreen.lastParameters ?? state.trainScreen.parameters
            state.runs.append(RunRecord(number: state.runs.count + 1, parameters: parameters, summary: summary))
            state.runSelection = state.runs.count - 1
            state.treeOverview = tree
            state.treeScreen = TreeScreenState()
            state.queryScreen.beamWidth = parameters.beamWidth
            state.queryScreen.topK = parameters.topK
            state.queryScreen.result = nil
            state.queryScreen.message = nil
            state.message = "Training finished: P@1 \(Format.decimal(summary.precisionAt1))"
        case .trainingCancelled(let progress):
            state.trainScreen.status = .cancelled(progress)
            state.message = "Training cancelled"
        case .trainingFailed(let reason):
            state.trainScreen.status = .failed(reason)
            state.message = "Training failed: \(reason)"
            state.messageIsError = true
        case .queryAnswered(let result):
            state.queryScreen.result = result
            state.queryScreen.message = nil
            state.queryScreen.labelSelection = 0
            state.queryScreen.beamScroll = 0
        case .queryFailed(let reason):
            state.queryScreen.result = nil
            state.queryScreen.message = reason
        }
        return []
    }
}
