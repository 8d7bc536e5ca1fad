extension TrainingSnapshot {
    /// Starts `step` now (`elapsedSeconds`), ending the step that ran; the first step starts at 0,
    /// so the steps cover the whole training.
    public mutating func begin(_ step: TrainingStep) {
        endSteps()
        steps.append(StepTime(step: step, start: steps.isEmpty ? 0 : elapsedSeconds))
    }

    /// Ends the running step now (the training finished or stopped).
    public mutating func endSteps() {
        if let last = steps.indices.last, steps[last].end == nil { steps[last].end = elapsedSeconds }
    }

    /// Encoding share done, 0...1 (by texts).
    public var encodingFraction: Double { textsToEncode > 0 ? Double(textsEncoded) / Double(textsToEncode) : 0 }

    /// The step running now, if any.
    public var runningStep: StepTime? { steps.last.flatMap { $0.end == nil ? $0 : nil } }

    /// Seconds `step` took (so far, while it runs).
    public func seconds(of step: StepTime) -> Double { max(0, (step.end ?? elapsedSeconds) - step.start) }

    /// Seconds left for the tree levels, while a level trains: the running level at its own rate
    /// (seconds per training row so far), and each later level as long as the running one will
    /// take in all. Nil before the first node of a level is done, and outside the levels.
    public var estimatedRemainingSeconds: Double? {
        guard let running = runningStep, case .engine(.level(let t)) = running.step,
              let current = levels.first(where: { $0.level == t }), current.fraction > 0
        else { return nil }
        let spent = seconds(of: running)
        let projected = spent / current.fraction
        let later = levels.filter { $0.level > t }.count
        return max(0, projected - spent) + Double(later) * projected
    }
}
