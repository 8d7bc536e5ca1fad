/// What one encoder layer computed for a batch, kept so a backward pass can use it.
///
/// Inference reuses one instance for every layer; training keeps one per layer.
final class LayerActivations {
    /// The layer's input rows (tokens × hidden), which are also the first residual.
    let input = ActivationBuffer()
    /// x·W_qᵀ + b_q (tokens × hidden; head h is columns h·d ..< (h+1)·d).
    let query = ActivationBuffer()
    /// x·W_kᵀ + b_k.
    let key = ActivationBuffer()
    /// x·W_vᵀ + b_v.
    let value = ActivationBuffer()
    /// Softmax attention weights: for each sequence, for each head, length × length, row-major.
    let probabilities = ActivationBuffer()
    /// Where each sequence's block of `probabilities` starts (`sequenceCount + 1` entries).
    var probabilityOffsets: [Int] = []
    /// The heads' weighted values, concatenated (tokens × hidden).
    let context = ActivationBuffer()
    /// input + the attention output projection: the first LayerNorm's input.
    let attended = ActivationBuffer()
    /// LayerNorm(attended): the feed-forward input and second residual.
    let attentionNormed = ActivationBuffer()
    /// The feed-forward's first linear map, before GELU (tokens × intermediate).
    let intermediateLinear = ActivationBuffer()
    /// GELU(intermediateLinear).
    let intermediate = ActivationBuffer()
    /// attentionNormed + the feed-forward's output: the second LayerNorm's input.
    let feedForwardSum = ActivationBuffer()

    /// Empty activations.
    init() {}
}
