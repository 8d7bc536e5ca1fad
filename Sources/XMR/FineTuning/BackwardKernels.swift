import Foundation

/// The gradient of each building block of the encoder, over row-major buffers, with products
/// through OpenBLAS. Every function adds into parameter gradients (they accumulate over a batch).
enum BackwardKernels {
    /// For y = x·Wᵀ + b (x: rows × in, W: out × in): dW += dyᵀ·x, db += Σ dy, and
    /// dx = dy·W (added to dx when `accumulateInput`, written otherwise; skipped when nil).
    static func linear(input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>, rows: Int,
                       layer: LinearLayer, weightGradient dW: UnsafeMutablePointer<Float>,
                       biasGradient db: UnsafeMutablePointer<Float>,
                       inputGradient dx: UnsafeMutablePointer<Float>?, accumulateInput: Bool) {
        let n = layer.outputSize, k = layer.inputSize
        BLAS.multiply(m: n, n: k, k: rows, a: dy, lda: n, b: x, ldb: k, transposeB: false,
                      beta: 1, c: dW, ldc: k, transposeA: true)
        addColumnSums(dy, rows: rows, columns: n, into: db)
        if let dx {
            BLAS.multiply(m: rows, n: k, k: n, a: dy, lda: n, b: layer.weight.base, ldb: k, transposeB: false,
                          beta: accumulateInput ? 1 : 0, c: dx, ldc: k)
        }
    }

    /// target[c] += Σ_r data[r][c].
    static func addColumnSums(_ data: UnsafePointer<Float>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = data + r * columns
            for c in 0..<columns { target[c] += row[c] }
        }
    }

    /// LayerNorm backward from its input `x` (recomputing mean and scale as the forward does):
    /// dGain += Σ dy·x̂, dBias += Σ dy, and dx = r·(g − mean(g) − x̂·mean(g·x̂)) with g = dy·γ.
    static func layerNorm(input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>, rows: Int,
                          norm: LayerNormalization, gainGradient dGain: UnsafeMutablePointer<Float>,
                          biasGradient dBias: UnsafeMutablePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>) {
        let n = norm.gain.count, gain = norm.gain.base
        for r in 0..<rows {
            let row = x + r * n, gradient = dy + r * n, out = dx + r * n
            var sum: Float = 0
            for c in 0..<n { sum += row[c] }
            let mean = sum / Float(n)
            var squares: Float = 0
            for c in 0..<n { let d = row[c] - mean; squares += d * d }
            let scale = 1 / (squares / Float(n) + norm.epsilon).squareRoot()
            var gSum: Float = 0, gxSum: Float = 0
            for c in 0..<n {
                let normalized = (row[c] - mean) * scale
                dGain[c] += gradient[c] * normalized
                dBias[c] += gradient[c]
                let g = gradient[c] * gain[c]
                gSum += g
                gxSum += g * normalized
            }
            let gMean = gSum / Float(n), gxMean = gxSum / Float(n)
            for c in 0..<n {
                let normalized = (row[c] - mean) * scale
                out[c] = scale * (gradient[c] * gain[c] - gMean - normalized * gxMean)
            }
        }
    }

    /// gradient[i] *= GELU′(input[i]) = Φ(x) + x·φ(x), with Φ from the forward's erf.
    static func gelu(input: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, count: Int) {
        let inverseRoot2: Float = 0.707_106_77, inverseRoot2Pi: Float = 0.398_942_28
        for i in 0..<count {
            let x = input[i]
            let cdf = 0.5 * (1 + GELU.erf(x * inverseRoot2))
            gradient[i] *= cdf + x * inverseRoot2Pi * expf(-0.5 * x * x)
        }
    }

    /// Softmax backward per row, in place: dS = P ⊙ (dP − Σ_k dP_k·P_k).
    static func softmaxRows(probabilities p: UnsafePointer<Float>, gradient dp: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let pr = p + r * columns, dr = dp + r * columns
            var dot: Float = 0
            for c in 0..<columns { dot += dr[c] * pr[c] }
            for c in 0..<columns { dr[c] = pr[c] * (dr[c] - dot) }
        }
    }
}
