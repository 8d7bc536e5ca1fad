import XMR

/// A calibration the workbench fitted for a run (its file is in the run's model folder): how
/// it was fitted and its reliability on the test split before and after.
public struct RunCalibration: Sendable, Codable, Equatable {
    /// The method (isotonic, as `xmr calibrate` picks by default).
    public var method: CalibrationMethod
    /// Where the fitting predictions came from, for people.
    public var fittedOn: String
    /// Predictions it was fitted on.
    public var fitPredictions: Int
    /// The raw scores taken as probabilities, on the test split.
    public var before: ReliabilityReport
    /// The calibrated probabilities, on the test split.
    public var after: ReliabilityReport
    /// The probability threshold that maximizes micro-F1 on the fitting predictions (as
    /// `xmr tune-thresholds` picks it); nil in records made before it was tuned.
    public var threshold: Double?
    /// Micro-F1 on the test split of the labels at or above `threshold`.
    public var thresholdTestF1: Double?

    /// Creates a run's calibration record.
    public init(method: CalibrationMethod, fittedOn: String, fitPredictions: Int, before: ReliabilityReport,
                after: ReliabilityReport) {
        self.method = method
        self.fittedOn = fittedOn
        self.fitPredictions = fitPredictions
        self.before = before
        self.after = after
    }
}
