/// The whole workbench as a value: which screen is shown, what each screen remembers, the data
/// and model summaries, and overlays. The reducer changes it; the renderer draws it.
public struct WorkbenchState: Sendable {
    /// Terminal width in columns.
    public var width: Int
    /// Terminal height in rows.
    public var height: Int
    /// The screen shown.
    public var screen: Screen = .data
    /// The focused pane index per screen (into `Screen.panes`).
    public var focusIndex: [Screen: Int] = [:]
    /// A modal overlay, if any.
    public var overlay: Overlay?
    /// A one-line message for the status line (cleared by the next key).
    public var message: String?
    /// True when `message` reports a problem.
    public var messageIsError = false
    /// True while the workbench is still loading the dataset.
    public var isLoading = false
    /// Why the dataset could not be loaded, if it could not.
    public var loadError: String?
    /// The loaded dataset's overview.
    public var data: DatasetOverview?
    /// The tree of the current model (nil until a training finishes).
    public var treeOverview: TreeOverview?
    /// Data screen state.
    public var dataScreen = DataScreenState()
    /// Train screen state.
    public var trainScreen = TrainScreenState()
    /// Tree screen state.
    public var treeScreen = TreeScreenState()
    /// Query screen state.
    public var queryScreen = QueryScreenState()
    /// The session: dataset path, runs, query history (saved by the app after every run and on quit).
    public var session: WorkbenchSession
    /// Runs screen state.
    public var runsScreen = RunsScreenState()
    /// Selected row on the Runs screen (an index into `sortedRuns`).
    public var runSelection = 0
    /// The sessions directory as shown to the user (model folders are given inside it).
    public var sessionsDirectory = "sessions"

    /// The smallest usable terminal.
    public static let minimumWidth = 80
    /// The smallest usable terminal.
    public static let minimumHeight = 24

    /// Creates a state for a terminal of `width` × `height`.
    public init(width: Int, height: Int, sessionName: String = "session") {
        self.width = width
        self.height = height
        session = WorkbenchSession(name: sessionName, datasetPath: "")
    }

    /// Session name shown in the tab bar.
    public var sessionName: String { session.name }

    /// Runs of this session, oldest first.
    public var runs: [SessionRun] { session.runs }

    /// True when the terminal is too small to draw the screens.
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The focused pane of the current screen.
    public var focus: Pane {
        let panes = screen.panes
        return panes[min(focusIndex[screen] ?? 0, panes.count - 1)]
    }

    /// Focuses `pane` if it belongs to the current screen.
    public mutating func focus(_ pane: Pane) {
        if let index = screen.panes.firstIndex(of: pane) { focusIndex[screen] = index }
    }

    /// True when typed characters go into a text editor rather than being commands.
    public var isTyping: Bool {
        switch screen {
        case .train: trainScreen.fieldEditor != nil
        case .tree: treeScreen.search != nil
        case .query: focus == .queryPrompt || queryScreen.pointEntry != nil
        case .runs: runsScreen.widthsEditor != nil || runsScreen.hyperparameterForm != nil
        case .data: false
        }
    }

    /// The line prompt that has the keyboard, if any: the Query prompt while focused, the Tree
    /// search while open.
    public var activeLinePrompt: LinePrompt? {
        switch screen {
        case .query where focus == .queryPrompt: .query
        case .tree where treeScreen.search != nil: .treeSearch
        default: nil
        }
    }

    /// The earlier lines of `prompt`, oldest first.
    public func history(of prompt: LinePrompt) -> [String] {
        switch prompt {
        case .query: queryScreen.prompt.history
        case .treeSearch: treeScreen.searchHistory
        }
    }

    /// True while a training runs.
    public var isTraining: Bool { trainScreen.status.isRunning }
}
