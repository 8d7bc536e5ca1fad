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

/// The bytes of one level's weight file (`weights-N.bin`, file version 3), laid out exactly as
/// inference reads them, so a model file is memory-mapped and used in place.
///
/// Layout (little-endian, every array starting on an 8-byte boundary): a 64-byte header (magic,
/// version, level, dimension, parents, rows, entries, bucket slots, the directory's CRC-32), the
/// directory (chunk pointers and bucket pointers as Int64 per parent + 1, one CRC-32 per chunk),
/// then the row features (Int32), the bucket starts (UInt32), the row pointers (UInt32 per row +
/// 1), the entry values (Float32) and the entry children (UInt16).
///
/// A chunk's bucket starts are the single-query lookup index, built when the level is built and
/// saved with it: a chunk of n rows has B buckets (the largest power of two at most n/4, so 4 to 8
/// rows each), and bucket b holds the rows whose feature
/// id shifted right by `dimensionBits − log2 B` is b, so a query nonzero finds its row by
/// scanning a few features.
///
/// Mapping a file checks the header and the directory (its CRC-32 and its pointers) and touches
/// nothing else. Each chunk is checked on first use (`checkChunk`): its CRC-32 and its structure,
/// once, with a flag per chunk; `xmr check` checks every chunk and every file's CRC-32.
///
/// `@unchecked Sendable`: the bytes never change after they are built or mapped; the per-chunk
/// flags are written and read with atomic release/acquire operations.
final class WeightImage: @unchecked Sendable {
    static let magic = "XMRWGHT1"
    static let version: UInt32 = 3
    static let headerBytes = 64

    /// Byte offsets of the arrays, computed from the counts.
    struct Layout: Equatable {
        var parents = 0, rows = 0, entries = 0, bucketSlots = 0
        var chunkPointers = 0, bucketPointers = 0, chunkChecksums = 0, directoryEnd = 0
        var rowFeatures = 0, bucketStarts = 0, rowPointers = 0, entryValues = 0, entryChildren = 0, total = 0

        /// Offsets for these counts, or nil when the sizes overflow.
        init?(parents: Int, rows: Int, entries: Int, bucketSlots: Int) {
            guard parents >= 0, rows >= 0, entries >= 0, bucketSlots >= 0,
                  max(parents, rows, entries, bucketSlots) < 1 << 40 else { return nil }
            self.parents = parents; self.rows = rows; self.entries = entries; self.bucketSlots = bucketSlots
            func aligned(_ n: Int) -> Int { (n + 7) & ~7 }
            chunkPointers = WeightImage.headerBytes
            bucketPointers = chunkPointers + 8 * (parents + 1)
            chunkChecksums = bucketPointers + 8 * (parents + 1)
            directoryEnd = aligned(chunkChecksums + 4 * parents)
            rowFeatures = directoryEnd
            bucketStarts = aligned(rowFeatures + 4 * rows)
            rowPointers = aligned(bucketStarts + 4 * bucketSlots)
            entryValues = aligned(rowPointers + 4 * (rows + 1))
            entryChildren = aligned(entryValues + 4 * entries)
            total = aligned(entryChildren + 2 * entries)
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
    /// For an image built from arrays whose lengths disagree: what is wrong (`directoryProblem` says it).
    private(set) var inputProblem: String?
    /// Per chunk: 1 once `checkChunk` passed.
    private let checked: UnsafeMutablePointer<UInt8>
    private let isMapped: Bool

    private init(bytes: UnsafeRawBufferPointer, path: String?, isMapped: Bool, level: Int, dimension: Int, layout: Layout) {
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
    var bucketPointers: StoredArray<Int> { array(at: layout.bucketPointers, count: layout.parents + 1, as: Int.self) }
    var chunkChecksums: StoredArray<UInt32> { array(at: layout.chunkChecksums, count: layout.parents, as: UInt32.self) }
    var rowFeatures: StoredArray<Int32> { array(at: layout.rowFeatures, count: layout.rows, as: Int32.self) }
    var bucketStarts: StoredArray<UInt32> { array(at: layout.bucketStarts, count: layout.bucketSlots, as: UInt32.self) }
    var rowPointers: StoredArray<UInt32> { array(at: layout.rowPointers, count: layout.rows + 1, as: UInt32.self) }
    var entryValues: StoredArray<Float> { array(at: layout.entryValues, count: layout.entries, as: Float.self) }
    var entryChildren: StoredArray<UInt16> { array(at: layout.entryChildren, count: layout.entries, as: UInt16.self) }

    /// The bucket of feature `f` in a chunk with `buckets` (a power of two) buckets.
    @inline(__always)
    static func bucket(of f: Int32, shift: Int) -> Int { Int(UInt32(bitPattern: f) >> UInt32(shift)) }

    /// The shift that maps feature ids to `buckets` buckets.
    @inline(__always)
    static func shift(buckets: Int, dimensionBits: Int) -> Int { dimensionBits &- buckets.trailingZeroBitCount }

    // MARK: - Building in memory

    /// The image of a level given as plain arrays, with its bucket index and checksums. Malformed
    /// pointers give an image that `validate`/`checkChunk` reject (never a crash here).
    static func build(level: Int, dimension: Int, chunkPointers: [Int], rowFeatures: [Int32], rowPointers: [UInt32],
                      entryChildren: [UInt16], entryValues: [Float]) -> WeightImage {
        let parents = max(0, chunkPointers.count - 1)
        let rows = rowFeatures.count, entries = min(entryValues.count, entryChildren.count)
        let wellFormed = chunkPointers.first == 0 && chunkPointers.last == rows
            && zip(chunkPointers, chunkPointers.dropFirst()).allSatisfy { $0 <= $1 }
        let dimensionBits = bits(ofDimension: dimension)
        var bucketPointers = [0]
        bucketPointers.reserveCapacity(parents + 1)
        for k in 0..<parents {
            let n = wellFormed ? chunkPointers[k + 1] - chunkPointers[k] : 0
            bucketPointers.append(bucketPointers[k] + (n == 0 ? 0 : bucketCount(rows: n, dimensionBits: dimensionBits) + 1))
        }
        let layout = Layout(parents: parents, rows: rows, entries: entries, bucketSlots: bucketPointers[parents])!
        let raw = UnsafeMutableRawPointer.allocate(byteCount: layout.total, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: layout.total)
        writeHeader(raw, level: level, dimension: dimension, layout: layout)
        func copy<T>(_ values: [T], to offset: Int) {
            values.withUnsafeBytes { if let base = $0.baseAddress { (raw + offset).copyMemory(from: base, byteCount: $0.count) } }
        }
        copy(chunkPointers.map { Int64($0) }, to: layout.chunkPointers)
        copy(bucketPointers.map { Int64($0) }, to: layout.bucketPointers)
        copy(rowFeatures, to: layout.rowFeatures)
        copy(Array(rowPointers.prefix(rows + 1)), to: layout.rowPointers)
        copy(Array(entryValues.prefix(entries)), to: layout.entryValues)
        copy(Array(entryChildren.prefix(entries)), to: layout.entryChildren)
        let image = WeightImage(bytes: UnsafeRawBufferPointer(start: raw, count: layout.total), path: nil, isMapped: false,
                                level: level, dimension: dimension, layout: layout)
        let starts = (raw + layout.bucketStarts).assumingMemoryBound(to: UInt32.self)
        let sums = (raw + layout.chunkChecksums).assumingMemoryBound(to: UInt32.self)
        for k in 0..<parents {
            let slots = bucketPointers[k + 1] - bucketPointers[k]
            if slots > 0 {
                let lo = chunkPointers[k], n = chunkPointers[k + 1] - lo
                let shift = Self.shift(buckets: slots - 1, dimensionBits: dimensionBits)
                var r = 0
                for b in 0..<(slots - 1) {
                    while r < n && bucket(of: rowFeatures[lo + r], shift: shift) < b { r += 1 }
                    starts[bucketPointers[k] + b] = UInt32(r)
                }
                starts[bucketPointers[k] + slots - 1] = UInt32(n)
            }
            sums[k] = image.chunkChecksum(k) ?? 0
        }
        writeDirectoryChecksum(raw, layout: layout)
        if rowPointers.count != rows + 1 || entryChildren.count != entryValues.count { image.inputProblem = "bad row pointers" }
        return image
    }

    /// Buckets of a chunk of `rows` rows: the largest power of two at most rows / 4 (at least 1,
    /// at most 2^dimensionBits).
    static func bucketCount(rows: Int, dimensionBits: Int) -> Int {
        var b = 1
        while b * 8 <= rows && b < 1 << min(dimensionBits, 31) { b <<= 1 }
        return b
    }

    private static func writeHeader(_ raw: UnsafeMutableRawPointer, level: Int, dimension: Int, layout: Layout) {
        for (i, byte) in magic.utf8.enumerated() { raw.storeBytes(of: byte, toByteOffset: i, as: UInt8.self) }
        raw.storeBytes(of: version.littleEndian, toByteOffset: 8, as: UInt32.self)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: level).littleEndian, toByteOffset: 12, as: UInt32.self)
        for (i, v) in [dimension, layout.parents, layout.rows, layout.entries, layout.bucketSlots].enumerated() {
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

    private static func writeDirectoryChecksum(_ raw: UnsafeMutableRawPointer, layout: Layout) {
        raw.storeBytes(of: directoryChecksum(raw, layout: layout).littleEndian, toByteOffset: 56, as: UInt32.self)
    }

    /// A copy of this image whose header names level `level` (a level built without its number).
    func renumbered(level: Int) -> WeightImage {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 64)
        raw.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        raw.storeBytes(of: UInt32(truncatingIfNeeded: level).littleEndian, toByteOffset: 12, as: UInt32.self)
        Self.writeDirectoryChecksum(raw, layout: layout)
        return WeightImage(bytes: UnsafeRawBufferPointer(start: raw, count: bytes.count), path: nil, isMapped: false,
                           level: level, dimension: dimension, layout: layout)
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
        guard (1...Int(Int32.max)).contains(dimension), counts[4] >= 0,
              let layout = Layout(parents: counts[1], rows: counts[2], entries: counts[3], bucketSlots: counts[4]) else {
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

    /// Why the directory is inconsistent (pointers out of order or range), or nil.
    func directoryProblem() -> String? {
        if let inputProblem { return inputProblem }
        let cp = chunkPointers.buffer, bp = bucketPointers.buffer, rp = rowPointers.buffer
        guard cp[0] == 0, cp[layout.parents] == layout.rows else { return "bad chunk pointers" }
        guard bp[0] == 0, bp[layout.parents] == layout.bucketSlots else { return "bad bucket pointers" }
        guard rp[0] == 0, Int(rp[layout.rows]) == layout.entries else { return "bad row pointers" }
        for k in 0..<layout.parents {
            let n = cp[k + 1] - cp[k], slots = bp[k + 1] - bp[k]
            guard n >= 0 else { return "bad chunk pointers" }
            let expected = n == 0 ? 0 : Self.bucketCount(rows: n, dimensionBits: dimensionBits) + 1
            guard slots == expected else { return "bad bucket pointers" }
        }
        return nil
    }

    // MARK: - Checking chunks

    /// The CRC-32 of chunk `k`'s rows, buckets, row pointers and entries; nil when its row
    /// pointers fall outside the entries.
    func chunkChecksum(_ k: Int) -> UInt32? {
        let cp = chunkPointers.buffer, bp = bucketPointers.buffer, rp = rowPointers.buffer
        let lo = cp[k], hi = cp[k + 1]
        guard lo >= 0, lo <= hi, hi <= layout.rows else { return nil }
        let a = Int(rp[lo]), b = Int(rp[hi])
        guard a <= b, b <= layout.entries else { return nil }
        let base = bytes.baseAddress!
        var crc = CRC32()
        crc.update(UnsafeRawBufferPointer(start: base + layout.rowFeatures + 4 * lo, count: 4 * (hi - lo)))
        crc.update(UnsafeRawBufferPointer(start: base + layout.bucketStarts + 4 * bp[k], count: 4 * (bp[k + 1] - bp[k])))
        crc.update(UnsafeRawBufferPointer(start: base + layout.rowPointers + 4 * lo, count: 4 * (hi - lo + 1)))
        crc.update(UnsafeRawBufferPointer(start: base + layout.entryValues + 4 * a, count: 4 * (b - a)))
        crc.update(UnsafeRawBufferPointer(start: base + layout.entryChildren + 2 * a, count: 2 * (b - a)))
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
        if let problem = chunkProblem(k, childCount: childCount) {
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
        guard let sum = chunkChecksum(k) else { return "has bad row pointers" }
        if isMapped && sum != chunkChecksums.buffer[k] {
            return "is corrupted (CRC-32 mismatch); `xmr check` checks the whole model"
        }
        let cp = chunkPointers.buffer, rp = rowPointers.buffer, features = rowFeatures.buffer
        let children = entryChildren.buffer, starts = bucketStarts.buffer
        let lo = cp[k], hi = cp[k + 1]
        var previous: Int32 = -1
        for r in lo..<hi {
            let f = features[r]
            guard f > previous, Int(f) < dimension else { return "has row features out of order or range" }
            previous = f
            guard rp[r] <= rp[r + 1] else { return "has bad row pointers" }
            for e in Int(rp[r])..<Int(rp[r + 1]) where Int(children[e]) >= childCount {
                return "has an entry child out of range"
            }
        }
        let first = bucketPointers.buffer[k], slots = bucketPointers.buffer[k + 1] - first
        guard slots > 0 else { return nil }
        let shift = Self.shift(buckets: slots - 1, dimensionBits: dimensionBits)
        guard starts[first] == 0, Int(starts[first + slots - 1]) == hi - lo else { return "has a bad bucket index" }
        for b in 0..<(slots - 1) {
            let s = Int(starts[first + b]), e = Int(starts[first + b + 1])
            guard s <= e else { return "has a bad bucket index" }
            for r in s..<e where Self.bucket(of: features[lo + r], shift: shift) != b { return "has a bad bucket index" }
        }
        return nil
    }
}
