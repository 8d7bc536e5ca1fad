import Foundation
import XMR

/// One finished training of a session: its parameters, results, costs, model folder and sweeps.
public struct SessionRun: Sendable, Codable, Equatable {
    /// The run's number within its session (never reused after a delete).
    public var number: Int
    /// The hyperparameters it was trained with.
    public var parameters: Pipeline
    /// Its ranking quality.
    public var metrics: RunMetrics
    /// Wall-clock seconds of the training (clustering and rankers).
    public var trainingSeconds: Double
    /// Wall-clock seconds of predicting the whole evaluation split (batch, all threads).
    public var predictSeconds: Double
    /// Bytes of the saved model folder.
    public var modelBytes: Int
    /// Nonzero weights of the model.
    public var weightCount: Int
    /// Nodes per level of its tree (level 0 = root).
    public var treeShape: [Int]
    /// The model folder, relative to the sessions directory (e.g. `NAME/run-3`).
    public var modelFolder: String
    /// When the training finished.
    public var finishedAt: Date
    /// Beam-width sweeps measured on this run's model, oldest first.
    public var sweeps: [BeamWidthSweep]
    /// The calibration fitted for this run's model on the Runs screen, if any.
    public var calibration: RunCalibration?

    /// Creates a run.
    public init(number: Int, parameters: Pipeline, metrics: RunMetrics, trainingSeconds: Double,
                predictSeconds: Double, modelBytes: Int, weightCount: Int, treeShape: [Int], modelFolder: String,
                finishedAt: Date, sweeps: [BeamWidthSweep] = []) {
        self.number = number
        self.parameters = parameters
        self.metrics = metrics
        self.trainingSeconds = trainingSeconds
        self.predictSeconds = predictSeconds
        self.modelBytes = modelBytes
        self.weightCount = weightCount
        self.treeShape = treeShape
        self.modelFolder = modelFolder
        self.finishedAt = finishedAt
        self.sweeps = sweeps
    }

    /// Milliseconds of batch prediction per evaluated point.
    public var predictMillisecondsPerPoint: Double {
        metrics.evaluatedPoints > 0 ? predictSeconds * 1000 / Double(metrics.evaluatedPoints) : 0
    }
}

extension SessionRun {
    /// The largest count or size a run may record (far above any real model; keeps arithmetic
    /// on the numbers of a hostile file from overflowing).
    static let maximumCount = 1 << 50

    /// The first number of a decoded run that is out of range, if any.
    func problem() -> String? {
        func fraction(_ value: Double?) -> Bool { value.map { $0.isFinite && $0 >= 0 && $0 <= 1 } ?? true }
        func duration(_ value: Double) -> Bool { value.isFinite && value >= 0 && value < 1e12 }
        func count(_ value: Int) -> Bool { value >= 0 && value <= Self.maximumCount }
        let m = metrics
        guard [m.precisionAt1, m.precisionAt3, m.precisionAt5, m.recallAt5, m.ndcgAt5, m.pspAt5].allSatisfy(fraction) else {
            return "a metric is not between 0 and 1"
        }
        guard count(m.evaluatedPoints), count(modelBytes), count(weightCount) else { return "a count is out of range" }
        guard duration(trainingSeconds), duration(predictSeconds) else { return "a time is out of range" }
        guard treeShape.count <= 65, treeShape.allSatisfy(count) else { return "treeShape is out of range" }
        do { try parameters.validate() } catch { return "parameters: \(error)" }
        for sweep in sweeps {
            guard count(sweep.evaluatedPoints), count(sweep.timedPoints) else { return "a sweep count is out of range" }
            for point in sweep.points {
                guard (1...Self.maximumCount).contains(point.beamWidth), fraction(point.precisionAt1),
                      fraction(point.precisionAt5), duration(point.latencyMilliseconds),
                      duration(point.medianLatencyMilliseconds) else { return "a sweep point is out of range" }
            }
        }
        return nil
    }
}
