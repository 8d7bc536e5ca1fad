/// The distance kernels of the nearest-neighbour search, on raw pointers (the hot loops).
enum VectorKernels {
    /// `a · b` over `count` floats, eight lanes at a time with four accumulators.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
        var i = 0
        let stride = MemoryLayout<Float>.stride
        while i + 32 <= count {
            s0 += ra.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            s1 += ra.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
            s2 += ra.loadUnaligned(fromByteOffset: (i + 16) * stride, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: (i + 16) * stride, as: SIMD8<Float>.self)
            s3 += ra.loadUnaligned(fromByteOffset: (i + 24) * stride, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: (i + 24) * stride, as: SIMD8<Float>.self)
            i += 32
        }
        while i + 8 <= count {
            s0 += ra.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            i += 8
        }
        var sum = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// `‖a - b‖²` over `count` floats, eight lanes at a time with two accumulators.
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var s0 = SIMD8<Float>(), s1 = SIMD8<Float>()
        var i = 0
        let stride = MemoryLayout<Float>.stride
        while i + 16 <= count {
            let d0 = ra.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
                - rb.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            let d1 = ra.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
                - rb.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
            s0 += d0 * d0
            s1 += d1 * d1
            i += 16
        }
        var sum = (s0 + s1).sum()
        while i < count {
            let d = a[i] - b[i]
            sum += d * d
            i += 1
        }
        return sum
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
