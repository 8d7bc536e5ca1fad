/// The fixed 128-byte header of an HNSW index file.
///
/// Bytes 0–7 the magic `XMRHNSW1`, 8–11 the version, 12–15 the header size, then twelve
/// little-endian 64-bit fields from byte 16 in the order of the stored properties.
struct HNSWHeader: Equatable {
    static let magic = Array("XMRHNSW1".utf8)
    static let version: UInt32 = 1
    static let byteCount = 128

    /// Whether the stored vectors are dense.
    var isDense: Bool
    /// The similarity the graph was built for.
    var similarity: ANNSimilarity
    /// Number of stored vectors.
    var count: Int
    /// Their dimension.
    var dimension: Int
    /// Upper-level list capacity.
    var m: Int
    /// Level-0 list capacity.
    var maxM0: Int
    /// The efConstruction the graph was built with.
    var efConstruction: Int
    /// The seed of the node levels.
    var seed: UInt64
    /// The search's entry node.
    var entryPoint: Int
    /// The entry node's level, the graph's top.
    var maxLevel: Int
    /// Number of upper-level list slots.
    var upperSlots: Int
    /// Stored entries of sparse vectors (0 for dense).
    var nonzeros: Int

    /// Writes the header at `base`.
    func write(to base: UnsafeMutableRawPointer) {
        for (i, byte) in Self.magic.enumerated() { base.storeBytes(of: byte, toByteOffset: i, as: UInt8.self) }
        base.storeBytes(of: Self.version.littleEndian, toByteOffset: 8, as: UInt32.self)
        base.storeBytes(of: UInt32(Self.byteCount).littleEndian, toByteOffset: 12, as: UInt32.self)
        let fields: [UInt64] = [isDense ? 1 : 0, similarity.code, UInt64(count), UInt64(dimension), UInt64(m),
                                UInt64(maxM0), UInt64(efConstruction), seed, UInt64(entryPoint), UInt64(maxLevel),
                                UInt64(upperSlots), UInt64(nonzeros)]
        for (i, field) in fields.enumerated() {
            base.storeBytes(of: field.littleEndian, toByteOffset: 16 + 8 * i, as: UInt64.self)
        }
    }

    /// Reads and range-checks the header of a file of `byteCount` bytes at `base`.
    init(reading base: UnsafeRawPointer, byteCount: Int, file: String) throws {
        func fail(_ message: String) -> ANNError { .invalidIndexFile(file: file, message: message) }
        guard byteCount >= 8, (0..<8).allSatisfy({ base.load(fromByteOffset: $0, as: UInt8.self) == Self.magic[$0] }) else {
            throw fail(byteCount < 8 ? "file is truncated (\(byteCount) bytes)" : "not an xmr HNSW index (bad magic)")
        }
        guard byteCount >= Self.byteCount else { throw fail("file is truncated (\(byteCount) bytes)") }
        let version = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard version == Self.version else {
            throw fail("unsupported index version \(version) (this xmr reads version \(Self.version))")
        }
        func field(_ i: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 16 + 8 * i, as: UInt64.self)) }
        func bounded(_ i: Int, _ name: String, _ range: ClosedRange<UInt64>) throws -> Int {
            let v = field(i)
            guard range.contains(v) else { throw fail("implausible \(name) \(v) in the header") }
            return Int(v)
        }
        guard field(0) <= 1, let similarity = ANNSimilarity(code: field(1)) else { throw fail("unknown vector kind or similarity in the header") }
        isDense = field(0) == 1
        self.similarity = similarity
        count = try bounded(2, "vector count", 1...UInt64(Int32.max))
        dimension = try bounded(3, "dimension", 1...UInt64(Int32.max))
        m = try bounded(4, "M", 2...UInt64(HNSWParameters.maximumM))
        maxM0 = try bounded(5, "level-0 capacity", UInt64(2 * m)...UInt64(2 * m))
        efConstruction = try bounded(6, "efConstruction", 1...UInt64(Int32.max))
        seed = field(7)
        entryPoint = try bounded(8, "entry point", 0...UInt64(count - 1))
        maxLevel = try bounded(9, "top level", 0...UInt64(HNSWLevels.maximumLevel))
        upperSlots = try bounded(10, "upper slot count", 0...UInt64(count) * UInt64(HNSWLevels.maximumLevel))
        nonzeros = try bounded(11, "nonzero count", 0...(isDense ? 0 : UInt64(Int32.max) * 4))
    }

    /// A header from its fields.
    init(isDense: Bool, similarity: ANNSimilarity, count: Int, dimension: Int, m: Int, efConstruction: Int,
         seed: UInt64, entryPoint: Int, maxLevel: Int, upperSlots: Int, nonzeros: Int) {
        self.isDense = isDense
        self.similarity = similarity
        self.count = count
        self.dimension = dimension
        self.m = m
        maxM0 = 2 * m
        self.efConstruction = efConstruction
        self.seed = seed
        self.entryPoint = entryPoint
        self.maxLevel = maxLevel
        self.upperSlots = upperSlots
        self.nonzeros = nonzeros
    }
}
