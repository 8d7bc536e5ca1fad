/// Where each array of an HNSW index image starts, computed from its header alone.
///
/// After the 128-byte header, each array starts on an 8-byte boundary: node levels (UInt8),
/// first upper slots (UInt32), level-0 lists and upper lists (UInt32), then the vectors (dense:
/// Float rows; sparse: UInt64 row pointers, Int32 indices, Float values), and last an 8-byte
/// trailer holding the CRC-32 of every byte before it. The same image is built in memory and
/// memory-mapped from a file, so one layout serves both.
struct HNSWFileLayout {
    let levels: Int
    let upperStart: Int
    let level0: Int
    let upper: Int
    /// Dense values, or sparse row pointers.
    let vectors: Int
    /// Sparse indices (unused for dense).
    let indices: Int
    /// Sparse values (unused for dense).
    let values: Int
    /// The CRC-32 trailer.
    let trailer: Int
    /// The whole image.
    let byteCount: Int

    /// The layout of an image with `header`.
    init(_ header: HNSWHeader) {
        func align(_ offset: Int) -> Int { (offset + 7) & ~7 }
        var offset = HNSWHeader.byteCount
        levels = offset
        offset = align(offset + header.count)
        upperStart = offset
        offset = align(offset + 4 * header.count)
        level0 = offset
        offset = align(offset + 4 * header.count * (header.maxM0 + 1))
        upper = offset
        offset = align(offset + 4 * header.upperSlots * (header.m + 1))
        vectors = offset
        if header.isDense {
            offset = align(offset + 4 * header.count * header.dimension)
            indices = offset
            values = offset
        } else {
            offset = align(offset + 8 * (header.count + 1))
            indices = offset
            offset = align(offset + 4 * header.nonzeros)
            values = offset
            offset = align(offset + 4 * header.nonzeros)
        }
        trailer = offset
        byteCount = offset + 8
    }

    /// The graph's lists in the image at `base`.
    func graph(_ header: HNSWHeader, base: UnsafeMutableRawPointer) -> HNSWGraph {
        HNSWGraph(count: header.count, m: header.m, maxM0: header.maxM0,
                  levels: (base + levels).assumingMemoryBound(to: UInt8.self),
                  upperStart: (base + upperStart).assumingMemoryBound(to: UInt32.self),
                  level0: (base + level0).assumingMemoryBound(to: UInt32.self),
                  upper: (base + upper).assumingMemoryBound(to: UInt32.self))
    }

    /// The sparse vectors in the image at `base`.
    func sparseRows(_ header: HNSWHeader, base: UnsafeMutableRawPointer) -> SparseRows {
        SparseRows(rows: header.count, dimension: header.dimension,
                   rowPointers: UnsafePointer((base + vectors).assumingMemoryBound(to: UInt64.self)),
                   indices: UnsafePointer((base + indices).assumingMemoryBound(to: Int32.self)),
                   values: UnsafePointer((base + values).assumingMemoryBound(to: Float.self)))
    }

    /// The dense vectors in the image at `base`.
    func denseRows(_ header: HNSWHeader, base: UnsafeMutableRawPointer) -> DenseRows {
        DenseRows(rows: header.count, dimension: header.dimension,
                  values: UnsafePointer((base + vectors).assumingMemoryBound(to: Float.self)),
                  usesL2: header.similarity == .l2)
    }
}
