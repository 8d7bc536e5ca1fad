/// Copies vectors into an index image, l2-normalizing each row for cosine similarity.
enum ANNVectorCopy {
    /// Writes `vectors` at the vector offsets of `layout` in the image at `base`.
    static func copy(_ vectors: ANNVectors, normalize: Bool, into base: UnsafeMutableRawPointer, layout: HNSWFileLayout) {
        switch vectors {
        case let .dense(matrix):
            let out = (base + layout.vectors).assumingMemoryBound(to: Float.self)
            let dimension = matrix.columns
            matrix.withUnsafeBufferPointer { v in
                for row in 0..<matrix.rows {
                    let start = row * dimension
                    let scale = normalize ? inverseNorm(v.baseAddress! + start, dimension) : 1
                    for j in 0..<dimension { out[start + j] = v[start + j] * scale }
                }
            }
        case let .sparse(matrix):
            let pointers = (base + layout.vectors).assumingMemoryBound(to: UInt64.self)
            let indices = (base + layout.indices).assumingMemoryBound(to: Int32.self)
            let out = (base + layout.values).assumingMemoryBound(to: Float.self)
            for row in 0...matrix.rows { pointers[row] = UInt64(matrix.rowPointers[row]) }
            matrix.columnIndices.withUnsafeBufferPointer { c in
                if let source = c.baseAddress { indices.update(from: source, count: c.count) }
            }
            matrix.values.withUnsafeBufferPointer { v in
                for row in 0..<matrix.rows {
                    let r = matrix.range(ofRow: row)
                    let scale = normalize && !r.isEmpty ? inverseNorm(v.baseAddress! + r.lowerBound, r.count) : 1
                    for p in r { out[p] = v[p] * scale }
                }
            }
        }
    }

    /// `1 / ‖x‖` for `count` floats at `x`, or 1 for a zero vector.
    static func inverseNorm(_ x: UnsafePointer<Float>, _ count: Int) -> Float {
        let squared = VectorKernels.dot(x, x, count)
        return squared > 0 ? 1 / squared.squareRoot() : 1
    }
}
