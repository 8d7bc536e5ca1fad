import Foundation
import XMR

extension SessionRun {
    enum CodingKeys: String, CodingKey {
        case number, parameters, metrics, trainingSeconds, predictSeconds, modelBytes, weightCount, treeShape
        case modelFolder, finishedAt, sweeps, calibration
    }

    /// Decodes a run; its number, metrics and model folder are required, the rest has defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .number)
        parameters = try c.decodeIfPresent(Pipeline.self, forKey: .parameters) ?? Pipeline()
        metrics = try c.decode(RunMetrics.self, forKey: .metrics)
        trainingSeconds = try c.decodeIfPresent(Double.self, forKey: .trainingSeconds) ?? 0
        predictSeconds = try c.decodeIfPresent(Double.self, forKey: .predictSeconds) ?? 0
        modelBytes = try c.decodeIfPresent(Int.self, forKey: .modelBytes) ?? 0
        weightCount = try c.decodeIfPresent(Int.self, forKey: .weightCount) ?? 0
        treeShape = try c.decodeIfPresent([Int].self, forKey: .treeShape) ?? []
        modelFolder = try c.decode(String.self, forKey: .modelFolder)
        finishedAt = try c.decodeIfPresent(Date.self, forKey: .finishedAt) ?? Date(timeIntervalSince1970: 0)
        sweeps = try c.decodeIfPresent([BeamWidthSweep].self, forKey: .sweeps) ?? []
        calibration = try c.decodeIfPresent(RunCalibration.self, forKey: .calibration)
    }
}
