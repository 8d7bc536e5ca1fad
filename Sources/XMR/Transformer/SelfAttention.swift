import Foundation

/// Multi-head self-attention within each sequence of a packed batch, with the output projection.
struct SelfAttention: Sendable {
    /// The query projection.
    let query: LinearLayer
    /// The key projection.
    let key: LinearLayer
    /// The value projection.
    let value: LinearLayer
    /// The projection of the concatenated heads.
    let output: LinearLayer
    /// Number of heads.
    let headCount: Int

    /// Computes q, k, v, the attention weights and the context from `activations.input`, and
    /// writes the projected context into `result` (tokens × hidden).
    func forward(_ batch: TokenBatch, _ activations: LayerActivations, into result: UnsafeMutablePointer<Float>) {
        let tokens = batch.tokenCount, hidden = query.outputSize, headSize = hidden / headCount
        for buffer in [activations.query, activations.key, activations.value, activations.context] { buffer.resize(tokens * hidden) }
        let input = UnsafePointer(activations.input.pointer)
        query.forward(input, rows: tokens, into: activations.query.pointer)
        key.forward(input, rows: tokens, into: activations.key.pointer)
        value.forward(input, rows: tokens, into: activations.value.pointer)
        var offsets = [0]
        for s in 0..<batch.sequenceCount { offsets.append(offsets[s] + headCount * batch.length(s) * batch.length(s)) }
        activations.probabilityOffsets = offsets
        activations.probabilities.resize(offsets.last!)
        let scale = 1 / Float(headSize).squareRoot()
        for s in 0..<batch.sequenceCount {
            let start = batch.offsets[s], length = batch.length(s)
            for h in 0..<headCount {
                let column = start * hidden + h * headSize
                let weights = activations.probabilities.pointer + offsets[s] + h * length * length
                BLAS.multiply(m: length, n: length, k: headSize, alpha: scale,
                              a: activations.query.pointer + column, lda: hidden,
                              b: activations.key.pointer + column, ldb: hidden, transposeB: true,
                              c: weights, ldc: length)
                Self.softmaxRows(weights, rows: length, columns: length)
                BLAS.multiply(m: length, n: headSize, k: length, a: weights, lda: length,
                              b: activations.value.pointer + column, ldb: hidden, transposeB: false,
                              c: activations.context.pointer + column, ldc: hidden)
            }
        }
        output.forward(activations.context.pointer, rows: tokens, into: result)
    }

    /// Replaces each row of `data` by its softmax.
    static func softmaxRows(_ data: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let row = data + r * columns
            var largest = -Float.infinity
            for c in 0..<columns { largest = max(largest, row[c]) }
            var sum: Float = 0
            for c in 0..<columns { let e = expf(row[c] - largest); row[c] = e; sum += e }
            let inverse = 1 / sum
            for c in 0..<columns { row[c] *= inverse }
        }
    }
}
