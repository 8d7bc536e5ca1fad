/// What a fine-tuning cost and how its loss went, for the training report.
public struct FineTuningReport: Sendable, Equatable, Codable {
    /// Seconds spent fine-tuning (all levels).
    public var seconds: Double
    /// Texts processed (epochs × levels × training texts).
    public var examples: Int
    /// The mean loss per text of every epoch, level by level.
    public var epochLosses: [[Double]]

    /// A report from its fields.
    public init(seconds: Double, examples: Int, epochLosses: [[Double]]) {
        self.seconds = seconds
        self.examples = examples
        self.epochLosses = epochLosses
        examplesPerSecond = seconds > 0 ? Double(examples) / seconds : 0
    }

    /// Texts per second over the whole fine-tuning.
    public var examplesPerSecond: Double
}
