import ArgumentParser
import Foundation
import XMR

/// Loading a dataset folder and the queries of one split in a model's feature space.
enum DatasetFeatures {
    /// Which split of a dataset a command reads.
    enum Split: String, CaseIterable, ExpressibleByArgument {
        case train, test
    }

    /// Loads the folder at `path`.
    static func load(_ path: String) throws -> Dataset {
        try DatasetLoader.load(from: URL(fileURLWithPath: path))
    }

    /// The split's queries (in `model`'s feature space, by `TrainedModel.features(of:name:)`)
    /// and its labels; fails when the folder has no such split.
    static func split(_ dataset: Dataset, _ split: Split, path: String,
                      model: TrainedModel) throws -> (queries: QueryBatch, labels: CSRMatrix) {
        let chosen: DatasetSplit
        switch split {
        case .train: chosen = dataset.train
        case .test:
            guard let test = dataset.test else { throw CommandFailure("\(path): the dataset has no test split (test.txt)") }
            chosen = test
        }
        do {
            let features = try model.features(of: chosen, name: split.rawValue)
            return (QueryBatch(features: features, texts: chosen.texts), chosen.labels)
        } catch let error as XRLinearError {
            throw CommandFailure("\(path): \(error.description)")
        }
    }

    /// Fails unless `features` has exactly the model's feature count: a dataset from another
    /// feature space would be ranked on whichever ids happen to overlap, silently wrong.
    static func checkFeatureCount(_ features: CSRMatrix, model: XRLinearModel, path: String, split: Split) throws {
        guard features.cols != model.featureCount else { return }
        throw CommandFailure("\(path): the \(split.rawValue) split has \(features.cols) features but the model has "
                             + "\(model.featureCount) (a model trained on another dataset or feature space?)")
    }
}
