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

    private let terminal: CursesTerminal
    private let engine: any WorkbenchEngine
    private let signals: SignalWatcher
    private var state: WorkbenchState
    private var training: TrainingChannel?
    private var model: (any TrainedWorkbenchModel)?
    private let load = LoadSlot()

    /// Creates the app on an open terminal.
    init(terminal: CursesTerminal, engine: any WorkbenchEngine, sessionName: String, signals: SignalWatcher) {
        self.terminal = terminal
        self.engine = engine
        self.signals = signals
        let size = terminal.size
        state = WorkbenchState(width: size.width, height: size.height, sessionName: sessionName)
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
            let effects = WorkbenchReducer.reduce(&state, key: key)
            dirty = true
            if perform(effects) { break }
        }
        training?.cancel()
        terminal.close()
        return 0
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
            case .success(let overview): _ = WorkbenchReducer.apply(&state, event: .datasetLoaded(overview))
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
                training = nil
                _ = WorkbenchReducer.apply(&state, event: .trainingFinished(snapshot, trained.summary, tree))
            case .cancelled(let snapshot):
                training = nil
                _ = WorkbenchReducer.apply(&state, event: .trainingCancelled(snapshot))
            case .failed(let reason):
                training = nil
                _ = WorkbenchReducer.apply(&state, event: .trainingFailed(reason))
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
                startTraining(parameters)
            case .runQuery(let request):
                runQuery(request)
            }
        }
        return false
    }

    /// Starts a training on a detached thread that publishes into a fresh channel.
    private func startTraining(_ parameters: TrainingParameters) {
        guard let data = state.data else { return }
        let channel = TrainingChannel()
        training = channel
        let engine = self.engine
        Thread.detachNewThread {
            do {
                let trained = try engine.train(data.dataset, parameters: parameters,
                                               progress: { channel.publish($0) },
                                               isCancelled: { channel.isCancelled })
                let tree = TreeOverview(tree: trained.tree, dataset: data.dataset, labelFrequencies: data.labelFrequencies,
                                        rankerFeatures: { trained.rankerFeatures(ofNode: $0, atLevel: $1, count: $2) })
                var snapshot = channel.progress
                snapshot.phase = .finished
                channel.finish(.finished(snapshot, trained, tree))
            } catch is TrainingCancelled {
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
