extension BertModel {
    /// A model whose tensors are views into `parameters`, laid out by `layout` (for training: the
    /// optimizer updates `parameters` between steps, and the views see the new values).
    init(layout: EncoderParameterLayout, parameters: FlatParameters) {
        func tensor(_ slot: ParameterSlot) -> FloatTensor {
            FloatTensor(shape: slot.shape, base: UnsafePointer(parameters.pointer + slot.offset), owner: parameters)
        }
        func norm(_ gain: ParameterSlot, _ bias: ParameterSlot) -> LayerNormalization {
            LayerNormalization(gain: tensor(gain), bias: tensor(bias), epsilon: layout.configuration.layerNormEpsilon)
        }
        func linear(_ weight: ParameterSlot, _ bias: ParameterSlot) -> LinearLayer {
            LinearLayer(weight: tensor(weight), bias: tensor(bias))
        }
        configuration = layout.configuration
        embeddings = BertEmbeddings(words: tensor(layout.words), positions: tensor(layout.positions),
                                    tokenTypes: tensor(layout.tokenTypes),
                                    norm: norm(layout.embeddingNormGain, layout.embeddingNormBias))
        layers = layout.layers.map { l in
            EncoderLayer(
                attention: SelfAttention(query: linear(l.queryWeight, l.queryBias), key: linear(l.keyWeight, l.keyBias),
                                         value: linear(l.valueWeight, l.valueBias), output: linear(l.outputWeight, l.outputBias),
                                         headCount: layout.configuration.headCount),
                attentionNorm: norm(l.attentionNormGain, l.attentionNormBias),
                feedForward: FeedForward(intermediate: linear(l.intermediateWeight, l.intermediateBias),
                                         output: linear(l.feedForwardWeight, l.feedForwardBias)),
                outputNorm: norm(l.outputNormGain, l.outputNormBias))
        }
    }

    /// This model's tensors copied into one flat buffer laid out by `layout`.
    func flatParameters(_ layout: EncoderParameterLayout) -> FlatParameters {
        let result = FlatParameters(count: layout.count)
        func copy(_ tensor: FloatTensor, _ slot: ParameterSlot) {
            precondition(tensor.shape == slot.shape, "BertModel.flatParameters: \(slot.name) has the wrong shape")
            (result.pointer + slot.offset).update(from: tensor.base, count: slot.count)
        }
        copy(embeddings.words, layout.words)
        copy(embeddings.positions, layout.positions)
        copy(embeddings.tokenTypes, layout.tokenTypes)
        copy(embeddings.norm.gain, layout.embeddingNormGain)
        copy(embeddings.norm.bias, layout.embeddingNormBias)
        for (layer, slots) in zip(layers, layout.layers) {
            copy(layer.attention.query.weight, slots.queryWeight)
            copy(layer.attention.query.bias, slots.queryBias)
            copy(layer.attention.key.weight, slots.keyWeight)
            copy(layer.attention.key.bias, slots.keyBias)
            copy(layer.attention.value.weight, slots.valueWeight)
            copy(layer.attention.value.bias, slots.valueBias)
            copy(layer.attention.output.weight, slots.outputWeight)
            copy(layer.attention.output.bias, slots.outputBias)
            copy(layer.attentionNorm.gain, slots.attentionNormGain)
            copy(layer.attentionNorm.bias, slots.attentionNormBias)
            copy(layer.feedForward.intermediate.weight, slots.intermediateWeight)
            copy(layer.feedForward.intermediate.bias, slots.intermediateBias)
            copy(layer.feedForward.output.weight, slots.feedForwardWeight)
            copy(layer.feedForward.output.bias, slots.feedForwardBias)
            copy(layer.outputNorm.gain, slots.outputNormGain)
            copy(layer.outputNorm.bias, slots.outputNormBias)
        }
        return result
    }
}
