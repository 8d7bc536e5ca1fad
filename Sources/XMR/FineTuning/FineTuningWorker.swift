/// One worker's share of a training step: its forward/backward pass and its own gradient
/// buffers, summed with the other workers' in worker order afterwards (so a thread count gives
/// the same weights every time).
///
/// `@unchecked Sendable`: each worker is used by one thread during a step.
final class FineTuningWorker: @unchecked Sendable {
    /// The pass over the shared weights.
    let pass: EncoderTrainingPass
    /// Gradients of the encoder, laid out like its weights.
    let encoderGradient: FlatParameters
    /// Gradients of the current level's head (reallocated per level).
    var headGradient = FlatParameters(count: 0)
    /// ∂loss/∂pooled for the worker's sequences.
    let pooledGradient = ActivationBuffer()
    /// The frozen layers' output states of the worker's texts (when they are cached).
    let states = ActivationBuffer()
    /// The summed loss of the worker's last step.
    var loss = 0.0

    /// A worker over `model`.
    init(model: BertModel, layout: EncoderParameterLayout, pooling: PoolingMode) {
        pass = EncoderTrainingPass(model: model, layout: layout, pooling: pooling)
        encoderGradient = FlatParameters(count: layout.count)
    }
}
