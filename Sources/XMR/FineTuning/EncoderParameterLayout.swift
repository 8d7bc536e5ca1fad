/// The order of every BERT tensor in one flat buffer, so that weights, gradients and the
/// optimizer's moments share one layout and one loop.
///
/// Embeddings come first, then each layer bottom up, so freezing the embeddings and the bottom K
/// layers freezes the prefix `0 ..< trainableStart(frozenLayers: K)`.
struct EncoderParameterLayout: Sendable, Equatable {
    /// The slots of one transformer layer, in buffer order.
    struct Layer: Sendable, Equatable {
        let queryWeight, queryBias, keyWeight, keyBias, valueWeight, valueBias: ParameterSlot
        let outputWeight, outputBias, attentionNormGain, attentionNormBias: ParameterSlot
        let intermediateWeight, intermediateBias, feedForwardWeight, feedForwardBias: ParameterSlot
        let outputNormGain, outputNormBias: ParameterSlot
    }

    /// The architecture laid out.
    let configuration: BertConfiguration
    /// Word, position and token-type embeddings and their LayerNorm.
    let words, positions, tokenTypes, embeddingNormGain, embeddingNormBias: ParameterSlot
    /// The layers, bottom first.
    let layers: [Layer]
    /// Every slot, in buffer order.
    let slots: [ParameterSlot]
    /// Total number of values.
    let count: Int

    /// Lays out `c`'s tensors.
    init(_ c: BertConfiguration) {
        configuration = c
        var slots: [ParameterSlot] = [], next = 0
        func slot(_ name: String, _ shape: [Int], decays: Bool) -> ParameterSlot {
            let s = ParameterSlot(name: name, shape: shape, offset: next, decays: decays)
            next += s.count
            slots.append(s)
            return s
        }
        let h = c.hiddenSize, i = c.intermediateSize
        words = slot("embeddings.word_embeddings.weight", [c.vocabularySize, h], decays: true)
        positions = slot("embeddings.position_embeddings.weight", [c.maxPositions, h], decays: true)
        tokenTypes = slot("embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h], decays: true)
        embeddingNormGain = slot("embeddings.LayerNorm.weight", [h], decays: false)
        embeddingNormBias = slot("embeddings.LayerNorm.bias", [h], decays: false)
        layers = (0..<c.layerCount).map { l in
            let p = "encoder.layer.\(l)."
            return Layer(
                queryWeight: slot(p + "attention.self.query.weight", [h, h], decays: true),
                queryBias: slot(p + "attention.self.query.bias", [h], decays: false),
                keyWeight: slot(p + "attention.self.key.weight", [h, h], decays: true),
                keyBias: slot(p + "attention.self.key.bias", [h], decays: false),
                valueWeight: slot(p + "attention.self.value.weight", [h, h], decays: true),
                valueBias: slot(p + "attention.self.value.bias", [h], decays: false),
                outputWeight: slot(p + "attention.output.dense.weight", [h, h], decays: true),
                outputBias: slot(p + "attention.output.dense.bias", [h], decays: false),
                attentionNormGain: slot(p + "attention.output.LayerNorm.weight", [h], decays: false),
                attentionNormBias: slot(p + "attention.output.LayerNorm.bias", [h], decays: false),
                intermediateWeight: slot(p + "intermediate.dense.weight", [i, h], decays: true),
                intermediateBias: slot(p + "intermediate.dense.bias", [i], decays: false),
                feedForwardWeight: slot(p + "output.dense.weight", [h, i], decays: true),
                feedForwardBias: slot(p + "output.dense.bias", [h], decays: false),
                outputNormGain: slot(p + "output.LayerNorm.weight", [h], decays: false),
                outputNormBias: slot(p + "output.LayerNorm.bias", [h], decays: false))
        }
        self.slots = slots
        count = next
    }

    /// Where the trainable values start when the embeddings and the bottom `frozenLayers` layers
    /// are frozen (0 when nothing is frozen).
    func trainableStart(frozenLayers: Int) -> Int {
        guard frozenLayers > 0 else { return 0 }
        return frozenLayers >= layers.count ? count : layers[frozenLayers].queryWeight.offset
    }
}
