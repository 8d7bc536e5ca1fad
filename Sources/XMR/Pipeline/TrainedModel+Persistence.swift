import Foundation

extension TrainedModel {
    /// Writes the model folder `directory` (replacing a model folder there, atomically): the
    /// pipeline in `model.json`, the tree, the weights, names and the vectorizer. A folder that
    /// is not an xmr model is replaced only with `force` (see `ModelStore.save`).
    public func save(to directory: URL, force: Bool = false) throws {
        try ModelStore.save(model, to: directory, vectorizer: vectorizer?.serialized(), force: force)
    }

    /// Loads the model folder `directory`, vectorizer included.
    public static func load(from directory: URL) throws -> TrainedModel {
        let (model, blob) = try ModelStore.loadFolder(from: directory)
        let file = directory.appendingPathComponent(TfidfVectorizer.fileName)
        let vectorizer = try blob.map { try TfidfVectorizer.decode($0, file: file) }
        if let vectorizer, vectorizer.featureCount != model.featureCount {
            throw XRLinearError.invalidModelFile(
                file: file.path, message: "the vectorizer has \(vectorizer.featureCount) features but the model has \(model.featureCount)")
        }
        return TrainedModel(model, vectorizer: vectorizer)
    }
}
