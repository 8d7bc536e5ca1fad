import XMR

/// What the Runs screen remembers: sort order, marked runs, prompts, the sweep and the queue.
public struct RunsScreenState: Sendable, Equatable {
    /// The column the table is sorted by.
    public var sortKey: RunSortKey = .run
    /// True when the order is reversed from the column's natural one (best first, oldest first).
    public var reversed = false
    /// Marked run numbers (at most two, compared side by side), in marking order.
    public var marked: [Int] = []
    /// The beam-width sweep.
    public var sweep: SweepStatus = .idle
    /// The beam widths prompt, while open.
    public var widthsEditor: LineEditor?
    /// The widths the last sweep used (the prompt starts with them).
    public var lastWidths = "1 2 4 8 16 32"
    /// The hyperparameter sweep form, while open.
    public var hyperparameterForm: HyperparameterForm?
    /// Trainings of a hyperparameter sweep still waiting, in order.
    public var queue: [Pipeline] = []
    /// The sweep being run ("B = 4, 8, 16, 32") and its number of trainings, while it runs.
    public var queueLabel: String?
    /// Trainings in the sweep being run.
    public var queueTotal = 0
    /// The run being calibrated, while its calibration runs.
    public var calibrating: Int?
    /// True when the lower pane shows the selected run's reliability diagram rather than its sweep.
    public var showsReliability = false

    /// The initial state.
    public init() {}
}
