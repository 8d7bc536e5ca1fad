import Foundation

extension TrainedModel {
    /// Writes the model folder `directory` (replacing a model folder there, atomically): the
    /// pipeline in `model.json`, the tree, the weights, names and the vectorizer. A folder that
    /// is not an xmr model is replaced only with `force` (see `ModelStore.save`).
    public func save(to directory: URL, force: Bool = false) throws {
        try ModelStore.save(model, to: directory, vectorizer: vectorizer?.serialized(), force: force)
    }

    /// Loads the model folder `directory`, vectorizer included. A model whose features embed
    /// texts opens its encoder folder again (`EncoderReference.open`): a missing folder or one
    /// whose files changed since training is an error naming `model.json`. Embeddings of dataset
    /// splits are cached in `embeddingCache`.
    public static func load(from directory: URL, embeddingCache: EmbeddingCache? = .standard) throws -> TrainedModel {
        let (model, blob) = try ModelStore.loadFolder(from: directory)
        let file = directory.appendingPathComponent(TfidfVectorizer.fileName)
        let vectorizer = try blob.map { try TfidfVectorizer.decode($0, file: file) }
        let features = model.parameters.features
        var encoder: TextEncoder?
        if features.source.embedsTexts(hasEncoder: features.encoder != nil), let reference = features.encoder {
            let manifest = directory.appendingPathComponent(ModelStore.manifestFile).path
            do { encoder = try reference.open(for: manifest) } catch let EncoderError.badFile(path, message) {
                throw XRLinearError.invalidModelFile(file: path, message: message)
            }
        }
        let width = (vectorizer?.featureCount ?? 0) + (encoder?.dimension ?? 0)
        if vectorizer != nil || encoder != nil, width != model.featureCount {
            throw XRLinearError.invalidModelFile(
                file: encoder == nil ? file.path : directory.appendingPathComponent(ModelStore.manifestFile).path,
                message: "the vectorizer and encoder give \(width) features but the model has \(model.featureCount)")
        }
        var trained = TrainedModel(model, vectorizer: vectorizer)
        trained.encoder = encoder
        trained.embeddingCache = embeddingCache
        return trained
    }
}
