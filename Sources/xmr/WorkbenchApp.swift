import Foundation
import Synchronization
import WorkbenchCore
import XMR

/// The workbench's main loop: every 50 ms tick it takes the newest progress from the workers,
/// redraws what changed, and handles at most one key through the reducer, performing the
/// effects. Long work (loading, training) runs on detached threads; curses stays on this thread.
@available(macOS 15.0, *)
final class WorkbenchApp {
    /// The result of loading the dataset on a worker thread.
    private final class LoadSlot: Sendable {
        let value = Mutex<Result<DatasetOverview, any Error>?>(nil)
    }

    /// The result of loading a run's model (and its tree overview) on a worker thread.
    private final class ModelSlot: Sendable {
        let value = Mutex<(run: Int, result: Result<(any TrainedWorkbenchModel, TreeOverview), any Error>)?>(nil)
    }

    private let terminal: CursesTerminal
    private let engine: any WorkbenchEngine
    private let signals: SignalWatcher
    private var state: WorkbenchState
    private var training: TrainingChannel?
    private var model: (any TrainedWorkbenchModel)?
    /// The run whose model `model` is (nil: a model not recorded as a run).
    private var modelRun: Int?
    private let load = LoadSlot()
    private let modelLoad = ModelSlot()
    private var sweep: SweepChannel?
    private let store: SessionStore
    /// The example session as committed, while this workbench has not changed it (nil for any other
    /// session, and once the changes went to a copy).
    private var pristineExample: WorkbenchSession?
    /// GNU readline, editing the Query prompt and the Tree search.
    private let lineInput = ReadlineLineInput.shared

    /// Creates the app on an open terminal for the session `opening` found in `store`.
    init(terminal: CursesTerminal, engine: any WorkbenchEngine, store: SessionStore, opening: SessionOpening,
         signals: SignalWatcher) {
        self.terminal = terminal
        self.engine = engine
        self.signals = signals
        self.store = store
        let size = terminal.size
        state = WorkbenchState(width: size.width, height: size.height, sessionName: opening.session.name)
        state.restore(opening.session)
        state.sessionsDirectory = store.displayPath(store.directory)
        if opening.session.name == WorkbenchCommand.exampleSession, !opening.isNew {
            pristineExample = opening.session
        }
        if let notice = opening.notice {
            state.message = notice
            state.messageIsError = true
        } else if !opening.isNew {
            state.message = "Resumed session \(opening.session.name): \(opening.session.runs.count) runs"
        }
    }

    /// Runs until the user quits or a signal arrives; returns the exit status.
    func run(dataset url: URL) -> Int32 {
        startLoading(url)
        var dirty = true
        while !signals.quitRequested {
            if pollWorkers() { dirty = true }
            if dirty {
                terminal.draw(WorkbenchRenderer.render(state))
                dirty = false
            }
            guard let key = terminal.readKey() else { continue }
            let effects = handle(key)
            dirty = true
            keepExamplePristine()
            if perform(effects) { break }
        }
        lineInput.deactivate()
        training?.cancel()
        sweep?.cancel()
        terminal.close()
        if let problem = saveSession() {
            FileHandle.standardError.write(Data("xmr: \(problem)\n".utf8))
            return 1
        }
        return 0
    }

    /// One key: to readline while a line prompt has the keyboard (its edits come back as events),
    /// else to the reducer; afterwards readline follows the prompt that has the keyboard.
    private func handle(_ key: Key) -> [Effect] {
        if let prompt = state.activeLinePrompt, Self.isLineKey(key) {
            if lineInput.active != prompt {
                lineInput.activate(prompt, history: state.history(of: prompt), text: Self.text(of: prompt, in: state))
            }
            var effects: [Effect] = []
            for event in lineInput.feed(key) { effects += WorkbenchReducer.apply(&state, event: event) }
            followLinePrompt()
            return effects
        }
        let effects = WorkbenchReducer.reduce(&state, key: key)
        followLinePrompt()
        return effects
    }

    /// Starts readline on the prompt that now has the keyboard, or stops it when none has.
    private func followLinePrompt() {
        guard let prompt = state.activeLinePrompt else {
            lineInput.deactivate()
            return
        }
        if lineInput.active != prompt {
            lineInput.activate(prompt, history: state.history(of: prompt), text: Self.text(of: prompt, in: state))
        }
    }

    /// Keys readline edits with; focus moves, resizes and clicks stay with the workbench.
    private static func isLineKey(_ key: Key) -> Bool {
        switch key {
        case .tab, .backTab, .resize, .mouse, .unknown, .pageUp, .pageDown: false
        default: true
        }
    }

    /// The text a prompt shows (e.g. the "#" that `#` on the Query screen types first).
    private static func text(of prompt: LinePrompt, in state: WorkbenchState) -> String {
        switch prompt {
        case .query: state.queryScreen.prompt.text
        case .treeSearch: state.treeScreen.search?.text ?? ""
        }
    }

    /// Moves to a copy of the example session as soon as the session differs from the committed one
    /// (a query in the history, changed parameters, a sweep), so using the example never changes it.
    private func keepExamplePristine() {
        guard let pristine = pristineExample else { return }
        var now = state.sessionToSave
        now.savedAt = pristine.savedAt
        if now != pristine { copyExample() }
    }

    /// Renames the session to a free "example-copy" name and saves it there.
    private func copyExample() {
        guard let pristine = pristineExample else { return }
        pristineExample = nil
        var name = "\(pristine.name)-copy"
        var number = 2
        while store.exists(name) {
            name = "\(pristine.name)-copy-\(number)"
            number += 1
        }
        _ = WorkbenchReducer.apply(&state, event: .sessionCopied(from: pristine.name, to: name))
        if let problem = saveSession() {
            state.message = problem
            state.messageIsError = true
        }
    }

    /// Saves the session atomically; returns the problem, if the save failed.
    @discardableResult
    private func saveSession() -> String? {
        // A signal or quit before any key: the example is still as committed.
        keepExamplePristine()
        if pristineExample != nil { return rememberExample() }
        var session = state.sessionToSave
        do {
            // A session left as it was loaded is not rewritten: opening the committed example
            // session and quitting must not dirty the user's checkout.
            if store.exists(session.name), let stored = try? store.load(session.name) {
                var unchanged = session
                unchanged.savedAt = stored.savedAt
                if unchanged == stored {
                    try store.rememberLast(session.name)
                    return nil
                }
            }
            session.savedAt = Date()
            try store.save(session)
            try store.rememberLast(session.name)
            return nil
        } catch {
            return Self.describe(error)
        }
    }

    /// Records the untouched example as the last session; returns the problem, if that failed.
    private func rememberExample() -> String? {
        do {
            try store.rememberLast(state.session.name)
            return nil
        } catch {
            return Self.describe(error)
        }
    }

    /// Loads the dataset and computes its overview on a worker thread.
    private func startLoading(_ url: URL) {
        state.isLoading = true
        let engine = self.engine
        let slot = load
        Thread.detachNewThread {
            let result = Result { DatasetOverview(dataset: try engine.loadDataset(at: url)) }
            slot.value.withLock { $0 = result }
        }
    }

    /// Applies whatever the workers published since the last tick; true when the state changed.
    private func pollWorkers() -> Bool {
        var changed = false
        if let result = load.value.withLock({ value -> Result<DatasetOverview, any Error>? in
            defer { value = nil }
            return value
        }) {
            switch result {
            case .success(let overview): _ = perform(WorkbenchReducer.apply(&state, event: .datasetLoaded(overview)))
            case .failure(let error): _ = WorkbenchReducer.apply(&state, event: .datasetFailed(Self.describe(error)))
            }
            changed = true
        }
        if let channel = training, let update = channel.take() {
            changed = true
            switch update {
            case .progress(let snapshot):
                _ = WorkbenchReducer.apply(&state, event: .trainingProgressed(snapshot))
            case .finished(let snapshot, let trained, let tree):
                model = trained
                modelRun = state.session.nextRunNumber
                training = nil
                _ = perform(WorkbenchReducer.apply(&state, event: .trainingFinished(snapshot, trained.summary, tree)))
            case .cancelled(let snapshot):
                training = nil
                _ = WorkbenchReducer.apply(&state, event: .trainingCancelled(snapshot))
            case .failed(let reason):
                training = nil
                _ = WorkbenchReducer.apply(&state, event: .trainingFailed(reason))
            }
        }
        if let loaded = modelLoad.value.withLock({ value in defer { value = nil }; return value }) {
            changed = true
            switch loaded.result {
            case .success(let (trained, tree)):
                model = trained
                modelRun = loaded.run
                _ = perform(WorkbenchReducer.apply(&state, event: .runModelLoaded(run: loaded.run, tree: tree)))
            case .failure(let error):
                _ = WorkbenchReducer.apply(&state, event: .runModelFailed(Self.describe(error)))
            }
        }
        if let channel = sweep, let update = channel.take() {
            changed = true
            switch update {
            case .progress(let progress):
                _ = WorkbenchReducer.apply(&state, event: .sweepProgressed(progress))
            case .finished(let run, let result):
                sweep = nil
                _ = perform(WorkbenchReducer.apply(&state, event: .sweepFinished(run: run, sweep: result)))
            case .cancelled:
                sweep = nil
                _ = WorkbenchReducer.apply(&state, event: .sweepCancelled)
            case .failed(let reason):
                sweep = nil
                _ = WorkbenchReducer.apply(&state, event: .sweepFailed(reason))
            }
        }
        return changed
    }

    /// Performs the reducer's effects; true when the app must quit.
    private func perform(_ effects: [Effect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case .cancelTraining:
                training?.cancel()
            case .startTraining(let parameters):
                // A training writes a model folder: never inside the example's.
                copyExample()
                startTraining(parameters)
            case .runQuery(let request):
                runQuery(request)
            case .saveSession:
                if let problem = saveSession() {
                    state.message = problem
                    state.messageIsError = true
                }
            case .loadRun(let number):
                loadRun(number)
            case .unloadModel:
                model = nil
                modelRun = nil
            case .deleteModelFolder(let folder):
                do {
                    // Removes only folders inside the sessions directory (symbolic links resolved).
                    try store.deleteModelFolder(folder)
                } catch {
                    state.message = "Run removed from the session, but its model folder was kept: \(Self.describe(error))"
                    state.messageIsError = true
                }
            case .sweepBeamWidths(let run, let widths):
                startSweep(run: run, widths: widths)
            case .cancelSweep:
                sweep?.cancel()
            }
        }
        return false
    }

    /// Loads run `number`'s model from its folder on a worker thread (Tree and Query use it after).
    private func loadRun(_ number: Int) {
        guard let data = state.data, let run = state.session.run(numbered: number) else { return }
        if modelRun == number, let model {
            let tree = state.treeOverview ?? TreeOverview(tree: model.tree, dataset: data.dataset,
                                                          labelFrequencies: data.labelFrequencies)
            _ = perform(WorkbenchReducer.apply(&state, event: .runModelLoaded(run: number, tree: tree)))
            return
        }
        let engine = self.engine
        let folder = store.url(ofModelFolder: run.modelFolder)
        let slot = modelLoad
        Thread.detachNewThread {
            let result = Result { () throws -> (any TrainedWorkbenchModel, TreeOverview) in
                let trained = try engine.loadModel(at: folder, dataset: data.dataset, summary: run.trainingSummary)
                let tree = TreeOverview(tree: trained.tree, dataset: data.dataset, labelFrequencies: data.labelFrequencies,
                                        rankerFeatures: { trained.rankerFeatures(ofNode: $0, atLevel: $1, count: $2) })
                return (trained, tree)
            }
            slot.value.withLock { $0 = (number, result) }
        }
    }

    /// Sweeps beam widths on run `number`'s model on a worker thread (loading the model there
    /// when it is not the one in memory).
    private func startSweep(run number: Int, widths: [Int]) {
        guard let data = state.data, let run = state.session.run(numbered: number) else { return }
        let channel = SweepChannel()
        sweep = channel
        let engine = self.engine
        let loaded = modelRun == number ? model : nil
        let folder = store.url(ofModelFolder: run.modelFolder)
        let threads = state.trainScreen.parameters.threads
        Thread.detachNewThread {
            do {
                let trained = try loaded ?? engine.loadModel(at: folder, dataset: data.dataset, summary: run.trainingSummary)
                let result = try trained.sweepBeamWidths(widths, dataset: data.dataset, threads: threads,
                                                         progress: { channel.publish($0) },
                                                         cancel: channel.cancellation)
                channel.finish(.finished(run: number, sweep: result))
            } catch XRLinearError.cancelled {
                channel.finish(.cancelled)
            } catch {
                channel.finish(channel.isCancelled ? .cancelled : .failed(Self.describe(error)))
            }
        }
    }

    /// Starts a training on a detached thread that publishes into a fresh channel.
    private func startTraining(_ parameters: Pipeline) {
        guard let data = state.data else { return }
        let channel = TrainingChannel()
        training = channel
        let engine = self.engine
        // Skip numbers whose folder exists (left by another workbench on this session), so a
        // training never overwrites a model that some session file may still point to.
        while FileManager.default.fileExists(atPath: store.url(ofModelFolder: state.session.nextModelFolder).path) {
            state.session.nextRunNumber += 1
        }
        let folder = store.url(ofModelFolder: state.session.nextModelFolder)
        Thread.detachNewThread {
            do {
                // The engine writes the run's model folder, so a resumed session loads it instead of retraining.
                let trained = try engine.train(data.dataset, pipeline: parameters, modelFolder: folder,
                                               progress: { channel.publish($0) },
                                               cancel: channel.cancellation)
                let tree = TreeOverview(tree: trained.tree, dataset: data.dataset, labelFrequencies: data.labelFrequencies,
                                        rankerFeatures: { trained.rankerFeatures(ofNode: $0, atLevel: $1, count: $2) })
                var snapshot = channel.progress
                snapshot.phase = .finished
                channel.finish(.finished(snapshot, trained, tree))
            } catch XRLinearError.cancelled {
                channel.finish(.cancelled(channel.progress))
            } catch {
                channel.finish(channel.isCancelled ? .cancelled(channel.progress) : .failed(Self.describe(error)))
            }
        }
    }

    /// Answers a query right here: beam search on one point takes milliseconds.
    private func runQuery(_ request: QueryRequest) {
        guard let model, let data = state.data else { return }
        do {
            let result = try model.answer(request, dataset: data.dataset)
            _ = WorkbenchReducer.apply(&state, event: .queryAnswered(result))
        } catch {
            _ = WorkbenchReducer.apply(&state, event: .queryFailed(Self.describe(error)))
        }
    }

    /// One line describing an error.
    static func describe(_ error: any Error) -> String {
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        return String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
