import XMR

/// What the Train screen remembers: the parameters being edited and the training status.
public struct TrainScreenState: Sendable, Hashable {
    /// The form's values.
    public var parameters = Pipeline()
    /// The selected form row.
    public var selectedField: TrainingField = .features
    /// The editor of a typed field while it is being edited.
    public var fieldEditor: LineEditor?
    /// The last validation error, shown under the form until the next edit.
    public var validationError: String?
    /// The training status.
    public var status: TrainingStatus = .idle
    /// The parameters of the running or last training.
    public var lastParameters: Pipeline?

    /// The initial state.
    public init() {}
}
