import Foundation

extension TrainedModel {
    /// Writes the model folder `directory` (replacing a model folder there, atomically): the
    /// pipeline in `model.json`, the tree, the weights, names, the vectorizer and the matcher's
    /// file when the matcher is not linear (`StoredMatcher`). A folder that is not an xmr model
    /// is replaced only with `force` (see `ModelStore.save`).
    public func save(to directory: URL, force: Bool = false) throws {
        var matcherFile: (name: String, bytes: Data)?
        if let stored = matcher as? any StoredMatcher, let bytes = stored.fileBytes() {
            matcherFile = (stored.fileName, bytes)
        }
        try ModelStore.save(model, to: directory, vectorizer: vectorizer?.serialized(), matcherFile: matcherFile, force: force)
    }

    /// Loads the model folder `directory`, vectorizer and matcher file included. A model whose
    /// features embed texts opens its encoder folder again (`EncoderReference.open`): a missing
    /// folder or one whose files changed since training is an error naming `model.json`.
    /// Embeddings of dataset splits are cached in `embeddingCache`.
    public static func load(from directory: URL, embeddingCache: EmbeddingCache? = .standard) throws -> TrainedModel {
        let (model, blob, manifest) = try ModelStore.loadParts(from: directory)
        let file = directory.appendingPathComponent(TfidfVectorizer.fileName)
        let vectorizer = try blob.map { try TfidfVectorizer.decode($0, file: file) }
        let features = model.parameters.features
        var encoder: TextEncoder?
        if features.source.embedsTexts(hasEncoder: features.encoder != nil), let reference = features.encoder {
            let manifestPath = directory.appendingPathComponent(ModelStore.manifestFile).path
            do { encoder = try reference.open(for: manifestPath) } catch let EncoderError.badFile(path, message) {
                throw XRLinearError.invalidModelFile(file: path, message: message)
            }
        }
        let width = (vectorizer?.featureCount ?? 0) + (encoder?.dimension ?? 0)
        if vectorizer != nil || encoder != nil, width != model.featureCount {
            throw XRLinearError.invalidModelFile(
                file: encoder == nil ? file.path : directory.appendingPathComponent(ModelStore.manifestFile).path,
                message: "the vectorizer and encoder give \(width) features but the model has \(model.featureCount)")
        }
        let matcherURL = manifest.matcherFile.map { directory.appendingPathComponent($0) }
        let matcher = try model.parameters.matcher.algorithm.loadMatcher(model, file: matcherURL) { bytes in
            try ModelStore.checkRecorded(bytes, name: manifest.matcherFile ?? "", in: directory, manifest: manifest)
        }
        var trained = TrainedModel(model, vectorizer: vectorizer, matcher: matcher)
        if let neural = matcher as? NeuralMatcher, let base = encoder {
            encoder = try neural.encoder(over: base)
        }
        trained.encoder = encoder
        trained.embeddingCache = embeddingCache
        return trained
    }
}
