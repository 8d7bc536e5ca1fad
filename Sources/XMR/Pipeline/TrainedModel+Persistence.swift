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

    /// Loads the model folder `directory`, vectorizer and matcher file included.
    public static func load(from directory: URL) throws -> TrainedModel {
        let (model, blob, manifest) = try ModelStore.loadParts(from: directory)
        let file = directory.appendingPathComponent(TfidfVectorizer.fileName)
        let vectorizer = try blob.map { try TfidfVectorizer.decode($0, file: file) }
        if let vectorizer, vectorizer.featureCount != model.featureCount {
            throw XRLinearError.invalidModelFile(
                file: file.path, message: "the vectorizer has \(vectorizer.featureCount) features but the model has \(model.featureCount)")
        }
        let matcherURL = manifest.matcherFile.map { directory.appendingPathComponent($0) }
        let matcher = try model.parameters.matcher.algorithm.loadMatcher(model, file: matcherURL) { bytes in
            try ModelStore.checkRecorded(bytes, name: manifest.matcherFile ?? "", in: directory, manifest: manifest)
        }
        return TrainedModel(model, vectorizer: vectorizer, matcher: matcher)
    }
}
