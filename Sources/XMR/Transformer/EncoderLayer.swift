/// One transformer layer: self-attention, add & LayerNorm, feed-forward, add & LayerNorm.
struct EncoderLayer: Sendable {
    /// The self-attention block.
    let attention: SelfAttention
    /// The LayerNorm after attention.
    let attentionNorm: LayerNormalization
    /// The feed-forward block.
    let feedForward: FeedForward
    /// The LayerNorm after the feed-forward.
    let outputNorm: LayerNormalization

    /// Transforms `hidden` (tokens × hidden) in place, recording every intermediate in `activations`.
    func forward(_ batch: TokenBatch, hidden: UnsafeMutablePointer<Float>, _ activations: LayerActivations) {
        let tokens = batch.tokenCount, width = attentionNorm.gain.count, count = tokens * width
        activations.input.resize(count)
        activations.input.pointer.update(from: hidden, count: count)
        activations.attended.resize(count)
        attention.forward(batch, activations, into: activations.attended.pointer)
        Self.add(activations.input.pointer, to: activations.attended.pointer, count: count)
        activations.attentionNormed.resize(count)
        activations.attentionNormed.pointer.update(from: activations.attended.pointer, count: count)
        attentionNorm.forward(activations.attentionNormed.pointer, rows: tokens)
        activations.feedForwardSum.resize(count)
        feedForward.forward(rows: tokens, activations, into: activations.feedForwardSum.pointer)
        Self.add(activations.attentionNormed.pointer, to: activations.feedForwardSum.pointer, count: count)
        hidden.update(from: activations.feedForwardSum.pointer, count: count)
        outputNorm.forward(hidden, rows: tokens)
    }

    /// target += source, element by element.
    static func add(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { target[i] += source[i] }
    }
}
