import Foundation
import XMR

/// Loading a dataset folder and picking the feature matrix of one split, with one-line errors.
enum DatasetFeatures {
    /// Which split of a dataset a command reads.
    enum Split: String, CaseIterable {
        case train, test
    }

    /// Loads the folder at `path`.
    static func load(_ path: String) throws -> Dataset {
        try DatasetLoader.load(from: URL(fileURLWithPath: path))
    }

    /// The split's features and labels; fails when the folder has no such split or no feature vectors.
    ///
    /// With a `vectorizer` (a model trained on raw text) the split's texts are vectorized with it
    /// instead, so queries live in the model's feature space.
    static func split(_ dataset: Dataset, _ split: Split, path: String,
                      vectorizer: TfidfVectorizer? = nil) throws -> (features: CSRMatrix, labels: CSRMatrix) {
        let chosen: DatasetSplit
        switch split {
        case .train: chosen = dataset.train
        case .test:
            guard let test = dataset.test else { throw CommandFailure("\(path): the dataset has no test split (test.txt)") }
            chosen = test
        }
        if let vectorizer {
            guard let texts = chosen.texts else {
                throw CommandFailure("\(path): the model vectorizes raw text, but the \(split.rawValue) split has no texts (\(split.rawValue)_texts.txt)")
            }
            return (vectorizer.transform(texts: texts), chosen.labels)
        }
        guard let features = chosen.features else {
            throw CommandFailure("\(path): the \(split.rawValue) split has no feature vectors (text-only datasets need a model trained on raw text)")
        }
        return (features, chosen.labels)
    }

    /// Fails unless `features` has exactly the model's feature count: a dataset from another
    /// feature space would be ranked on whichever ids happen to overlap, silently wrong.
    static func checkFeatureCount(_ features: CSRMatrix, model: XRLinearModel, path: String, split: Split) throws {
        guard features.cols != model.featureCount else { return }
        throw CommandFailure("\(path): the \(split.rawValue) split has \(features.cols) features but the model has "
                             + "\(model.featureCount) (a model trained on another dataset or feature space?)")
    }
}
