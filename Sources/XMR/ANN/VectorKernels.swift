import CVectorKernels

/// The distance kernels of the nearest-neighbour search, on raw pointers (the hot loops): the
/// dense ones in C (`CVectorKernels`, which picks AVX2+FMA code at run time), the sparse one here.
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
    /// query scattered into a dense array, two accumulators to hide the gather latency.
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
}
