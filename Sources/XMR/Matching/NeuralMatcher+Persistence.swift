import Foundation

extension NeuralMatcher {
    /// The `format` the matcher file's metadata declares.
    static let format = "xmr-neural-matcher-1"

    /// The file: every fine-tuned encoder tensor under its Hugging Face name, `cluster_head.L.weight`
    /// and `.bias` per level L, and metadata (the architecture, the tree's signature, the checksum).
    public func fileBytes() -> Data? {
        let layout = EncoderParameterLayout(model.configuration)
        let flat = model.flatParameters(layout)
        var owners = [flat]
        var tensors = layout.slots.map { SafetensorsWriter.Tensor(name: $0.name, shape: $0.shape, values: UnsafePointer(flat.pointer + $0.offset)) }
        for (index, head) in heads.enumerated() {
            let weights = FlatParameters(head.weights), bias = FlatParameters(head.bias)
            owners += [weights, bias]
            tensors.append(SafetensorsWriter.Tensor(name: "cluster_head.\(index + 1).weight", shape: [head.clusters, head.width],
                                                    values: UnsafePointer(weights.pointer)))
            tensors.append(SafetensorsWriter.Tensor(name: "cluster_head.\(index + 1).bias", shape: [head.clusters], values: UnsafePointer(bias.pointer)))
        }
        let c = model.configuration
        let metadata = ["format": Self.format, "levels": "\(heads.count)", "tree": Self.signature(of: search.tree),
                        "weights_checksum": weightsChecksum, "vocab_size": "\(c.vocabularySize)", "hidden_size": "\(c.hiddenSize)",
                        "num_hidden_layers": "\(c.layerCount)", "num_attention_heads": "\(c.headCount)",
                        "intermediate_size": "\(c.intermediateSize)", "max_position_embeddings": "\(c.maxPositions)",
                        "type_vocab_size": "\(c.typeVocabularySize)", "layer_norm_eps": "\(c.layerNormEpsilon)"]
        let image = SafetensorsWriter.image(tensors, metadata: metadata)
        withExtendedLifetime(owners) {}
        return image
    }

    /// The tree's shape and parents as a short string: node counts per level and a CRC-32 of the parents.
    static func signature(of tree: LabelTree) -> String {
        var crc = CRC32()
        for level in tree.parents { level.withUnsafeBytes { crc.update($0) } }
        return (0...tree.depth).map { "\(tree.nodeCount(atLevel: $0))" }.joined(separator: "-") + String(format: ":%08x", crc.value)
    }

    /// The matcher of `model` from its file (memory-mapped); a file for another tree, another
    /// architecture or with missing tensors is refused naming the file.
    static func load(_ model: XRLinearModel, file: URL?, verify: (UnsafeRawBufferPointer) throws -> Void) throws -> NeuralMatcher {
        guard let file else {
            throw XRLinearError.invalidModelFile(file: ModelStore.manifestFile, message: "names no matcher file for the neural matcher")
        }
        func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: file.path, message: message) }
        do {
            let weights = try SafetensorsFile(file)
            try weights.withBytes(verify)
            let meta = weights.header.metadata
            guard meta["format"] == format else { throw fail("is not a neural matcher file (format \(meta["format"] ?? "missing"), expected \(format))") }
            guard meta["tree"] == signature(of: model.tree), meta["levels"] == "\(model.depth - 1)" else {
                throw fail("was fine-tuned on another label tree (\(meta["tree"] ?? "?"), the model's is \(signature(of: model.tree)))")
            }
            func integer(_ key: String) throws -> Int {
                guard let text = meta[key], let value = Int(text), value > 0 else { throw fail("metadata \(key) is missing or not a positive integer") }
                return value
            }
            guard let epsilon = meta["layer_norm_eps"].flatMap(Float.init), let checksum = meta["weights_checksum"] else {
                throw fail("metadata layer_norm_eps or weights_checksum is missing")
            }
            let configuration = BertConfiguration(
                vocabularySize: try integer("vocab_size"), hiddenSize: try integer("hidden_size"), layerCount: try integer("num_hidden_layers"),
                headCount: try integer("num_attention_heads"), intermediateSize: try integer("intermediate_size"),
                maxPositions: try integer("max_position_embeddings"), typeVocabularySize: try integer("type_vocab_size"),
                layerNormEpsilon: epsilon)
            guard configuration.hiddenSize % configuration.headCount == 0 else { throw fail("metadata num_attention_heads does not divide hidden_size") }
            let bert = try BertModel(configuration: configuration, weights: weights)
            let heads = try (1..<max(1, model.depth)).map { level -> ClusterHeadWeights in
                let clusters = model.tree.nodeCount(atLevel: level), width = configuration.hiddenSize
                let w = try weights.floats("cluster_head.\(level).weight", shape: [clusters, width])
                let b = try weights.floats("cluster_head.\(level).bias", shape: [clusters])
                return try ClusterHeadWeights(clusters: clusters, width: width, weights: Array(w.buffer), bias: Array(b.buffer))
            }
            return NeuralMatcher(model: bert, heads: heads, tree: model.tree, postProcessor: model.parameters.postProcessor,
                                 weightsChecksum: checksum)
        } catch let EncoderError.badFile(path, message) {
            throw XRLinearError.invalidModelFile(file: path, message: message)
        }
    }
}
