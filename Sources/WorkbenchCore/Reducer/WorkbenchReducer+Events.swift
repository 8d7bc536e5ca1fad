extension WorkbenchReducer {
    /// Applies an engine event (progress, results, answers) to `state`.
    public static func apply(_ state: inout WorkbenchState, event: WorkbenchEvent) -> [Effect] {
        switch event {
        case .sessionOpened, .sessionSaveFailed, .modelFolderKept, .modelFolderTaken:
            return applySessionEvent(&state, event: event)
        case .calibrationFinished, .calibrationCancelled, .calibrationFailed:
            return applyCalibrationEvent(&state, event: event)
        case .datasetLoaded(let overview):
            state.data = overview
            state.isLoading = false
            state.dataScreen = DataScreenState()
            state.queryScreen.testPoint = 0
            if let current = state.session.currentRun, state.session.run(numbered: current) != nil {
                state.message = "Loading the model of run \(current)…"
                return [.loadRun(current)]
            }
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
            let run = SessionRun(finished: summary, parameters: parameters, in: state.session)
            state.session.append(run)
            state.selectRun(numbered: run.number)
            state.treeOverview = tree
            state.treeScreen = TreeScreenState()
            state.queryScreen.beamWidth = parameters.matcher.beamWidth
            state.queryScreen.topK = parameters.ranker.topK
            state.queryScreen.result = nil
            state.queryScreen.message = nil
            state.message = "Run \(run.number) finished: P@1 \(Format.decimal(summary.precisionAt1))"
            return [.saveSession] + startNextQueued(&state)
        case .trainingCancelled(let progress):
            state.trainScreen.status = .cancelled(progress)
            state.message = "Training cancelled"
            clearQueue(&state)
        case .trainingFailed(let reason):
            state.trainScreen.status = .failed(reason)
            let queued = state.runsScreen.queue.count
            state.message = "Training failed: \(reason)" + (queued > 0 ? " (\(queued) queued trainings dropped)" : "")
            state.messageIsError = true
            clearQueue(&state)
        case .lineEdited(let prompt, let text, let cursor, let label):
            applyLineEdited(&state, prompt: prompt, text: text, cursor: cursor, label: label)
        case .lineSubmitted(.query, let line):
            state.queryScreen.prompt.record(line)
            state.queryScreen.prompt.show(text: "", cursor: 0)
            state.queryScreen.promptLabel = nil
            return submitQueryLine(&state, line)
        case .lineSubmitted(.treeSearch, let line):
            submitTreeSearch(&state, line)
        case .lineCancelled(.query):
            state.queryScreen.promptLabel = nil
            if state.activeLinePrompt == .query { state.focus(.queryBeam) }
        case .lineCancelled(.treeSearch):
            state.treeScreen.search = nil
            state.treeScreen.searchLabel = nil
        case .sessionCopied(let from, let name):
            state.session.name = name
            state.message = "Session \(from) stays as committed: your changes go to session \(name)"
            state.messageIsError = false
        case .queryAnswered(let result):
            // The same point asked again (a new beam width) keeps the drill-down open.
            let samePoint = state.queryScreen.result?.request.input == result.request.input
            state.queryScreen.result = result
            state.queryScreen.message = nil
            state.queryScreen.labelSelection = 0
            state.queryScreen.beamScroll = 0
            state.queryScreen.beamSelection = 0
            state.queryScreen.beamExpanded = []
            state.queryScreen.beamExpandAll = false
            if !samePoint || result.fate(ofLabel: state.queryScreen.drillDownLabel ?? -1) == nil {
                state.queryScreen.drillDownLabel = nil
            }
        case .queryFailed(let reason):
            state.queryScreen.result = nil
            state.queryScreen.message = reason
        case .runModelLoaded(let number, let tree):
            return applyRunModelLoaded(&state, run: number, tree: tree)
        case .runModelFailed(let reason):
            state.message = "Cannot load the model: \(reason)"
            state.messageIsError = true
        case .sweepProgressed(let progress):
            if case .running(let run, _) = state.runsScreen.sweep {
                state.runsScreen.sweep = .running(run: run, progress: progress)
            }
        case .sweepFinished(let number, let sweep):
            state.runsScreen.sweep = .idle
            guard let index = state.session.runs.firstIndex(where: { $0.number == number }) else { return [] }
            state.session.runs[index].sweeps.append(sweep)
            let best = sweep.points.max { $0.precisionAt5 < $1.precisionAt5 }
            state.message = "Sweep of run \(number) done" + (best.map { ": best P@5 \(Format.decimal($0.precisionAt5)) at beam \($0.beamWidth)" } ?? "")
            return [.saveSession]
        case .sweepCancelled:
            state.runsScreen.sweep = .idle
            state.message = "Beam-width sweep cancelled"
        case .sweepFailed(let reason):
            state.runsScreen.sweep = .idle
            state.message = "Sweep failed: \(reason)"
            state.messageIsError = true
        }
        return []
    }

    /// A run's model is loaded: Tree and Query use it from now on.
    static func applyRunModelLoaded(_ state: inout WorkbenchState, run number: Int, tree: TreeOverview) -> [Effect] {
        state.treeOverview = tree
        state.treeScreen = TreeScreenState()
        state.queryScreen.result = nil
        state.queryScreen.message = nil
        let changed = state.session.currentRun != number
        state.session.currentRun = number
        if let run = state.session.run(numbered: number) {
            state.queryScreen.beamWidth = run.parameters.matcher.beamWidth
            state.queryScreen.topK = run.parameters.ranker.topK
        }
        state.message = "Loaded the model of run \(number) (Tree and Query use it)"
        return changed ? [.saveSession] : []
    }

    /// Starts the next training of a hyperparameter sweep, if one is queued.
    static func startNextQueued(_ state: inout WorkbenchState) -> [Effect] {
        guard !state.runsScreen.queue.isEmpty else {
            if let label = state.runsScreen.queueLabel {
                state.message = "Sweep \(label) done: \(state.runsScreen.queueTotal) runs"
            }
            clearQueue(&state)
            return []
        }
        let next = state.runsScreen.queue.removeFirst()
        state.trainScreen.lastParameters = next
        state.trainScreen.status = .running(TrainingSnapshot(phase: .preparing, detail: "starting"))
        return [.startTraining(next)]
    }

    /// Forgets a hyperparameter sweep's remaining trainings.
    static func clearQueue(_ state: inout WorkbenchState) {
        state.runsScreen.queue = []
        state.runsScreen.queueLabel = nil
        state.runsScreen.queueTotal = 0
    }

    /// Shows what the line editor of `prompt` displays; the Tree search jumps to its best match as
    /// the user types.
    static func applyLineEdited(_ state: inout WorkbenchState, prompt: LinePrompt, text: String, cursor: Int, label: String?) {
        switch prompt {
        case .query:
            state.queryScreen.prompt.show(text: text, cursor: cursor)
            state.queryScreen.promptLabel = label
        case .treeSearch:
            guard var editor = state.treeScreen.search else { return }
            let changed = editor.text != text
            editor.show(text: text, cursor: cursor)
            state.treeScreen.search = editor
            state.treeScreen.searchLabel = label
            if changed, label == nil, let overview = state.treeOverview {
                jumpToMatch(&state, overview: overview, text: text, next: false)
            }
        }
    }
}
