/// Eigenvalues and eigenvectors of a small dense symmetric matrix by cyclic Jacobi rotations.
///
/// For the Rayleigh–Ritz step of the spectral embedding (a few hundred rows at most) and for
/// checking it in tests; cost O(n³) a sweep, usually under ten sweeps.
enum SymmetricEigensolver {
    /// The eigenpairs of the `n × n` row-major symmetric `matrix`, eigenvalues descending;
    /// `vectors[k * n + i]` is component i of eigenvector k.
    static func decompose(_ matrix: [Double], n: Int) -> (values: [Double], vectors: [Double]) {
        precondition(matrix.count == n * n, "the matrix must be n × n")
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                for _ in 0..<60 {
                    var off = 0.0, total = 0.0
                    for i in 0..<n {
                        for j in 0..<n {
                            total += a[i * n + j] * a[i * n + j]
                            if i != j { off += a[i * n + j] * a[i * n + j] }
                        }
                    }
                    if off <= 1e-30 * max(total, 1e-300) { break }
                    for p in 0..<n {
                        for q in (p + 1)..<max(p + 1, n) where abs(a[p * n + q]) > 1e-300 {
                            rotate(a.baseAddress!, v.baseAddress!, n, p, q)
                        }
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] || (a[$0 * n + $0] == a[$1 * n + $1] && $0 < $1) }
        var vectors = [Double](repeating: 0, count: n * n)
        for (k, column) in order.enumerated() {
            for i in 0..<n { vectors[k * n + i] = v[i * n + column] }
        }
        return (order.map { a[$0 * n + $0] }, vectors)
    }

    /// One Jacobi rotation zeroing `a[p][q]`, accumulated into the eigenvector columns of `v`.
    private static func rotate(_ a: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>, _ n: Int,
                               _ p: Int, _ q: Int) {
        let apq = a[p * n + q]
        let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot(), s = t * c
        for k in 0..<n {
            let akp = a[k * n + p], akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {
            let apk = a[p * n + k], aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
        }
        for k in 0..<n {
            let vkp = v[k * n + p], vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
        }
    }
}
