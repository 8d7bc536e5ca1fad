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
    static func split(_ dataset: Dataset, _ split: Split, path: String) throws -> (features: CSRMatrix, labels: CSRMatrix) {
        let chosen: DatasetSplit
        switch split {
        case .train: chosen = dataset.train
        case .test:
            guard let test = dataset.test else { throw CommandFailure("\(path): the dataset has no test split (test.txt)") }
            chosen = test
        }
        guard let features = chosen.features else {
            throw CommandFailure("\(path): the \(split.rawValue) split has no feature vectors (text-only datasets need a vectorizer)")
        }
        return (features, chosen.labels)
    }
}
