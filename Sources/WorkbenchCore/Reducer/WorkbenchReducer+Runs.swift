import XMR

extension WorkbenchReducer {
    /// Runs screen keys: arrows select; `o` / `>` sort by the next column, `<` the previous, `r`
    /// reverses; space marks a run (two marked runs are compared); Esc clears the marks; Enter
    /// loads the run's model into Tree and Query; `d` deletes it (asking first); `b` sweeps beam
    /// widths on it; `p` calibrates its probabilities; `v` switches its chart between the sweep and
    /// the reliability diagram; `h` queues a hyperparameter sweep.
    static func reduceRuns(_ state: inout WorkbenchState, key: Key) -> [Effect] {
        let sorted = state.sortedRuns
        if let next = navigate(state.runSelection, count: sorted.count, key: key, page: 5) {
            state.runSelection = next
            return []
        }
        switch key {
        case .character("o"), .character(">"):
            changeSort(&state, by: 1)
        case .character("<"):
            changeSort(&state, by: -1)
        case .character("r"):
            keepSelection(&state) { $0.runsScreen.reversed.toggle() }
        case .character("h"):
            if state.data == nil {
                state.message = "No dataset is loaded"
                state.messageIsError = true
            } else {
                state.runsScreen.hyperparameterForm = HyperparameterForm()
            }
        case .escape:
            state.runsScreen.marked = []
        default:
            guard let run = state.selectedRun else {
                if [.enter, .character(" "), .character("d"), .character("b")].contains(key) {
                    state.message = "No runs yet: train one on the Train screen (2)"
                }
                return []
            }
            return reduceRunAction(&state, run: run, key: key)
        }
        return []
    }

    /// Keys that act on the selected run.
    static func reduceRunAction(_ state: inout WorkbenchState, run: SessionRun, key: Key) -> [Effect] {
        switch key {
        case .character(" "):
            if let index = state.runsScreen.marked.firstIndex(of: run.number) {
                state.runsScreen.marked.remove(at: index)
            } else {
                state.runsScreen.marked.append(run.number)
                if state.runsScreen.marked.count > 2 { state.runsScreen.marked.removeFirst() }
            }
        case .character("d"):
            if case .running(let sweeping, _) = state.runsScreen.sweep, sweeping == run.number {
                state.message = "Run \(run.number) is being swept (c cancels the sweep)"
            } else if let reason = SessionPaths.lexicalProblem(run.modelFolder) {
                state.message = "Not deleting run \(run.number): its model folder "
                    + "\(PrintableText.escaped(run.modelFolder)) \(reason); xmr deletes only inside the sessions folder"
                state.messageIsError = true
            } else {
                state.overlay = .confirmDeleteRun(run.number)
            }
        case .enter:
            state.message = "Loading the model of run \(run.number)…"
            return [.loadRun(run.number)]
        case .character("p"):
            return calibrate(&state, run: run)
        case .character("v"):
            state.runsScreen.showsReliability.toggle()
            if run.calibration == nil { state.message = "Run \(run.number) has no calibration yet: p fits one" }
        case .character("b"):
            if state.runsScreen.sweep.isRunning {
                state.message = "A sweep is already running (c cancels it)"
            } else {
                state.runsScreen.widthsEditor = LineEditor(text: state.runsScreen.lastWidths)
            }
        default:
            break
        }
        return []
    }

    /// Moves the sort column by `step`, keeping the selected run selected.
    static func changeSort(_ state: inout WorkbenchState, by step: Int) {
        keepSelection(&state) { state in
            let all = RunSortKey.allCases
            let next = ((state.runsScreen.sortKey.rawValue + step) % all.count + all.count) % all.count
            state.runsScreen.sortKey = all[next]
            state.runsScreen.reversed = false
        }
    }

    /// Applies `change` to the order of the table and selects the same run again.
    static func keepSelection(_ state: inout WorkbenchState, _ change: (inout WorkbenchState) -> Void) {
        let selected = state.selectedRun?.number
        change(&state)
        if let selected { state.selectRun(numbered: selected) }
    }

    /// True when `folder` (a run's `modelFolder`) is `SESSION/…` of this session itself, with no
    /// `..` step: a session copied from another (the example's copy) must never delete the
    /// original's models.
    static func ownsModelFolder(_ folder: String, session: String) -> Bool {
        let parts = folder.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts[0] == Substring(session) && !parts.contains("..") && !parts.contains(".")
    }

    /// y/n on "delete run N?": yes removes the run, its marks and its model folder, and when it was
    /// the loaded model, loads the newest remaining run (or none).
    static func reduceConfirmDelete(_ state: inout WorkbenchState, run number: Int, key: Key) -> [Effect] {
        switch key {
        case .character("y"), .character("Y"):
            state.overlay = nil
            let wasCurrent = state.session.currentRun == number
            guard let removed = state.session.removeRun(numbered: number) else { return [] }
            state.runsScreen.marked.removeAll { $0 == number }
            state.runSelection = min(state.runSelection, max(0, state.runs.count - 1))
            var effects: [Effect] = []
            if ownsModelFolder(removed.modelFolder, session: state.session.name) {
                state.message = "Deleted run \(number) and its model folder"
                effects.append(.deleteModelFolder(removed.modelFolder))
            } else {
                state.message = "Deleted run \(number); its model folder \(removed.modelFolder) is not this session's and stays on disk"
            }
            if wasCurrent {
                if let newest = state.session.currentRun {
                    effects.append(.loadRun(newest))
                } else {
                    state.treeOverview = nil
                    state.treeScreen = TreeScreenState()
                    state.queryScreen.result = nil
                    effects.append(.unloadModel)
                }
            }
            return effects + [.saveSession]
        case .character("n"), .character("N"), .escape, .character("q"):
            state.overlay = nil
            return []
        default:
            return []
        }
    }

    /// A key while the widths prompt or the hyperparameter form is open.
    static func reduceRunsTyping(_ state: inout WorkbenchState, key: Key) -> [Effect]? {
        if var editor = state.runsScreen.widthsEditor {
            switch editor.handle(key) {
            case .submitted(let text):
                return startBeamSweep(&state, text: text)
            case .cancelled:
                state.runsScreen.widthsEditor = nil
            case .edited, .ignored:
                state.runsScreen.widthsEditor = editor
            }
            return []
        }
        if var form = state.runsScreen.hyperparameterForm {
            switch key {
            case .up, .backTab:
                form.cycle(-1)
            case .down, .tab:
                form.cycle(1)
            default:
                switch form.editor.handle(key) {
                case .submitted(let text):
                    return queueHyperparameterSweep(&state, form: form, text: text)
                case .cancelled:
                    state.runsScreen.hyperparameterForm = nil
                    return []
                case .edited, .ignored:
                    form.error = nil
                }
            }
            state.runsScreen.hyperparameterForm = form
            return []
        }
        return nil
    }

    /// Enter in the widths prompt: parses the widths and asks the app to sweep the selected run.
    static func startBeamSweep(_ state: inout WorkbenchState, text: String) -> [Effect] {
        guard let run = state.selectedRun else {
            state.runsScreen.widthsEditor = nil
            return []
        }
        do {
            let widths = try BeamWidthSweep.parseWidths(text)
            state.runsScreen.widthsEditor = nil
            state.runsScreen.lastWidths = widths.map(String.init).joined(separator: " ")
            state.runsScreen.sweep = .running(run: run.number, progress: .init(widthsDone: 0, widthsTotal: widths.count,
                                                                               currentWidth: widths.first))
            state.message = "Sweeping beam widths on run \(run.number)…"
            return [.sweepBeamWidths(run: run.number, widths: widths)]
        } catch {
            state.runsScreen.widthsEditor = LineEditor(text: text)
            state.message = "\(error)"
            state.messageIsError = true
            return []
        }
    }

    /// Enter in the hyperparameter form: validates the values and starts the first training.
    static func queueHyperparameterSweep(_ state: inout WorkbenchState, form: HyperparameterForm, text: String) -> [Effect] {
        var form = form
        if state.isTraining {
            form.editor = LineEditor(text: text)
            form.error = "a training is running; wait for it or cancel it (c)"
            state.runsScreen.hyperparameterForm = form
            return []
        }
        do {
            let base = state.trainScreen.parameters
            let sweep = try HyperparameterSweep(parameter: form.parameter, text: text, base: base)
            state.runsScreen.hyperparameterForm = nil
            state.runsScreen.queue = sweep.parameterSets(base: base)
            state.runsScreen.queueLabel = sweep.summary
            state.runsScreen.queueTotal = sweep.values.count
            state.message = "Training \(sweep.values.count) runs: \(sweep.summary)"
            return startNextQueued(&state)
        } catch {
            form.editor = LineEditor(text: text)
            form.error = "\(error)"
            state.runsScreen.hyperparameterForm = form
            return []
        }
    }
}
