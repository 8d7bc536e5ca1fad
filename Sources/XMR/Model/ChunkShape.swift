/// The shape of one chunk of a weight image (file version 4): its bucket count, the widths of its
/// index arrays, and where they sit in the chunk's index block.
///
/// A chunk's index block holds, in this order: B + 1 bucket slots, each a pair (first row, first
/// entry) local to the chunk; per row its feature's low bits (the bucket gives the high bits);
/// per row its weight count minus one; per entry its child's position among the parent's
/// children. Slots are 16-bit (`wideSlots` false: the chunk has at most 65,535 rows and 65,535
/// weights) or 32-bit; low bits are 16-bit (`wideLows` false: B ≥ 2^(bits(D − 1) − 16), so that
/// they fit) or 32-bit; counts and children are 8-bit (`wideEntries` false: every child position
/// below 256 and every row at most 256 weights) or 16-bit. Of the widths that fit, the smallest
/// block is taken (the narrower on a tie). The block is padded to 8 bytes.
struct ChunkShape: Equatable {
    let rows: Int
    let entries: Int
    /// log2 of the bucket count.
    let bucketBits: Int
    /// 32-bit bucket slots (else 16-bit).
    let wideSlots: Bool
    /// 32-bit low bits (else 16-bit).
    let wideLows: Bool
    /// 16-bit children and counts (else 8-bit).
    let wideEntries: Bool

    /// The most rows and weights a chunk with 16-bit bucket slots may hold.
    static let compactLimit = Int(UInt16.max)

    /// Buckets (none for an empty chunk).
    var buckets: Int { rows == 0 ? 0 : 1 << bucketBits }
    var slotWidth: Int { wideSlots ? 4 : 2 }
    var lowWidth: Int { wideLows ? 4 : 2 }
    var entryWidth: Int { wideEntries ? 2 : 1 }
    /// Byte offsets inside the index block.
    var lowsOffset: Int { rows == 0 ? 0 : 2 * slotWidth * (buckets + 1) }
    var countsOffset: Int { lowsOffset + lowWidth * rows }
    var childrenOffset: Int { countsOffset + entryWidth * rows }
    /// Size of the index block, padded to 8 bytes.
    var bytes: Int { rows == 0 ? 0 : (childrenOffset + entryWidth * entries + 7) & ~7 }
    /// Bits of a feature below its bucket.
    func shift(dimensionBits: Int) -> Int { dimensionBits - bucketBits }
    /// The byte the directory records: bucket bits (0–31), 0x20 for wide slots, 0x40 for wide
    /// entries, 0x80 for wide low bits.
    var format: UInt8 { UInt8(bucketBits) | (wideSlots ? 0x20 : 0) | (wideEntries ? 0x40 : 0) | (wideLows ? 0x80 : 0) }
    /// The width bits of `format` (what selects a scorer).
    static let widthBits: UInt8 = 0xE0

    private init(rows: Int, entries: Int, bucketBits: Int, wideSlots: Bool, wideLows: Bool, wideEntries: Bool) {
        self.rows = rows; self.entries = entries; self.bucketBits = bucketBits
        self.wideSlots = wideSlots; self.wideLows = wideLows; self.wideEntries = wideEntries
    }

    /// The shape xmr writes for a chunk of `rows` rows and `entries` weights: of the slot and
    /// low-bit widths that fit, the smallest block; `wideEntries` as the data needs.
    init(rows: Int, entries: Int, wideEntries: Bool, dimensionBits: Int) {
        guard rows > 0 else {
            self.init(rows: 0, entries: entries, bucketBits: 0, wideSlots: false, wideLows: false, wideEntries: false)
            return
        }
        // 8 to 16 rows per bucket: the largest power of two at most rows / 8.
        var natural = 0
        while (16 << natural) <= rows && natural < min(dimensionBits, 31) { natural += 1 }
        let narrowLowBits = min(dimensionBits, max(natural, dimensionBits - 16))
        var best: ChunkShape?
        for wideLows in [false, true] {
            for wideSlots in [false, true] where wideSlots || (rows <= Self.compactLimit && entries <= Self.compactLimit) {
                let shape = ChunkShape(rows: rows, entries: entries, bucketBits: wideLows ? natural : narrowLowBits,
                                       wideSlots: wideSlots, wideLows: wideLows, wideEntries: wideEntries)
                if best == nil || shape.bytes < best!.bytes { best = shape }
            }
        }
        self = best!
    }

    /// The shape a directory records as `format` for these counts, or nil when it is not the one
    /// xmr writes (or the counts cannot be: a row holds 1 to 256 or 65,536 weights).
    init?(format: UInt8, rows: Int, entries: Int, dimensionBits: Int) {
        guard rows >= 0, entries >= rows else { return nil }
        guard rows > 0 else {
            guard format == 0, entries == 0 else { return nil }
            self.init(rows: 0, entries: 0, wideEntries: false, dimensionBits: dimensionBits)
            return
        }
        let wideEntries = format & 0x40 != 0
        guard entries <= rows * (wideEntries ? 1 << 16 : 1 << 8) else { return nil }
        let shape = ChunkShape(rows: rows, entries: entries, wideEntries: wideEntries, dimensionBits: dimensionBits)
        guard shape.format == format else { return nil }
        self = shape
    }
}
