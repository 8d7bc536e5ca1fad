/// The top eigenvectors of a label graph's normalized adjacency `D^-½ A D^-½`, one row per label.
///
/// Computed by randomized block Krylov iteration (Musco and Musco, NeurIPS 2015) with full
/// re-orthogonalization and restarts: from a random block of `dimension + 8` vectors, three more
/// blocks of repeated products with `I + S` (whose eigenvalues keep their order but are not
/// negative, so the largest, not the most negative, dominate), each vector orthogonalized twice
/// against the basis so far (classical Gram–Schmidt twice), then Rayleigh–Ritz on the basis with
/// a dense Jacobi eigensolver; the best Ritz vectors start the next round until every kept pair
/// has a residual ‖Sv − λv‖ below 1e-4. Only the sparse S and the labels × basis block are ever
/// stored, never a dense labels × labels matrix. Labels without edges are left out (zero rows).
public struct SpectralEmbedding: Sendable {
    /// Number of vectors in each Krylov block beyond the requested dimension.
    static let oversampling = 8
    /// Number of Krylov blocks (the start block included) between restarts.
    static let blocks = 4
    /// Restarts at most (each from the best Ritz vectors so far).
    static let maximumRestarts = 60
    /// The residual ‖Sv − λv‖ under which an eigenpair counts as converged.
    static let tolerance = 1e-4

    /// Eigenvalues of S, descending; as many as eigenvectors were kept.
    public let eigenvalues: [Double]
    /// Labels × eigenvalues.count: column k is eigenvector k (unit norm); rows of labels without edges are zero.
    public let vectors: DenseMatrix
    /// Whether each label has at least one edge.
    public let hasEdges: [Bool]

    /// The top `dimension` eigenpairs of `graph`'s normalized adjacency (fewer when fewer labels
    /// have edges), from a random start drawn with `seed`.
    public static func compute(graph: LabelGraph, dimension: Int, seed: UInt64 = 0, threads: Int = 0) throws -> SpectralEmbedding {
        guard dimension >= 1 else {
            throw IndexingError.invalidParameter(name: "spectral-dim", message: "must be at least 1, got \(dimension)")
        }
        // OpenBLAS rounds differently with another thread count: one thread inside each product
        // keeps the embedding the same on every machine and after an encoder ran in the process.
        BLAS.setThreadCount(1)
        let operatorS = NormalizedAdjacency(graph)
        let n = operatorS.size
        var hasEdges = [Bool](repeating: false, count: graph.labelCount)
        for label in operatorS.labels { hasEdges[label] = true }
        let kept = min(dimension, n)
        guard kept > 0 else {
            return SpectralEmbedding(eigenvalues: [], vectors: DenseMatrix(rows: graph.labelCount, columns: 0), hasEdges: hasEdges)
        }
        let width = min(n, kept + oversampling)
        var generator = SplitMix64(seed: seed)
        var start = (0..<(n * width)).map { _ in Float(Double(generator.next() >> 11) * 0x1p-53 * 2 - 1) }
        var values: [Double] = [], ritz: [Float] = []
        for _ in 0..<maximumRestarts {
            let basis = krylovBasis(operatorS, start: start, width: width, threads: threads)
            let pairs = rayleighRitz(operatorS, basis: basis, keep: width, threads: threads)
            values = pairs.values
            ritz = pairs.vectors
            let converged = pairs.residuals.prefix(kept).allSatisfy { $0 <= tolerance }
            if converged || basis.columns == n || values.count < width { break }
            start = ritz
        }
        // Keep the first `kept` of the `width` Ritz vectors.
        let take = min(kept, values.count)
        values = Array(values.prefix(take))
        let stride = ritz.count / max(1, n)
        ritz = (0..<(n * take)).map { ritz[($0 / take) * stride + $0 % take] }
        var vectors = DenseMatrix(rows: graph.labelCount, columns: take)
        for (r, label) in operatorS.labels.enumerated() {
            for k in 0..<take { vectors[label, k] = ritz[r * take + k] }
        }
        return SpectralEmbedding(eigenvalues: values, vectors: vectors, hasEdges: hasEdges)
    }

    /// An orthonormal basis of the block Krylov space of `start` (`size × width`, row-major),
    /// as a row-major `size × columns` matrix (columns ≤ blocks · width).
    static func krylovBasis(_ s: NormalizedAdjacency, start: [Float], width: Int, threads: Int)
        -> (values: [Float], columns: Int) {
        let n = s.size
        let capacity = min(n, width * blocks)
        var q = KrylovBasis(rows: n, capacity: capacity)
        var block = start
        var blockWidth = width
        for b in 0..<blocks {
            if b > 0 { block = s.apply(block, width: blockWidth, shift: 1, threads: threads) }
            let before = q.columns
            for c in 0..<blockWidth where q.columns < capacity {
                q.append((0..<n).map { block[$0 * blockWidth + c] })
            }
            let added = q.columns - before
            if added == 0 || q.columns == capacity { break }
            blockWidth = added
            block = q.block(before..<q.columns)
        }
        return (q.packed(), q.columns)
    }

    /// The top `keep` Ritz pairs of S on `basis`: eigenvalues descending, `size × keep` vectors
    /// (row-major) and each pair's residual ‖Sv − λv‖.
    static func rayleighRitz(_ s: NormalizedAdjacency, basis: (values: [Float], columns: Int), keep: Int,
                             threads: Int) -> (values: [Double], vectors: [Float], residuals: [Double]) {
        let n = s.size, p = basis.columns
        let sq = s.apply(basis.values, width: p, shift: 0, threads: threads)
        var t = [Float](repeating: 0, count: p * p)
        basis.values.withUnsafeBufferPointer { q in
            sq.withUnsafeBufferPointer { w in
                t.withUnsafeMutableBufferPointer { t in
                    BLAS.multiply(m: p, n: p, k: n, a: q.baseAddress!, lda: p, b: w.baseAddress!, ldb: p,
                                  transposeB: false, c: t.baseAddress!, ldc: p, transposeA: true)
                }
            }
        }
        var symmetric = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p { symmetric[i * p + j] = (Double(t[i * p + j]) + Double(t[j * p + i])) / 2 }
        }
        let (values, vectors) = SymmetricEigensolver.decompose(symmetric, n: p)
        let take = min(keep, p)
        var y = [Float](repeating: 0, count: p * take)
        for k in 0..<take {
            // A fixed sign: the largest component of each eigenvector is positive.
            var largest = 0
            for i in 0..<p where abs(vectors[k * p + i]) > abs(vectors[k * p + largest]) { largest = i }
            let sign: Double = vectors[k * p + largest] < 0 ? -1 : 1
            for i in 0..<p { y[i * take + k] = Float(sign * vectors[k * p + i]) }
        }
        var ritz = [Float](repeating: 0, count: n * take)
        basis.values.withUnsafeBufferPointer { q in
            y.withUnsafeBufferPointer { y in
                ritz.withUnsafeMutableBufferPointer { r in
                    BLAS.multiply(m: n, n: take, k: p, a: q.baseAddress!, lda: p, b: y.baseAddress!, ldb: take,
                                  transposeB: false, c: r.baseAddress!, ldc: take)
                }
            }
        }
        // S V = (S Q) Y, so the residuals need one more product and no further use of S.
        var sv = [Float](repeating: 0, count: n * take)
        sq.withUnsafeBufferPointer { w in
            y.withUnsafeBufferPointer { y in
                sv.withUnsafeMutableBufferPointer { r in
                    BLAS.multiply(m: n, n: take, k: p, a: w.baseAddress!, lda: p, b: y.baseAddress!, ldb: take,
                                  transposeB: false, c: r.baseAddress!, ldc: take)
                }
            }
        }
        let residuals = (0..<take).map { k -> Double in
            var sum = 0.0
            for i in 0..<n {
                let d = Double(sv[i * take + k]) - values[k] * Double(ritz[i * take + k])
                sum += d * d
            }
            return sum.squareRoot()
        }
        return (Array(values.prefix(take)), ritz, residuals)
    }
}
