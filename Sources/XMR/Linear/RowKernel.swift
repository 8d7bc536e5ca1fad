import CVectorKernels

/// How the SVM loop reads one row layout of `PackedRows`: the sparse part of a dot product with
/// the weights, an update of the weights, and a prefetch, over the entries `start..<end` of a row.
///
/// Rows are padded to whole groups of four entries (`PackedRows.rowMultiple`), so the dot loops
/// run groups of four with four partial sums and no remainder loop.
protocol RowKernel {
    /// Σ w[feature] · value over the entries (for a uniform layout, without the row's value).
    func dot(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int) -> Double
    /// w[feature] += scale · value over the entries (for a uniform layout, scale alone).
    func add(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int, scale: Double)
    /// Where the entries lie: a base address and the byte offsets `first..<last` from it.
    func byteRange(start: Int, end: Int) -> (base: UnsafeRawPointer, first: Int, last: Int)
}

extension RowKernel {
    /// Asks for the first two cache lines of the entries without waiting for them (the hardware
    /// prefetcher follows with the rest of a longer row).
    @inline(__always)
    func prefetchHead(start: Int, end: Int) {
        let (base, first, last) = byteRange(start: start, end: end)
        xmr_prefetch(base + first)
        xmr_prefetch(base + max(first, min(first &+ 64, last &- 1)))
    }
}

/// Rows as `PackedEntry` pairs: a 32-bit feature id and its Float value.
struct PackedRowKernel: RowKernel {
    let entries: UnsafePointer<PackedEntry>

    @inline(__always)
    func dot(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int) -> Double {
        let e = entries
        var s0: Double = 0, s1: Double = 0, s2: Double = 0, s3: Double = 0
        var p = start
        while p < end {
            s0 += w[Int(e[p].feature)] * Double(e[p].value)
            s1 += w[Int(e[p &+ 1].feature)] * Double(e[p &+ 1].value)
            s2 += w[Int(e[p &+ 2].feature)] * Double(e[p &+ 2].value)
            s3 += w[Int(e[p &+ 3].feature)] * Double(e[p &+ 3].value)
            p &+= 4
        }
        return (s0 + s1) + (s2 + s3)
    }

    @inline(__always)
    func add(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int, scale: Double) {
        let e = entries
        var p = start
        while p < end {
            w[Int(e[p].feature)] += scale * Double(e[p].value)
            p &+= 1
        }
    }

    @inline(__always)
    func byteRange(start: Int, end: Int) -> (base: UnsafeRawPointer, first: Int, last: Int) {
        (UnsafeRawPointer(entries), start &* 8, end &* 8)
    }

}

/// Rows as 6-byte entries: a 16-bit feature id, then the Float value (`PackedRows.narrowEntries`).
struct NarrowRowKernel: RowKernel {
    let base: UnsafeRawPointer
    static let entryBytes = 6

    @inline(__always)
    private func entry(_ p: Int) -> (Int, Double) {
        let offset = p &* Self.entryBytes
        return (Int(base.loadUnaligned(fromByteOffset: offset, as: UInt16.self)),
                Double(base.loadUnaligned(fromByteOffset: offset &+ 2, as: Float.self)))
    }

    @inline(__always)
    func dot(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int) -> Double {
        var s0: Double = 0, s1: Double = 0, s2: Double = 0, s3: Double = 0
        var p = start
        while p < end {
            let (f0, v0) = entry(p), (f1, v1) = entry(p &+ 1), (f2, v2) = entry(p &+ 2), (f3, v3) = entry(p &+ 3)
            s0 += w[f0] * v0
            s1 += w[f1] * v1
            s2 += w[f2] * v2
            s3 += w[f3] * v3
            p &+= 4
        }
        return (s0 + s1) + (s2 + s3)
    }

    @inline(__always)
    func add(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int, scale: Double) {
        var p = start
        while p < end {
            let (f, v) = entry(p)
            w[f] += scale * v
            p &+= 1
        }
    }

    @inline(__always)
    func byteRange(start: Int, end: Int) -> (base: UnsafeRawPointer, first: Int, last: Int) {
        (base, start &* Self.entryBytes, end &* Self.entryBytes)
    }

}

/// Rows whose stored values are all one value (binary features after l2 normalization): 16-bit
/// feature ids only, the value kept per row by the caller (`PackedRows.uniformIDs`).
///
/// Padding ids point at the weight slot `sink`, which `add` writes and resets to 0, so that the
/// padded dot loop always reads 0 there.
struct UniformRowKernel: RowKernel {
    let ids: UnsafePointer<UInt16>
    let sink: Int

    @inline(__always)
    func dot(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int) -> Double {
        let f = ids
        var s0: Double = 0, s1: Double = 0, s2: Double = 0, s3: Double = 0
        var p = start
        while p < end {
            s0 += w[Int(f[p])]
            s1 += w[Int(f[p &+ 1])]
            s2 += w[Int(f[p &+ 2])]
            s3 += w[Int(f[p &+ 3])]
            p &+= 4
        }
        return (s0 + s1) + (s2 + s3)
    }

    @inline(__always)
    func add(_ w: UnsafeMutablePointer<Double>, start: Int, end: Int, scale: Double) {
        let f = ids
        var p = start
        while p < end {
            w[Int(f[p])] += scale
            p &+= 1
        }
        w[sink] = 0
    }

    @inline(__always)
    func byteRange(start: Int, end: Int) -> (base: UnsafeRawPointer, first: Int, last: Int) {
        (UnsafeRawPointer(ids), start &* 2, end &* 2)
    }

}
