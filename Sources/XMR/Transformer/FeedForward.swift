/// The position-wise feed-forward network: GELU(x·W₁ᵀ + b₁)·W₂ᵀ + b₂, with GELU in its erf form.
struct FeedForward: Sendable {
    /// hidden → intermediate.
    let intermediate: LinearLayer
    /// intermediate → hidden.
    let output: LinearLayer

    /// Reads `activations.attentionNormed`, fills the intermediate activations, writes the output into `result`.
    func forward(rows: Int, _ activations: LayerActivations, into result: UnsafeMutablePointer<Float>) {
        let width = intermediate.outputSize
        activations.intermediateLinear.resize(rows * width)
        activations.intermediate.resize(rows * width)
        intermediate.forward(activations.attentionNormed.pointer, rows: rows, into: activations.intermediateLinear.pointer)
        GELU.apply(activations.intermediateLinear.pointer, into: activations.intermediate.pointer, count: rows * width)
        output.forward(activations.intermediate.pointer, rows: rows, into: result)
    }
}
