import COpenBLAS

/// The few OpenBLAS calls the engine uses, over row-major `Float` buffers.
public enum BLAS {
    /// Sets the number of threads OpenBLAS uses inside one call (process-wide). The engine keeps it
    /// at 1: callers run their own threads, and results then do not depend on the core count.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// OpenBLAS starts with a thread per core; the engine's first product sets it to one, so that no
    /// result depends on the machine's core count or on which caller ran first.
    private static let startsAtOneThread: Void = openblas_set_num_threads(1)

    /// The number of threads OpenBLAS uses inside one call.
    public static var threadCount: Int {
        _ = startsAtOneThread
        return Int(openblas_get_num_threads())
    }

    /// Runs `body` with OpenBLAS at `count` threads, then restores the previous count, so one
    /// caller's setting does not outlive it (other BLAS users, such as the spectral eigensolver,
    /// get the same thread count, and so the same rounding, before and after).
    public static func withThreadCount<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
        let previous = threadCount
        if previous != max(1, count) { setThreadCount(count) }
        defer { if threadCount != previous { setThreadCount(previous) } }
        return try body()
    }

    /// C = alpha · A · op(B) + beta · C, all row-major: A is m × k (leading dimension `lda`),
    /// op(B) is k × n where B is stored n × k when `transposeB` (leading dimension `ldb`), C is m × n (`ldc`).
    public static func multiply(
        m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int,
        transposeA: Bool = false
    ) {
        guard m > 0, n > 0 else { return }
        _ = startsAtOneThread
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
