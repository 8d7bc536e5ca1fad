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

    /// A block reader of the split's points when they can be streamed: the model ranks feature
    /// vectors (it reads no text) and the split is an XMC text file (`train.txt`, `test.txt`).
    /// Fails, as loading the folder would, when the split's and the training file's headers give
    /// another feature count than the model's.
    static func splitReader(_ path: String, _ split: Split, model: TrainedModel) throws -> XMCTextBlockReader? {
        let folder = URL(fileURLWithPath: path)
        guard !model.readsText, let file = try DatasetLoader.textFile(ofSplit: split.rawValue, in: folder) else { return nil }
        let reader = try XMCTextBlockReader(contentsOf: file)
        var width = reader.featureCount
        let train = folder.appendingPathComponent("train.txt")
        if split == .test, FileManager.default.fileExists(atPath: train.path) {
            width = max(width, try XMCTextBlockReader(contentsOf: train).featureCount)
        }
        guard width == model.model.featureCount else {
            throw CommandFailure("\(path): the \(split.rawValue) split has \(width) features but the model has "
                                 + "\(model.model.featureCount) (a model trained on another dataset or feature space?)")
        }
        return reader
    }

    /// Point `point` of the split `reader` reads (parsing up to its block), and its true labels.
    static func point(_ point: Int, of reader: inout XMCTextBlockReader, split: Split,
                      featureCount: Int) throws -> (queries: QueryBatch, truth: [Int]) {
        guard point >= 0, point < reader.pointCount else {
            throw CommandFailure("--point \(point) is out of range: the \(split.rawValue) split has \(reader.pointCount) points")
        }
        while let block = try reader.nextBlock(maxPoints: 4096) {
            let first = reader.pointsRead - block.count
            guard point < reader.pointsRead else { continue }
            var features = block.features.selectingRows([point - first])
            features.cols = featureCount
            let labels = block.labels
            let truth = labels.range(ofRow: point - first).map { Int(labels.columnIndices[$0]) }
            return (QueryBatch(features: features, texts: nil), truth)
        }
        throw CommandFailure("--point \(point) is out of range: the \(split.rawValue) split has \(reader.pointsRead) points")
    }

    /// Fails unless `features` has exactly the model's feature count: a dataset from another
    /// feature space would be ranked on whichever ids happen to overlap, silently wrong.
    static func checkFeatureCount(_ features: CSRMatrix, model: XRLinearModel, path: String, split: Split) throws {
        guard features.cols != model.featureCount else { return }
        throw CommandFailure("\(path): the \(split.rawValue) split has \(features.cols) features but the model has "
                             + "\(model.featureCount) (a model trained on another dataset or feature space?)")
    }
}
