/// The BERT encoder stack: embeddings, then `layerCount` transformer layers, over a packed batch.
struct BertModel: Sendable {
    /// The architecture.
    let configuration: BertConfiguration
    /// The input embeddings.
    let embeddings: BertEmbeddings
    /// The transformer layers, bottom first.
    let layers: [EncoderLayer]

    /// Reads every tensor of `configuration` from `weights` (names with or without a `bert.`
    /// prefix), checking each shape; a missing or misshapen tensor is an error naming the file.
    init(configuration c: BertConfiguration, weights: SafetensorsFile) throws {
        configuration = c
        let prefix = weights.header.tensors["embeddings.word_embeddings.weight"] == nil
            && weights.header.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: [Int]) throws -> FloatTensor { try weights.floats(prefix + name, shape: shape) }
        func norm(_ name: String) throws -> LayerNormalization {
            // Old checkpoints call LayerNorm's parameters gamma and beta.
            let gainName = weights.header.tensors[prefix + name + ".weight"] == nil
                && weights.header.tensors[prefix + name + ".gamma"] != nil ? ".gamma" : ".weight"
            let biasName = gainName == ".gamma" ? ".beta" : ".bias"
            return LayerNormalization(gain: try tensor(name + gainName, [c.hiddenSize]),
                                      bias: try tensor(name + biasName, [c.hiddenSize]), epsilon: c.layerNormEpsilon)
        }
        func linear(_ name: String, output: Int, input: Int) throws -> LinearLayer {
            LinearLayer(weight: try tensor(name + ".weight", [output, input]), bias: try tensor(name + ".bias", [output]))
        }
        let h = c.hiddenSize, i = c.intermediateSize
        embeddings = BertEmbeddings(
            words: try tensor("embeddings.word_embeddings.weight", [c.vocabularySize, h]),
            positions: try tensor("embeddings.position_embeddings.weight", [c.maxPositions, h]),
            tokenTypes: try tensor("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h]),
            norm: try norm("embeddings.LayerNorm"))
        layers = try (0..<c.layerCount).map { l in
            let p = "encoder.layer.\(l)."
            return EncoderLayer(
                attention: SelfAttention(
                    query: try linear(p + "attention.self.query", output: h, input: h),
                    key: try linear(p + "attention.self.key", output: h, input: h),
                    value: try linear(p + "attention.self.value", output: h, input: h),
                    output: try linear(p + "attention.output.dense", output: h, input: h),
                    headCount: c.headCount),
                attentionNorm: try norm(p + "attention.output.LayerNorm"),
                feedForward: FeedForward(intermediate: try linear(p + "intermediate.dense", output: i, input: h),
                                         output: try linear(p + "output.dense", output: h, input: i)),
                outputNorm: try norm(p + "output.LayerNorm"))
        }
    }

    /// Runs the batch: `hidden` ends as the last layer's output (tokens × hidden). Layer `l`
    /// records into `activations[min(l, activations.count − 1)]`: one instance for inference,
    /// `layerCount` of them to keep everything for a backward pass.
    func forward(_ batch: TokenBatch, hidden: ActivationBuffer, activations: [LayerActivations]) {
        precondition(!activations.isEmpty, "BertModel.forward needs at least one LayerActivations")
        hidden.resize(batch.tokenCount * configuration.hiddenSize)
        embeddings.forward(batch, into: hidden.pointer)
        for (l, layer) in layers.enumerated() {
            layer.forward(batch, hidden: hidden.pointer, activations[min(l, activations.count - 1)])
        }
    }
}
