import Foundation
import XMR

/// The workbench's runtime: the main loop, the effect interpreter and the hand-offs with the
/// worker threads, on any `WorkbenchTerminal`. Every tick it applies what the workers published,
/// redraws when something changed, and handles at most one key through the reducer (or the line
/// input), then performs the effects. Long work (loading, training, sweeps, model loads) runs on
/// detached threads; the terminal and the state stay on the thread that calls `tick()`.
///
/// The reducer is the only writer of the state: the runtime turns what happens outside (a worker's
/// result, a failed save, a taken model folder) into `WorkbenchEvent`s.
@available(macOS 15.0, *)
public final class WorkbenchRuntime {
    let terminal: any WorkbenchTerminal
    let engine: any WorkbenchEngine
    let store: SessionStore
    let lineInput: (any LineInput)?
    let datasetURL: URL
    private let quitRequested: () -> Bool
    /// The state; changed only through `WorkbenchReducer`.
    public private(set) var state: WorkbenchState
    var training: TrainingChannel?
    /// When the running training's clock was last sent to the reducer.
    var lastClockTick = ContinuousClock.now
    var sweep: SweepChannel?
    /// The running calibration: its cancel token and where its worker puts the result.
    var calibration: (cancel: CancellationToken,
                      result: WorkerSlot<(run: Int, result: Result<(RunCalibration, any TrainedWorkbenchModel), any Error>)>)?
    /// The model Tree and Query use, and the run it belongs to (nil: not recorded as a run).
    var model: (any TrainedWorkbenchModel)?
    var modelRun: Int?
    let datasetLoad = WorkerSlot<Result<DatasetOverview, any Error>>()
    let modelLoad = WorkerSlot<(run: Int, result: Result<(any TrainedWorkbenchModel, TreeOverview), any Error>)>()
    /// The example session as committed, while this workbench has not changed it (nil for any other
    /// session, and once the changes went to a copy).
    var pristineExample: WorkbenchSession?
    private var dirty = true
    private var quitting = false

    /// Opens the session `opening` of `store` on `terminal` and starts loading `dataset`.
    ///
    /// - Parameters:
    ///   - lineInput: the editor of the Query prompt and the Tree search (nil: the reducer's own).
    ///   - quitRequested: checked every tick (a signal arrived); the loop then ends as after `q`.
    public init(terminal: any WorkbenchTerminal, engine: any WorkbenchEngine, store: SessionStore,
                opening: SessionOpening, dataset: URL, lineInput: (any LineInput)? = nil,
                quitRequested: @escaping () -> Bool = { false }) {
        self.terminal = terminal
        self.engine = engine
        self.store = store
        self.lineInput = lineInput
        self.datasetURL = dataset
        self.quitRequested = quitRequested
        let size = terminal.size
        state = WorkbenchState(width: size.width, height: size.height, sessionName: opening.session.name)
        if opening.session.name == SessionStore.exampleSession, !opening.isNew {
            pristineExample = opening.session
        }
        quitting = perform(apply(.sessionOpened(opening, sessionsDirectory: store.displayPath(store.directory))))
    }

    /// Runs until the user quits or `quitRequested` says so; cancels the workers and saves the
    /// session. Returns the problem when the save failed. The caller restores its terminal after.
    public func run() -> String? {
        while tick() {}
        return finish()
    }

    /// One turn of the loop: takes the workers' news, redraws if needed, handles one key.
    /// Returns false once the workbench should end (then call `finish()`).
    @discardableResult
    public func tick() -> Bool {
        if quitting || quitRequested() { return false }
        if pollWorkers() { dirty = true }
        if dirty {
            terminal.draw(WorkbenchRenderer.render(state))
            dirty = false
        }
        guard let key = terminal.readKey() else { return true }
        let effects = handle(key)
        dirty = true
        keepExamplePristine()
        if perform(effects) { quitting = true }
        return !quitting
    }

    /// Ends the session: stops the line input and the workers, saves; returns the save's problem.
    public func finish() -> String? {
        lineInput?.deactivate()
        training?.cancel()
        sweep?.cancel()
        calibration?.cancel.cancel()
        return saveSession()
    }

    /// True while a worker (dataset load, training, sweep) may still report.
    public var isBusy: Bool { state.isLoading || training != nil || sweep != nil || calibration != nil }

    /// Applies an event through the reducer (the one way the runtime changes the state).
    func apply(_ event: WorkbenchEvent) -> [Effect] {
        dirty = true
        return WorkbenchReducer.apply(&state, event: event)
    }

    /// One key: to the line input while a line prompt has the keyboard (its edits come back as
    /// events), else to the reducer; afterwards the line input follows the prompt that has the keyboard.
    private func handle(_ key: Key) -> [Effect] {
        if let lineInput, state.activeLinePrompt != nil, Self.isLineKey(key) {
            followLinePrompt()
            var effects: [Effect] = []
            for event in lineInput.feed(key) { effects += apply(event) }
            followLinePrompt()
            return effects
        }
        let effects = WorkbenchReducer.reduce(&state, key: key)
        followLinePrompt()
        return effects
    }

    /// Starts the line input on the prompt that now has the keyboard, or stops it when none has.
    private func followLinePrompt() {
        guard let lineInput else { return }
        guard let prompt = state.activeLinePrompt else {
            lineInput.deactivate()
            return
        }
        if lineInput.active != prompt {
            lineInput.activate(prompt, history: state.history(of: prompt), text: Self.text(of: prompt, in: state))
        }
    }

    /// Keys the line input edits with; focus moves, resizes and clicks stay with the workbench.
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

    /// One line describing an error.
    static func describe(_ error: any Error) -> String { SessionStore.describe(error) }
}
