import CVectorKernels

/// A position in one chunk's index block while features are looked up in ascending order: the
/// hot loop of prediction, for one set of `ChunkShape` widths (`Low`: feature low bits, `Slot`:
/// bucket slots, `Entry`: counts and children).
struct ChunkCursor<Low: FixedWidthInteger & UnsignedInteger, Slot: FixedWidthInteger & UnsignedInteger,
                   Entry: FixedWidthInteger & UnsignedInteger> {
    private let slots: UnsafePointer<Slot>
    private let lows: UnsafePointer<Low>
    private let counts: UnsafePointer<Entry>
    private let children: UnsafePointer<Entry>
    private let values: UnsafePointer<Float>
    private let shift: UInt32
    private let mask: UInt32
    private let buckets: Int
    private var bucket = -1
    private var row = 0
    private var rowEnd = 0
    /// The chunk's first entry of row `row`.
    private var entry = 0

    /// A cursor before the first row of chunk `chunk`, which must have passed its check.
    @inline(__always)
    init(level: LevelWeights.Pointers, chunk: Int) {
        let bits = Int(level.chunkShapes[chunk] & 0x1F)
        let rows = level.chunkPointers[chunk &+ 1] &- level.chunkPointers[chunk]
        buckets = rows == 0 ? 0 : 1 << bits
        shift = UInt32(level.dimensionBits &- bits)
        mask = (UInt32(1) << shift) &- 1
        let block = level.index + level.indexPointers[chunk]
        slots = block.assumingMemoryBound(to: Slot.self)
        lows = UnsafeRawPointer(slots + 2 &* (buckets &+ 1)).assumingMemoryBound(to: Low.self)
        counts = UnsafeRawPointer(lows + rows).assumingMemoryBound(to: Entry.self)
        children = counts + rows
        values = level.entryValues + level.entryPointers[chunk]
    }

    /// Moves to feature `f` (not below the feature sought before); returns the weight count of
    /// its row, 0 when the chunk has no row for `f`, −1 when `f` and every larger feature lie
    /// past the chunk's buckets.
    @inline(__always)
    mutating func seek(_ f: UInt32) -> Int {
        let b = Int(f >> shift)
        if b >= buckets { return -1 }
        if b != bucket {
            bucket = b
            row = Int(slots[2 &* b])
            entry = Int(slots[2 &* b &+ 1])
            rowEnd = Int(slots[2 &* b &+ 2])
        }
        let low = Low(truncatingIfNeeded: f & mask)
        while row < rowEnd && lows[row] < low {
            entry &+= Int(counts[row]) &+ 1
            row &+= 1
        }
        return row < rowEnd && lows[row] == low ? Int(counts[row]) &+ 1 : 0
    }

    /// Asks for the cache line of feature `f`'s bucket slots, ahead of a `seek(f)`.
    @inline(__always)
    func prefetchBucket(_ f: UInt32) {
        let b = Int(f >> shift)
        if b < buckets { xmr_prefetch(slots + 2 &* b) }
    }

    /// Asks for the first row, its count and its first entry in feature `f`'s bucket, ahead of a
    /// `seek(f)`; reads the bucket's slots, so call it after `prefetchBucket(f)` had time to land.
    @inline(__always)
    func prefetchRows(_ f: UInt32) {
        let b = Int(f >> shift)
        guard b < buckets else { return }
        let row = Int(slots[2 &* b]), entry = Int(slots[2 &* b &+ 1])
        xmr_prefetch(lows + row)
        xmr_prefetch(counts + row)
        xmr_prefetch(children + entry)
        xmr_prefetch(values + entry)
    }

    /// Writes the `count` weights of the current row into `dense` (by child; other entries untouched).
    @inline(__always)
    func expandRow(count: Int, into dense: UnsafeMutablePointer<Float>) {
        for e in entry..<(entry &+ count) { dense[Int(children[e])] = values[e] }
    }

    /// Sets the entries of the current row's children in `dense` back to zero.
    @inline(__always)
    func clearRow(count: Int, in dense: UnsafeMutablePointer<Float>) {
        for e in entry..<(entry &+ count) { dense[Int(children[e])] = 0 }
    }

    /// Adds `value` times the `count` weights of the current row into `scores` (by child).
    @inline(__always)
    func addRow(count: Int, value: Float, into scores: UnsafeMutablePointer<Float>) {
        var e = entry
        let end = entry &+ count
        while e < end {
            scores[Int(children[e])] += value * values[e]
            e &+= 1
        }
    }
}
