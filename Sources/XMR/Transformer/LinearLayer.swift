/// A fully connected layer y = x·Wᵀ + b with W stored as Hugging Face does: out × in, row-major.
struct LinearLayer: Sendable {
    /// The weight, `outputSize` × `inputSize`.
    let weight: FloatTensor
    /// The bias, `outputSize`.
    let bias: FloatTensor
    /// Width of an input row.
    var inputSize: Int { weight.shape[1] }
    /// Width of an output row.
    var outputSize: Int { weight.shape[0] }

    /// Writes `rows` output rows for `rows` input rows (both contiguous, row-major), via `cblas_sgemm`.
    func forward(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        let n = outputSize
        let bias = bias.base
        for r in 0..<rows { (output + r * n).update(from: bias, count: n) }
        BLAS.multiply(m: rows, n: n, k: inputSize, a: input, lda: inputSize, b: weight.base, ldb: inputSize,
                      transposeB: true, beta: 1, c: output, ldc: n)
    }
}
