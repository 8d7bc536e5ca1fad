import Foundation

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
        Self.gelu(activations.intermediateLinear.pointer, into: activations.intermediate.pointer, count: rows * width)
        output.forward(activations.intermediate.pointer, rows: rows, into: result)
    }

    /// GELU(x) = x/2 · (1 + erf(x/√2)), element by element.
    static func gelu(_ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.707_106_77
        for i in 0..<count {
            let x = input[i]
            output[i] = 0.5 * x * (1 + erff(x * inverseRoot2))
        }
    }
}
