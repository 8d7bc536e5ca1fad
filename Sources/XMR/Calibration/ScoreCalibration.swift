/// A fitted map from a ranked label's final score to the probability that the label is true.
public enum ScoreCalibration: Sendable, Equatable {
    /// Platt scaling.
    case platt(PlattScaling)
    /// Isotonic regression.
    case isotonic(IsotonicCalibration)

    /// The calibration of `method` fitted on `sample`.
    public static func fit(_ method: CalibrationMethod, on sample: CalibrationSample) -> ScoreCalibration {
        switch method {
        case .platt: return .platt(PlattScaling.fit(sample))
        case .isotonic: return .isotonic(IsotonicCalibration.fit(sample))
        }
    }

    /// The method this calibration was fitted with.
    public var method: CalibrationMethod {
        switch self {
        case .platt: return .platt
        case .isotonic: return .isotonic
        }
    }

    /// The probability of score `score`.
    public func probability(_ score: Float) -> Double {
        switch self {
        case let .platt(scaling): return scaling.probability(score)
        case let .isotonic(regression): return regression.probability(score)
        }
    }

    /// The probability of each ranked label of each ranking.
    public func probabilities(_ rankings: [[LabelScore]]) -> [[Double]] {
        rankings.map { $0.map { probability($0.score) } }
    }

    /// The report of this calibration's probabilities on `sample`.
    public func report(on sample: CalibrationSample, binCount: Int = 15) -> ReliabilityReport {
        ReliabilityReport(probabilities: sample.scores.map(probability), outcomes: sample.outcomes, binCount: binCount)
    }
}
