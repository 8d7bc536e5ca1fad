import XMR

/// Where the Runs screen's beam-width sweep stands.
public enum SweepStatus: Sendable, Equatable {
    /// No sweep is running.
    case idle
    /// Run `run`'s model is being swept; the progress is the latest report.
    case running(run: Int, progress: BeamWidthSweep.Progress)

    /// True while a sweep runs.
    public var isRunning: Bool {
        if case .running = self { return true }
        return false
    }
}
