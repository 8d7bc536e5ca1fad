/// One finished training of this session, listed on the Runs screen.
public struct RunRecord: Sendable, Hashable {
    /// 1-based run number within the session.
    public var number: Int
    /// The hyperparameters used.
    public var parameters: TrainingParameters
    /// The results.
    public var summary: TrainingSummary

    /// Creates a record.
    public init(number: Int, parameters: TrainingParameters, summary: TrainingSummary) {
        self.number = number
        self.parameters = parameters
        self.summary = summary
    }
}
