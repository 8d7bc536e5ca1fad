/// Linear warmup from 0 to the peak rate, then linear decay to 0 at the last step (BERT's schedule).
public struct LearningRateSchedule: Sendable, Equatable {
    /// The rate at the end of warmup.
    public var peak: Float
    /// Steps of warmup.
    public var warmupSteps: Int
    /// Steps in the whole run.
    public var totalSteps: Int

    /// A schedule from its fields.
    public init(peak: Float, warmupSteps: Int, totalSteps: Int) {
        self.peak = peak
        self.warmupSteps = max(0, warmupSteps)
        self.totalSteps = max(1, totalSteps)
    }

    /// The rate of step `step` (0-based).
    public func rate(at step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        let remaining = max(0, totalSteps - step), span = max(1, totalSteps - warmupSteps)
        return peak * Float(remaining) / Float(span)
    }
}
