/// What one layer's training forward keeps for its backward pass: the inference activations
/// plus the dropout masks and the attention probabilities after dropout.
final class TrainingLayerActivations {
    /// The forward pass's intermediates (its `probabilities` are before dropout).
    let layer = LayerActivations()
    /// The attention probabilities after dropout (used only when attention dropout is on).
    let droppedProbabilities = ActivationBuffer()
    /// The mask on the attention probabilities (same layout as `probabilities`).
    let probabilityMask = ActivationBuffer()
    /// The mask on the attention output projection (tokens × hidden).
    let attentionMask = ActivationBuffer()
    /// The mask on the feed-forward output (tokens × hidden).
    let feedForwardMask = ActivationBuffer()

    /// Empty activations.
    init() {}
}
