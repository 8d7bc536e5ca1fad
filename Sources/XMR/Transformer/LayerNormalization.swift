/// LayerNorm over each row: (x − mean) / √(variance + ε) · γ + β.
struct LayerNormalization: Sendable {
    /// γ, one per column.
    let gain: FloatTensor
    /// β, one per column.
    let bias: FloatTensor
    /// ε added to the variance.
    let epsilon: Float

    /// Normalizes `rows` rows of `data` in place.
    func forward(_ data: UnsafeMutablePointer<Float>, rows: Int) {
        let n = gain.count
        let gain = gain.base, bias = bias.base
        for r in 0..<rows {
            let row = data + r * n
            var sum: Float = 0
            for c in 0..<n { sum += row[c] }
            let mean = sum / Float(n)
            var squares: Float = 0
            for c in 0..<n { let d = row[c] - mean; squares += d * d }
            let scale = 1 / (squares / Float(n) + epsilon).squareRoot()
            for c in 0..<n { row[c] = (row[c] - mean) * scale * gain[c] + bias[c] }
        }
    }
}
