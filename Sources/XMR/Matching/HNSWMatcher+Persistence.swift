import Foundation

extension HNSWMatcher {
    /// The matcher of `model` with its index memory-mapped from `file` (none for a one-level
    /// tree); the index must hold sparse cosine vectors, one per node of the last cluster level,
    /// of the model's feature count.
    static func load(_ model: XRLinearModel, file: URL?, verify: (UnsafeRawBufferPointer) throws -> Void) throws -> HNSWMatcher {
        let level = model.depth - 1
        let settings = model.parameters
        guard level >= 1 else {
            return HNSWMatcher(index: nil, tree: model.tree, postProcessor: settings.postProcessor,
                               efSearch: settings.ann.efSearch)
        }
        guard let file else {
            throw XRLinearError.invalidModelFile(file: ModelStore.manifestFile, message: "names no matcher file for the hnsw matcher")
        }
        let index: HNSWIndex
        do {
            index = try HNSWIndex.load(from: file)
        } catch let error as ANNError {
            if case let .invalidIndexFile(path, message) = error { throw XRLinearError.invalidModelFile(file: path, message: message) }
            throw XRLinearError.invalidModelFile(file: file.path, message: error.description)
        }
        try index.withImage(verify)
        let clusters = model.tree.nodeCount(atLevel: level)
        guard !index.isDense, index.similarity == .cosine, index.count == clusters, index.dimension == model.featureCount else {
            throw XRLinearError.invalidModelFile(file: file.path, message:
                "holds \(index.count) \(index.isDense ? "dense" : "sparse") \(index.similarity.rawValue) vectors of dimension \(index.dimension); the model needs \(clusters) sparse cosine vectors of dimension \(model.featureCount)")
        }
        return HNSWMatcher(index: index, tree: model.tree, postProcessor: settings.postProcessor,
                           efSearch: settings.ann.efSearch)
    }
}
