/// One worker's forward and backward pass through the encoder for fine-tuning: the forward keeps
/// every activation and dropout mask; the backward turns the gradient of the pooled embeddings
/// into gradients of every trainable tensor.
///
/// With dropout off, the forward computes exactly what `TextEncoder.embed` computes.
final class EncoderTrainingPass {
    /// The weights (views into the trainer's flat buffer).
    let model: BertModel
    /// Where each tensor's gradient goes in a gradient buffer.
    let layout: EncoderParameterLayout
    /// How token vectors are pooled.
    let pooling: PoolingMode
    /// The batch of the last forward.
    private(set) var batch = TokenBatch([])
    /// The dropout of the last forward.
    private(set) var dropout = DropoutRates.none
    /// The l2-normalized pooled embeddings of the last forward (sequences × hidden).
    let pooled = ActivationBuffer()
    private var pooledNorms: [Float] = []
    private let layers: [TrainingLayerActivations]
    private let embeddingSum = ActivationBuffer(), embeddingMask = ActivationBuffer(), hidden = ActivationBuffer()
    private let gradient = ActivationBuffer(), normGradient = ActivationBuffer(), residualGradient = ActivationBuffer()
    private let intermediateGradient = ActivationBuffer(), contextGradient = ActivationBuffer()
    private let queryGradient = ActivationBuffer(), keyGradient = ActivationBuffer(), valueGradient = ActivationBuffer()
    private let scoreGradient = ActivationBuffer()

    /// A pass over `model`'s weights, with gradients laid out by `layout`.
    init(model: BertModel, layout: EncoderParameterLayout, pooling: PoolingMode) {
        self.model = model
        self.layout = layout
        self.pooling = pooling
        layers = model.layers.map { _ in TrainingLayerActivations() }
    }

    private var width: Int { layout.configuration.hiddenSize }

    // MARK: Forward

    /// Runs `batch` forward, keeping what the backward needs, and fills `pooled`. Sequence `s`
    /// draws its dropout masks from (seed, step, firstSequence + s).
    ///
    /// With `states` (the batch's token states after the bottom `firstLayer` layers, as
    /// `forwardPrefix` leaves them) the embeddings and those layers are skipped; the backward
    /// must then freeze at least `firstLayer` layers.
    func forward(_ batch: TokenBatch, dropout: DropoutRates, seed: UInt64 = 0, step: Int = 0, firstSequence: Int = 0,
                 states: UnsafePointer<Float>? = nil, firstLayer: Int = 0) {
        self.batch = batch
        self.dropout = dropout
        let count = batch.tokenCount * width
        hidden.resize(count)
        drawMasks(seed: seed, step: step, firstSequence: firstSequence)
        if let states {
            hidden.pointer.update(from: states, count: count)
        } else {
            embed()
            if dropout.hidden > 0 { DropoutMask.apply(embeddingMask.pointer, to: hidden.pointer, count: count) }
        }
        for l in (states == nil ? 0 : min(firstLayer, layers.count))..<layers.count { layerForward(l) }
        pool()
    }

    /// Runs `batch` through the embeddings and the bottom `layerCount` layers with dropout off and
    /// returns the token states (tokens × hidden, valid until the next forward): the input of
    /// layer `layerCount`, constant while those layers are frozen.
    func forwardPrefix(_ batch: TokenBatch, layers layerCount: Int) -> UnsafePointer<Float> {
        self.batch = batch
        dropout = .none
        hidden.resize(batch.tokenCount * width)
        embed()
        for l in 0..<min(layerCount, layers.count) { layerForward(l) }
        return UnsafePointer(hidden.pointer)
    }

    private func embed() {
        let count = batch.tokenCount * width
        embeddingSum.resize(count)
        model.embeddings.sum(batch, into: embeddingSum.pointer)
        hidden.pointer.update(from: embeddingSum.pointer, count: count)
        model.embeddings.norm.forward(hidden.pointer, rows: batch.tokenCount)
    }

    private func drawMasks(seed: UInt64, step: Int, firstSequence: Int) {
        guard dropout.hidden > 0 || dropout.attention > 0 else { return }
        let count = batch.tokenCount * width, heads = layout.configuration.headCount
        embeddingMask.resize(count)
        var probabilityOffsets = [0]
        for s in 0..<batch.sequenceCount { probabilityOffsets.append(probabilityOffsets[s] + heads * batch.length(s) * batch.length(s)) }
        for layer in layers {
            layer.attentionMask.resize(count)
            layer.feedForwardMask.resize(count)
            layer.probabilityMask.resize(probabilityOffsets.last!)
        }
        for s in 0..<batch.sequenceCount {
            var generator = DropoutMask.generator(seed: seed, step: step, sequence: firstSequence + s)
            let rows = batch.offsets[s] * width, rowCount = batch.length(s) * width
            let squares = probabilityOffsets[s + 1] - probabilityOffsets[s]
            if dropout.hidden > 0 { DropoutMask.fill(embeddingMask.pointer + rows, count: rowCount, rate: dropout.hidden, using: &generator) }
            for layer in layers {
                if dropout.attention > 0 {
                    DropoutMask.fill(layer.probabilityMask.pointer + probabilityOffsets[s], count: squares, rate: dropout.attention, using: &generator)
                }
                if dropout.hidden > 0 {
                    DropoutMask.fill(layer.attentionMask.pointer + rows, count: rowCount, rate: dropout.hidden, using: &generator)
                    DropoutMask.fill(layer.feedForwardMask.pointer + rows, count: rowCount, rate: dropout.hidden, using: &generator)
                }
            }
        }
    }

    private func layerForward(_ l: Int) {
        let layer = model.layers[l], record = layers[l], a = record.layer
        let tokens = batch.tokenCount, count = tokens * width
        a.input.resize(count)
        a.input.pointer.update(from: hidden.pointer, count: count)
        a.attended.resize(count)
        attentionForward(layer.attention, record, into: a.attended.pointer)
        if dropout.hidden > 0 { DropoutMask.apply(record.attentionMask.pointer, to: a.attended.pointer, count: count) }
        EncoderLayer.add(a.input.pointer, to: a.attended.pointer, count: count)
        a.attentionNormed.resize(count)
        a.attentionNormed.pointer.update(from: a.attended.pointer, count: count)
        layer.attentionNorm.forward(a.attentionNormed.pointer, rows: tokens)
        a.feedForwardSum.resize(count)
        layer.feedForward.forward(rows: tokens, a, into: a.feedForwardSum.pointer)
        if dropout.hidden > 0 { DropoutMask.apply(record.feedForwardMask.pointer, to: a.feedForwardSum.pointer, count: count) }
        EncoderLayer.add(a.attentionNormed.pointer, to: a.feedForwardSum.pointer, count: count)
        hidden.pointer.update(from: a.feedForwardSum.pointer, count: count)
        layer.outputNorm.forward(hidden.pointer, rows: tokens)
    }

    /// `SelfAttention.forward` with dropout on the probabilities between the softmax and the values.
    private func attentionForward(_ attention: SelfAttention, _ record: TrainingLayerActivations, into result: UnsafeMutablePointer<Float>) {
        let a = record.layer, tokens = batch.tokenCount, hidden = width
        let heads = attention.headCount, headSize = hidden / heads
        for buffer in [a.query, a.key, a.value, a.context] { buffer.resize(tokens * hidden) }
        let input = UnsafePointer(a.input.pointer)
        attention.query.forward(input, rows: tokens, into: a.query.pointer)
        attention.key.forward(input, rows: tokens, into: a.key.pointer)
        attention.value.forward(input, rows: tokens, into: a.value.pointer)
        var offsets = [0]
        for s in 0..<batch.sequenceCount { offsets.append(offsets[s] + heads * batch.length(s) * batch.length(s)) }
        a.probabilityOffsets = offsets
        a.probabilities.resize(offsets.last!)
        let dropped = dropout.attention > 0
        if dropped { record.droppedProbabilities.resize(offsets.last!) }
        let scale = 1 / Float(headSize).squareRoot()
        for s in 0..<batch.sequenceCount {
            let start = batch.offsets[s], length = batch.length(s)
            for h in 0..<heads {
                let column = start * hidden + h * headSize, block = offsets[s] + h * length * length
                let weights = a.probabilities.pointer + block
                BLAS.multiply(m: length, n: length, k: headSize, alpha: scale, a: a.query.pointer + column, lda: hidden,
                              b: a.key.pointer + column, ldb: hidden, transposeB: true, c: weights, ldc: length)
                SelfAttention.softmaxRows(weights, rows: length, columns: length)
                var used = UnsafePointer(weights)
                if dropped {
                    let target = record.droppedProbabilities.pointer + block
                    target.update(from: weights, count: length * length)
                    DropoutMask.apply(record.probabilityMask.pointer + block, to: target, count: length * length)
                    used = UnsafePointer(target)
                }
                BLAS.multiply(m: length, n: headSize, k: length, a: used, lda: length, b: a.value.pointer + column, ldb: hidden,
                              transposeB: false, c: a.context.pointer + column, ldc: hidden)
            }
        }
        attention.output.forward(a.context.pointer, rows: tokens, into: result)
    }

    private func pool() {
        pooled.resize(batch.sequenceCount * width)
        pooledNorms = (0..<batch.sequenceCount).map { s in
            pooling.pool(hidden.pointer, start: batch.offsets[s], length: batch.length(s), width: width, into: pooled.pointer + s * width)
        }
    }

    // MARK: Backward

    /// Adds to `gradients` (laid out by `layout`) the gradient of a loss whose gradient with
    /// respect to `pooled` is `pooledGradient` (sequences × hidden), for every tensor above the
    /// embeddings and the bottom `frozenLayers` layers.
    func backward(pooledGradient: UnsafePointer<Float>, into gradients: UnsafeMutablePointer<Float>, frozenLayers: Int = 0) {
        let count = batch.tokenCount * width
        for buffer in [gradient, normGradient, residualGradient, contextGradient, queryGradient, keyGradient, valueGradient] {
            buffer.resize(count)
        }
        intermediateGradient.resize(batch.tokenCount * layout.configuration.intermediateSize)
        poolBackward(pooledGradient)
        let lowest = min(max(frozenLayers, 0), layers.count)
        for l in (lowest..<layers.count).reversed() {
            layerBackward(l, gradients: gradients, needsInputGradient: l > lowest || frozenLayers == 0)
        }
        if frozenLayers == 0 { embeddingsBackward(gradients) }
    }

    private func poolBackward(_ pooledGradient: UnsafePointer<Float>) {
        let width = width, g = gradient.pointer
        g.update(repeating: 0, count: batch.tokenCount * width)
        var direction = [Float](repeating: 0, count: width)
        for s in 0..<batch.sequenceCount where pooledNorms[s] > 0 {
            let p = pooled.pointer + s * width, dp = pooledGradient + s * width
            var dot: Float = 0
            for c in 0..<width { dot += p[c] * dp[c] }
            let inverse = 1 / pooledNorms[s]
            for c in 0..<width { direction[c] = (dp[c] - p[c] * dot) * inverse }
            let start = batch.offsets[s], length = batch.length(s)
            switch pooling {
            case .cls:
                for c in 0..<width { g[start * width + c] = direction[c] }
            case .mean:
                let share = 1 / Float(length)
                for t in start..<(start + length) {
                    for c in 0..<width { g[t * width + c] = direction[c] * share }
                }
            }
        }
    }

    /// Turns `gradient` (the layer's output gradient) into its input gradient, adding the layer's tensor gradients.
    private func layerBackward(_ l: Int, gradients: UnsafeMutablePointer<Float>, needsInputGradient: Bool) {
        let layer = model.layers[l], record = layers[l], a = record.layer, slots = layout.layers[l]
        let tokens = batch.tokenCount, count = tokens * width
        func at(_ slot: ParameterSlot) -> UnsafeMutablePointer<Float> { gradients + slot.offset }
        // Output LayerNorm, then the residual around the feed-forward.
        BackwardKernels.layerNorm(input: a.feedForwardSum.pointer, outputGradient: gradient.pointer, rows: tokens, norm: layer.outputNorm,
                                  gainGradient: at(slots.outputNormGain), biasGradient: at(slots.outputNormBias),
                                  inputGradient: normGradient.pointer)
        residualGradient.pointer.update(from: normGradient.pointer, count: count)
        if dropout.hidden > 0 { DropoutMask.apply(record.feedForwardMask.pointer, to: normGradient.pointer, count: count) }
        BackwardKernels.linear(input: a.intermediate.pointer, outputGradient: normGradient.pointer, rows: tokens,
                               layer: layer.feedForward.output, weightGradient: at(slots.feedForwardWeight),
                               biasGradient: at(slots.feedForwardBias), inputGradient: intermediateGradient.pointer, accumulateInput: false)
        BackwardKernels.gelu(input: a.intermediateLinear.pointer, gradient: intermediateGradient.pointer,
                             count: tokens * layout.configuration.intermediateSize)
        BackwardKernels.linear(input: a.attentionNormed.pointer, outputGradient: intermediateGradient.pointer, rows: tokens,
                               layer: layer.feedForward.intermediate, weightGradient: at(slots.intermediateWeight),
                               biasGradient: at(slots.intermediateBias), inputGradient: residualGradient.pointer, accumulateInput: true)
        // Attention LayerNorm, then the residual around attention.
        BackwardKernels.layerNorm(input: a.attended.pointer, outputGradient: residualGradient.pointer, rows: tokens, norm: layer.attentionNorm,
                                  gainGradient: at(slots.attentionNormGain), biasGradient: at(slots.attentionNormBias),
                                  inputGradient: normGradient.pointer)
        gradient.pointer.update(from: normGradient.pointer, count: count)
        if dropout.hidden > 0 { DropoutMask.apply(record.attentionMask.pointer, to: normGradient.pointer, count: count) }
        BackwardKernels.linear(input: a.context.pointer, outputGradient: normGradient.pointer, rows: tokens,
                               layer: layer.attention.output, weightGradient: at(slots.outputWeight),
                               biasGradient: at(slots.outputBias), inputGradient: contextGradient.pointer, accumulateInput: false)
        attentionBackward(layer.attention, record)
        let input = UnsafePointer(a.input.pointer), dx = needsInputGradient ? gradient.pointer : nil
        BackwardKernels.linear(input: input, outputGradient: queryGradient.pointer, rows: tokens, layer: layer.attention.query,
                               weightGradient: at(slots.queryWeight), biasGradient: at(slots.queryBias),
                               inputGradient: dx, accumulateInput: true)
        BackwardKernels.linear(input: input, outputGradient: keyGradient.pointer, rows: tokens, layer: layer.attention.key,
                               weightGradient: at(slots.keyWeight), biasGradient: at(slots.keyBias),
                               inputGradient: dx, accumulateInput: true)
        BackwardKernels.linear(input: input, outputGradient: valueGradient.pointer, rows: tokens, layer: layer.attention.value,
                               weightGradient: at(slots.valueWeight), biasGradient: at(slots.valueBias),
                               inputGradient: dx, accumulateInput: true)
    }

    /// From `contextGradient`, the gradients of the queries, keys and values, head by head.
    private func attentionBackward(_ attention: SelfAttention, _ record: TrainingLayerActivations) {
        let a = record.layer, hidden = width, heads = attention.headCount, headSize = hidden / heads
        let scale = 1 / Float(headSize).squareRoot(), dropped = dropout.attention > 0
        let longest = batch.maxLength
        scoreGradient.resize(longest * longest)
        let dS = scoreGradient.pointer
        for s in 0..<batch.sequenceCount {
            let start = batch.offsets[s], length = batch.length(s)
            for h in 0..<heads {
                let column = start * hidden + h * headSize, block = a.probabilityOffsets[s] + h * length * length
                let p = UnsafePointer(a.probabilities.pointer + block)
                let used = dropped ? UnsafePointer(record.droppedProbabilities.pointer + block) : p
                let dC = UnsafePointer(contextGradient.pointer + column)
                BLAS.multiply(m: length, n: length, k: headSize, a: dC, lda: hidden, b: a.value.pointer + column, ldb: hidden,
                              transposeB: true, c: dS, ldc: length)
                BLAS.multiply(m: length, n: headSize, k: length, a: used, lda: length, b: dC, ldb: hidden, transposeB: false,
                              c: valueGradient.pointer + column, ldc: hidden, transposeA: true)
                if dropped { DropoutMask.apply(record.probabilityMask.pointer + block, to: dS, count: length * length) }
                BackwardKernels.softmaxRows(probabilities: p, gradient: dS, rows: length, columns: length)
                BLAS.multiply(m: length, n: headSize, k: length, alpha: scale, a: dS, lda: length, b: a.key.pointer + column,
                              ldb: hidden, transposeB: false, c: queryGradient.pointer + column, ldc: hidden)
                BLAS.multiply(m: length, n: headSize, k: length, alpha: scale, a: dS, lda: length, b: a.query.pointer + column,
                              ldb: hidden, transposeB: false, c: keyGradient.pointer + column, ldc: hidden, transposeA: true)
            }
        }
    }

    private func embeddingsBackward(_ gradients: UnsafeMutablePointer<Float>) {
        let count = batch.tokenCount * width, width = width
        if dropout.hidden > 0 { DropoutMask.apply(embeddingMask.pointer, to: gradient.pointer, count: count) }
        BackwardKernels.layerNorm(input: embeddingSum.pointer, outputGradient: gradient.pointer, rows: batch.tokenCount,
                                  norm: model.embeddings.norm, gainGradient: gradients + layout.embeddingNormGain.offset,
                                  biasGradient: gradients + layout.embeddingNormBias.offset, inputGradient: normGradient.pointer)
        let words = gradients + layout.words.offset, positions = gradients + layout.positions.offset
        let type0 = gradients + layout.tokenTypes.offset, de = normGradient.pointer
        for s in 0..<batch.sequenceCount {
            for t in 0..<batch.length(s) {
                let token = batch.offsets[s] + t
                let row = de + token * width, word = words + Int(batch.ids[token]) * width, position = positions + t * width
                for c in 0..<width {
                    word[c] += row[c]
                    position[c] += row[c]
                    type0[c] += row[c]
                }
            }
        }
    }
}
