import CVectorKernels

/// The distance kernels of the nearest-neighbour search, on raw pointers (the hot loops): the
/// dense ones in C (`CVectorKernels`, which picks AVX2+FMA code at run time), the sparse one too.
enum VectorKernels {
    /// `a · b` over `count` floats (the C kernel: AVX2+FMA where the CPU has them).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        xmr_dot_f32(a, b, count)
    }

    /// `‖a - b‖²` over `count` floats (the C kernel, likewise).
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        xmr_squared_distance_f32(a, b, count)
    }

    /// `Σ values[p] · dense[indices[p]]` for `p` in `start ..< end`: a sparse row against a
    /// query scattered into a dense array, even entries summed in one accumulator and odd ones
    /// in another, then added.
    @inline(__always)
    static func gatherDot(_ indices: UnsafePointer<Int32>, _ values: UnsafePointer<Float>,
                          _ start: Int, _ end: Int, _ dense: UnsafePointer<Float>) -> Float {
        var s0: Float = 0, s1: Float = 0
        var p = start
        while p + 2 <= end {
            s0 += values[p] * dense[Int(indices[p])]
            s1 += values[p + 1] * dense[Int(indices[p + 1])]
            p += 2
        }
        if p < end { s0 += values[p] * dense[Int(indices[p])] }
        return s0 + s1
    }

    /// `gatherDot` with the same bits, for a dense array too large for the nearer caches.
    ///
    /// `dense` (one float longer than the dimension, the last one zero) is read at an entry's
    /// column only where `filter` has its bit (bit `column & mask`, set for every query
    /// nonzero), and at the zero slot `zeroSlot` everywhere else: those entries' products are
    /// ±0 either way, so the sum has exactly the bits of the plain gather. But the reads stay
    /// in the filter's few kilobytes and the query's own lines instead of a dense array as long
    /// as the dimension (4 MB at 1M features), which is not in the nearer caches. The C kernel
    /// chooses with a conditional move: as a branch (what LLVM makes of a plain select here)
    /// every hit mispredicted, and the debtags build took 2.5× as long. On AVX-512 CPUs it tests
    /// 16 entries' filter bits at once and adds only the entries that pass, in order, into their
    /// parity's accumulator: the same bits (the skipped zeros changed nothing), and on the PIFA
    /// set's rows the ef-10 searches ran about 1.5× as fast.
    @inline(__always)
    static func filteredGatherDot(_ indices: UnsafePointer<Int32>, _ values: UnsafePointer<Float>,
                                  _ start: Int, _ end: Int, _ dense: UnsafePointer<Float>,
                                  _ filter: UnsafePointer<UInt64>, _ mask: UInt32, _ zeroSlot: Int) -> Float {
        xmr_filtered_gather_dot(indices, values, start, end, dense, filter, mask, zeroSlot)
    }
}
