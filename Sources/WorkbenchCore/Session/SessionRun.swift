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
