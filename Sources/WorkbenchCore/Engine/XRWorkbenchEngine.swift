import Foundation
import XMR

/// The workbench's engine: datasets through `DatasetLoader`, models through XR-Linear.
public struct XRWorkbenchEngine: WorkbenchEngine {
    /// Creates the engine.
    public init() {}

    /// Loads a dataset folder with the engine's loader.
    public func loadDataset(at url: URL) throws -> Dataset {
        try DatasetLoader.load(from: url)
    }

    /// Trains an XR-Linear model (clustering, per-level rankers, test evaluation).
    public func train(_ dataset: Dataset, parameters: TrainingParameters,
                      progress: @escaping @Sendable (TrainingSnapshot) -> Void,
                      isCancelled: @escaping @Sendable () -> Bool) throws -> any TrainedWorkbenchModel {
        throw XRWorkbenchEngineError.trainerNotAvailable
    }
}

/// Errors of `XRWorkbenchEngine`.
public enum XRWorkbenchEngineError: Error, CustomStringConvertible, Sendable {
    /// This build has no trainer yet.
    case trainerNotAvailable

    /// A one-line description.
    public var description: String {
        switch self {
        case .trainerNotAvailable: "this build of xmr has no XR-Linear trainer yet"
        }
    }
}
