import CFileShims
#if _endian(big)
#error("weight files are little-endian and memory-mapped as they are")
#endif
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one level's weight file (`weights-N.bin`, file version 4), laid out exactly as
/// inference reads them, so a model file is memory-mapped and used in place.
///
/// Layout (little-endian, every array starting on an 8-byte boundary): a 64-byte header (magic,
/// version, level, dimension, parents, rows, entries, index bytes, the directory's CRC-32), the
/// directory (per parent + 1 the first row, first entry and index-block offset of each chunk as
/// Int64; per parent a CRC-32 and a shape byte, `ChunkShape`), the entry values (Float32), then
/// one index block per chunk (`ChunkShape`: bucket slots, row low bits, row counts, children).
///
/// The bucket slots are the single-query lookup index, built when the level is built and saved
/// with it: a chunk of n rows has B buckets (the largest power of two at most n/8, so 8 to 16 rows
/// each, or more where 16-bit low bits need it), and bucket b holds the rows whose feature id
/// shifted right by `dimensionBits − log2 B` is b; its slot gives its first row and first entry,
/// so a query nonzero finds its row by scanning a few 16-bit low bits.
///
/// Mapping a file checks the header and the directory (its CRC-32, its pointers and shapes) and
/// touches nothing else. Each chunk is checked on first use (`checkChunk`): its CRC-32 and its
/// structure, once, with a flag per chunk; `xmr check` checks every chunk and every file's CRC-32.
///
/// `@unchecked Sendable`: the bytes never change after they are built or mapped; the per-chunk
/// flags are written and read with atomic release/acquire operations.
final class WeightImage: @unchecked Sendable {
    static let magic = "XMRWGHT1"
    static let version: UInt32 = 4
    static let headerBytes = 64

    /// Byte offsets of the arrays, computed from the counts.
    struct Layout: Equatable {
        var parents = 0, rows = 0, entries = 0, indexBytes = 0
        var chunkPointers = 0, entryPointers = 0, indexPointers = 0, chunkChecksums = 0, chunkShapes = 0, directoryEnd = 0
        var entryValues = 0, index = 0, total = 0

        /// Offsets for these counts, or nil when the sizes overflow or the index is not padded.
        init?(parents: Int, rows: Int, entries: Int, indexBytes: Int) {
            guard parents >= 0, rows >= 0, entries >= 0, indexBytes >= 0, indexBytes & 7 == 0,
                  max(parents, rows, entries, indexBytes) < 1 << 40 else { return nil }
            self.parents = parents; self.rows = rows; self.entries = entries; self.indexBytes = indexBytes
            func aligned(_ n: Int) -> Int { (n + 7) & ~7 }
            chunkPointers = WeightImage.headerBytes
            entryPointers = chunkPointers + 8 * (parents + 1)
            indexPointers = entryPointers + 8 * (parents + 1)
            chunkChecksums = indexPointers + 8 * (parents + 1)
            chunkShapes = chunkChecksums + 4 * parents
            directoryEnd = aligned(chunkShapes + parents)
            entryValues = directoryEnd
            index = aligned(entryValues + 4 * entries)
            total = index + indexBytes
        }
    }

    /// The image's bytes.
    let bytes: UnsafeRawBufferPointer
    /// Where the bytes came from: the mapped file's path, or nil when built in memory.
    let path: String?
    /// The level number written in the header.
    let level: Int
    /// Number of features including the bias (the weight vectors' dimension).
    let dimension: Int
    /// Bits of the largest feature id (at least 1); bucket shifts are taken from it.
    let dimensionBits: Int
    let layout: Layout
    /// For an image built from arrays that do not form a level: what is wrong (`directoryProblem` says it).
    var inputProblem: String?
    /// Per chunk: 1 once `checkChunk` passed.
    private let checked: UnsafeMutablePointer<UInt8>
    private let isMapped: Bool

    init(bytes: UnsafeRawBufferPointer, path: String?, isMapped: Bool, level: Int, dimension: Int, layout: Layout) {
        self.bytes = bytes
        self.path = path
        self.isMapped = isMapped
        self.level = level
        self.dimension = dimension
        self.dimensionBits = Self.bits(ofDimension: dimension)
        self.layout = layout
        checked = .allocate(capacity: max(1, layout.parents))
        checked.initialize(repeating: 0, count: max(1, layout.parents))
    }

    deinit {
        checked.deallocate()
        if let base = bytes.baseAddress {
            if isMapped { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) } else { base.deallocate() }
        }
    }

    static func bits(ofDimension dimension: Int) -> Int { max(1, Int.bitWidth - max(0, dimension - 1).leadingZeroBitCount) }

    // MARK: - Views

    private func array<T: BitwiseCopyable>(at offset: Int, count: Int, as type: T.Type) -> StoredArray<T> {
        StoredArray(owner: self, base: (bytes.baseAddress! + offset).assumingMemoryBound(to: T.self), count: count)
    }

    var chunkPointers: StoredArray<Int> { array(at: layout.chunkPointers, count: layout.parents + 1, as: Int.self) }
    var entryPointers: StoredArray<Int> { array(at: layout.entryPointers, count: layout.parents + 1, as: Int.self) }
    var indexPointers: StoredArray<Int> { array(at: layout.indexPointers, count: layout.parents + 1, as: Int.self) }
    var chunkChecksums: StoredArray<UInt32> { array(at: layout.chunkChecksums, count: layout.parents, as: UInt32.self) }
    var chunkShapes: StoredArray<UInt8> { array(at: layout.chunkShapes, count: layout.parents, as: UInt8.self) }
    var entryValues: StoredArray<Float> { array(at: layout.entryValues, count: layout.entries, as: Float.self) }
    /// The first index block.
    var index: UnsafeRawPointer { bytes.baseAddress! + layout.index }

    /// The shape of chunk `k` (its directory entries were checked when the image was made).
    func shape(_ k: Int) -> ChunkShape {
        let cp = chunkPointers.buffer, ep = entryPointers.buffer
        return ChunkShape(format: chunkShapes.buffer[k], rows: cp[k + 1] - cp[k], entries: ep[k + 1] - ep[k],
                          dimensionBits: dimensionBits)
            ?? ChunkShape(rows: 0, entries: 0, wideEntries: false, dimensionBits: dimensionBits)
    }

    /// Calls `body(feature, child, value)` for every entry of chunk `k` in order (rows ascending);
    /// the chunk must have passed `checkChunk`.
    func forEachEntry(inChunk k: Int, _ body: (Int32, Int, Float) -> Void) {
        let shape = shape(k)
        guard shape.rows > 0 else { return }
        let block = index + indexPointers.buffer[k], values = entryValues.base + entryPointers.buffer[k]
        let shift = shape.shift(dimensionBits: dimensionBits)
        func load(_ offset: Int, _ i: Int, wide: Bool, _ narrowWidth: Int) -> Int {
            wide ? (narrowWidth == 2 ? Int(block.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self))
                                     : Int(block.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self)))
                 : (narrowWidth == 2 ? Int(block.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self))
                                     : Int(block.load(fromByteOffset: offset + i, as: UInt8.self)))
        }
        var e = 0
        for b in 0..<shape.buckets {
            let lo = load(0, 2 * b, wide: shape.wideSlots, 2), hi = load(0, 2 * b + 2, wide: shape.wideSlots, 2)
            for r in lo..<hi {
                let feature = Int32(truncatingIfNeeded: (b << shift) | load(shape.lowsOffset, r, wide: shape.wideLows, 2))
                let count = load(shape.countsOffset, r, wide: shape.wideEntries, 1) + 1
                for _ in 0..<count {
                    body(feature, load(shape.childrenOffset, e, wide: shape.wideEntries, 1), values[e])
                    e += 1
                }
            }
        }
    }

    /// The bucket of feature `f` in a chunk with `buckets` (a power of two) buckets.
    @inline(__always)
    static func bucket(of f: Int32, shift: Int) -> Int { Int(UInt32(bitPattern: f) >> UInt32(shift)) }

    // MARK: - Header and directory

    static func writeHeader(_ raw: UnsafeMutableRawPointer, level: Int, dimension: Int, layout: Layout) {
        for (i, byte) in magic.utf8.enumerated() { raw.storeBytes(of: byte, toByteOffset: i, as: UInt8.self) }
        raw.storeBytes(of: version.littleEndian, toByteOffset: 8, as: UInt32.self)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: level).littleEndian, toByteOffset: 12, as: UInt32.self)
        for (i, v) in [dimension, layout.parents, layout.rows, layout.entries, layout.indexBytes].enumerated() {
            raw.storeBytes(of: Int64(v).littleEndian, toByteOffset: 16 + 8 * i, as: Int64.self)
        }
    }

    /// The CRC-32 of the header's first 56 bytes and of the directory.
    private static func directoryChecksum(_ raw: UnsafeRawPointer, layout: Layout) -> UInt32 {
        var crc = CRC32()
        crc.update(UnsafeRawBufferPointer(start: raw, count: 56))
        crc.update(UnsafeRawBufferPointer(start: raw + layout.chunkPointers, count: layout.directoryEnd - layout.chunkPointers))
        return crc.value
    }

    static func writeDirectoryChecksum(_ raw: UnsafeMutableRawPointer, layout: Layout) {
        raw.storeBytes(of: directoryChecksum(raw, layout: layout).littleEndian, toByteOffset: 56, as: UInt32.self)
    }

    /// A copy of this image whose header names level `level` (a level built without its number).
    func renumbered(level: Int) -> WeightImage {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 64)
        raw.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: level).littleEndian, toByteOffset: 12, as: UInt32.self)
        Self.writeDirectoryChecksum(raw, layout: layout)
        let copy = WeightImage(bytes: UnsafeRawBufferPointer(start: raw, count: bytes.count), path: nil, isMapped: false,
                               level: level, dimension: dimension, layout: layout)
        copy.inputProblem = inputProblem
        return copy
    }

    // MARK: - Mapping a file

    /// True when `header` (the first bytes of a weight file) is of this file version.
    static func isCurrentVersion(_ header: UnsafeRawBufferPointer) -> Bool {
        header.count >= 12 && header.prefix(8).elementsEqual(magic.utf8)
            && UInt32(littleEndian: header.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) == version
    }

    /// Maps the weight file at `path` of level `level`, checking its header and directory only;
    /// `expectedBytes` is the size `model.json` records.
    static func map(path: String, level: Int, expectedBytes: Int) throws -> WeightImage {
        func failure(_ message: String) -> XRLinearError { .invalidModelFile(file: path, message: message) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw failure(errno == ENOENT ? "is missing" : "cannot open the file (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot read the file (\(String(cString: strerror(errno))))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw failure("is not a regular file") }
        let size = Int(info.st_size)
        guard size == expectedBytes else {
            throw failure(size < expectedBytes ? "file is truncated (\(size) of \(expectedBytes) bytes)"
                                               : "file is longer than recorded (\(size) instead of \(expectedBytes) bytes)")
        }
        guard size >= headerBytes else { throw failure("file is truncated (\(size) bytes)") }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw failure("cannot map the file (\(String(cString: strerror(errno))))")
        }
        let raw = UnsafeRawBufferPointer(start: mapped, count: size)
        do {
            return try wrap(raw, path: path, level: level)
        } catch {
            munmap(mapped, size)
            throw error
        }
    }

    /// Checks the header and directory of the mapped bytes `raw` and wraps them (owning the mapping).
    private static func wrap(_ raw: UnsafeRawBufferPointer, path: String, level: Int) throws -> WeightImage {
        func failure(_ message: String) -> XRLinearError { .invalidModelFile(file: path, message: message) }
        guard isCurrentVersion(raw) else { throw failure("not an xmr weight file of version \(version)") }
        let storedLevel = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        guard storedLevel == level else { throw failure("holds level \(storedLevel), expected \(level)") }
        let counts = (0..<5).map { Int(truncatingIfNeeded: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 + 8 * $0, as: Int64.self))) }
        let dimension = counts[0]
        guard (1...Int(Int32.max)).contains(dimension),
              let layout = Layout(parents: counts[1], rows: counts[2], entries: counts[3], indexBytes: counts[4]) else {
            throw failure("implausible counts in its header")
        }
        guard layout.entries <= LevelWeights.maxNonzeros else {
            throw failure("has \(layout.entries) weights; xmr stores at most \(LevelWeights.maxNonzeros) per level")
        }
        guard layout.total == raw.count else {
            throw failure(raw.count < layout.total ? "file is truncated (\(raw.count) of \(layout.total) bytes)"
                                                   : "has \(raw.count - layout.total) unexpected trailing bytes")
        }
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
        guard directoryChecksum(raw.baseAddress!, layout: layout) == stored else {
            throw failure("file is corrupted (CRC-32 mismatch in its header or chunk directory)")
        }
        let image = WeightImage(bytes: raw, path: path, isMapped: true, level: level, dimension: dimension, layout: layout)
        if let problem = image.directoryProblem() { throw failure(problem) }
        return image
    }

    /// Why the directory is inconsistent (pointers out of order or range, a shape that does not
    /// fit its counts), or nil.
    func directoryProblem() -> String? {
        if let inputProblem { return inputProblem }
        let cp = chunkPointers.buffer, ep = entryPointers.buffer, ip = indexPointers.buffer, shapes = chunkShapes.buffer
        guard cp[0] == 0, cp[layout.parents] == layout.rows else { return "bad chunk pointers" }
        guard ep[0] == 0, ep[layout.parents] == layout.entries else { return "bad entry pointers" }
        guard ip[0] == 0, ip[layout.parents] == layout.indexBytes else { return "bad index pointers" }
        for k in 0..<layout.parents {
            let rows = cp[k + 1] - cp[k], entries = ep[k + 1] - ep[k]
            guard rows >= 0, rows <= layout.rows, entries >= 0, entries <= layout.entries else { return "bad chunk pointers" }
            guard let shape = ChunkShape(format: shapes[k], rows: rows, entries: entries, dimensionBits: dimensionBits) else {
                return "chunk \(k) has a bad shape"
            }
            guard ip[k + 1] - ip[k] == shape.bytes else { return "bad index pointers" }
        }
        return nil
    }

    // MARK: - Checking chunks

    /// The CRC-32 of chunk `k`'s values and index block (whose directory entries are checked).
    func chunkChecksum(_ k: Int) -> UInt32 {
        let ep = entryPointers.buffer, ip = indexPointers.buffer
        var crc = CRC32()
        crc.update(UnsafeRawBufferPointer(start: entryValues.base + ep[k], count: 4 * (ep[k + 1] - ep[k])))
        crc.update(UnsafeRawBufferPointer(start: index + ip[k], count: ip[k + 1] - ip[k]))
        return crc.value
    }

    /// True once chunk `k` passed `checkChunk`.
    @inline(__always)
    func isChecked(_ k: Int) -> Bool { xmr_load_acquire_u8(checked + k) != 0 }

    /// Throws unless chunk `k` (of a parent with `childCount` children) is intact: for a mapped
    /// file its CRC-32, and always its structure. Runs once per chunk; later calls return at once.
    func checkChunk(_ k: Int, childCount: Int) throws {
        guard k >= 0, k < layout.parents else {
            throw XRLinearError.invalidModelFile(file: fileName, message: "has no chunk \(k)")
        }
        if isChecked(k) { return }
        if let problem = inputProblem ?? chunkProblem(k, childCount: childCount) {
            throw XRLinearError.invalidModelFile(file: fileName, message: "chunk \(k) (node \(k) of level \(level - 1)) \(problem)")
        }
        xmr_store_release_u8(checked + k, 1)
    }

    /// Number of chunks checked so far.
    var checkedChunkCount: Int { (0..<layout.parents).reduce(0) { $0 + (isChecked($1) ? 1 : 0) } }

    /// The name errors give: the file's path, or the level.
    var fileName: String { path ?? "level \(level) weights" }

    /// Why chunk `k` is damaged or inconsistent, or nil.
    private func chunkProblem(_ k: Int, childCount: Int) -> String? {
        if isMapped && chunkChecksum(k) != chunkChecksums.buffer[k] {
            return "is corrupted (CRC-32 mismatch); `xmr check` checks the whole model"
        }
        let shape = shape(k)
        guard shape.rows > 0 else { return nil }
        let block = index + indexPointers.buffer[k]
        func check<Low: FixedWidthInteger & UnsignedInteger, Slot: FixedWidthInteger & UnsignedInteger>(_: Low.Type, _: Slot.Type) -> String? {
            shape.wideEntries
                ? Self.blockProblem(block, shape, Low.self, Slot.self, UInt16.self, childCount: childCount, dimension: dimension, dimensionBits: dimensionBits)
                : Self.blockProblem(block, shape, Low.self, Slot.self, UInt8.self, childCount: childCount, dimension: dimension, dimensionBits: dimensionBits)
        }
        switch (shape.wideLows, shape.wideSlots) {
        case (false, false): return check(UInt16.self, UInt16.self)
        case (false, true): return check(UInt16.self, UInt32.self)
        case (true, false): return check(UInt32.self, UInt16.self)
        case (true, true): return check(UInt32.self, UInt32.self)
        }
    }

    /// Why the index block at `block` is not a valid block of `shape`: slots out of order, low
    /// bits not ascending or past the dimension, counts that do not add up, children out of range.
    private static func blockProblem<Low: FixedWidthInteger & UnsignedInteger, Slot: FixedWidthInteger & UnsignedInteger,
                                     Entry: FixedWidthInteger & UnsignedInteger>(
        _ block: UnsafeRawPointer, _ shape: ChunkShape, _: Low.Type, _: Slot.Type, _: Entry.Type, childCount: Int,
        dimension: Int, dimensionBits: Int
    ) -> String? {
        let slots = block.assumingMemoryBound(to: Slot.self)
        let lows = (block + shape.lowsOffset).assumingMemoryBound(to: Low.self)
        let counts = (block + shape.countsOffset).assumingMemoryBound(to: Entry.self)
        let children = (block + shape.childrenOffset).assumingMemoryBound(to: Entry.self)
        let shift = shape.shift(dimensionBits: dimensionBits), buckets = shape.buckets
        guard slots[0] == 0, slots[1] == 0, Int(slots[2 * buckets]) == shape.rows, Int(slots[2 * buckets + 1]) == shape.entries else {
            return "has a bad bucket index"
        }
        // Branch-free inner loops (the checks of a row are and-ed, the counts summed, the children's
        // maximum taken), so the first-use check of a chunk costs little next to scoring it.
        for b in 0..<buckets {
            let lo = Int(slots[2 * b]), hi = Int(slots[2 * b + 2])
            let entry = Int(slots[2 * b + 1]), entryEnd = Int(slots[2 * b + 3])
            guard lo <= hi, hi <= shape.rows, entry <= entryEnd else { return "has a bad bucket index" }
            // A row's low bits ascend within the bucket and stay below both the bucket's width and
            // the dimension.
            let limit = min(1 << shift, dimension - (b << shift))
            var previous = -1, ordered = true
            for r in lo..<hi {
                let low = Int(lows[r])
                ordered = ordered && low > previous
                previous = low
            }
            guard ordered, lo == hi || previous < limit else { return "has row features out of order or range" }
            var weights = 0
            for r in lo..<hi { weights &+= Int(counts[r]) }
            guard entry + weights + (hi - lo) == entryEnd else { return "has row counts that do not match its bucket index" }
        }
        var largest: Entry = 0
        for e in 0..<shape.entries { largest = max(largest, children[e]) }
        if shape.entries > 0 && Int(largest) >= childCount { return "has an entry child out of range" }
        return nil
    }
}
