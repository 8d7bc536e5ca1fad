/// A hash map from byte strings to dense ids 0, 1, 2, … in insertion order.
///
/// Keys are stored back to back in one arena, so looking up a token costs no allocation:
/// the vectorizer's hot loops hash the token's bytes in place. Open addressing, linear probing,
/// load factor at most 1/2.
struct ByteStringTable: Sendable, Equatable {
    /// All keys' bytes, concatenated in id order.
    private(set) var arena: [UInt8] = []
    /// `offsets[id] ..< offsets[id + 1]` is key `id` in `arena`.
    private(set) var offsets: [Int] = [0]
    /// The hash of each key, by id (kept so growing never rehashes bytes).
    private var hashes: [UInt64] = []
    /// Slot → id, or -1 when empty. The count is a power of two.
    private var slots: [Int32] = [Int32](repeating: -1, count: 16)

    /// Creates an empty table.
    init() {}

    /// Number of keys.
    var count: Int { offsets.count - 1 }

    /// The bytes of key `id`.
    func key(_ id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<offsets[id + 1]] }

    /// The key `id` decoded as a string.
    func string(_ id: Int) -> String { String(decoding: key(id), as: UTF8.self) }

    /// The id of `key`, or -1 when it is absent.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = ByteStringTable.hash(key)
        return slots.withUnsafeBufferPointer { slotBuffer in
            let mask = slotBuffer.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let id = slotBuffer[slot]
                if id < 0 { return -1 }
                if hashes[Int(id)] == hash && equals(Int(id), key) { return id }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The id of `key`, inserting it with the next id when it is absent.
    @inline(__always)
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = ByteStringTable.hash(key)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), key) { return id }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        hashes.append(hash)
        slots[slot] = id
        if count * 2 > slots.count { grow() }
        return id
    }

    /// Inserts a key given as an array (convenience for cold paths).
    mutating func insert(_ key: [UInt8]) -> Int32 {
        key.withUnsafeBufferPointer { insert($0) }
    }

    /// Doubles the slot array and re-places every id by its stored hash.
    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(id)
        }
        slots = newSlots
    }

    /// Whether key `id` equals `key`, byte for byte.
    @inline(__always)
    private func equals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[id], end = offsets[id + 1]
        guard end - start == key.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            for k in 0..<key.count where a[start + k] != key[k] { return false }
            return true
        }
    }

    /// FNV-1a over the bytes, then a 64-bit finalizer so the low bits mix well.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }

    /// Whether key `a` sorts before key `b` in byte order (which is Unicode scalar order).
    func precedes(_ a: Int, _ b: Int) -> Bool {
        arena.withUnsafeBufferPointer { p in
            let sa = offsets[a], ea = offsets[a + 1], sb = offsets[b], eb = offsets[b + 1]
            let common = min(ea - sa, eb - sb)
            for k in 0..<common {
                let x = p[sa + k], y = p[sb + k]
                if x != y { return x < y }
            }
            return ea - sa < eb - sb
        }
    }

    static func == (lhs: ByteStringTable, rhs: ByteStringTable) -> Bool {
        lhs.arena == rhs.arena && lhs.offsets == rhs.offsets
    }
}
