import Foundation

/// Saving and loading a fitted vectorizer as one compact little-endian binary file.
///
/// Layout (version 1): the 8 bytes `XMRTFIDF`; UInt32 version; UInt32 word n-gram min, max
/// (0, 0 = none); UInt32 char n-gram min, max (0, 0 = none); UInt64 min document frequency;
/// UInt64 max features (0 = none); UInt8 sublinear tf; UInt8 l2 normalize; UInt8 keeps numbers; UInt64 document
/// count; UInt64 term count; per term a UInt32 byte length and its UTF-8 bytes (ascending byte
/// order); one Float32 idf per term; a UInt64 FNV-1a checksum of every byte before it.
extension TfidfVectorizer {
    /// The file name used inside a model folder.
    public static let fileName = "vectorizer.bin"

    /// The file's first bytes.
    static let magic = Array("XMRTFIDF".utf8)
    /// The format version written by `save(to:)`.
    static let formatVersion: UInt32 = 1

    /// The vectorizer encoded in the binary file format.
    public func serialized() -> Data {
        var w = ByteWriter()
        w.bytes.append(contentsOf: Self.magic)
        w.u32(Self.formatVersion)
        w.u32(UInt32(configuration.wordNgrams?.lowerBound ?? 0))
        w.u32(UInt32(configuration.wordNgrams?.upperBound ?? 0))
        w.u32(UInt32(configuration.charNgrams?.lowerBound ?? 0))
        w.u32(UInt32(configuration.charNgrams?.upperBound ?? 0))
        w.u64(UInt64(configuration.minDocumentFrequency))
        w.u64(UInt64(configuration.maxFeatures ?? 0))
        w.bytes.append(configuration.sublinearTF ? 1 : 0)
        w.bytes.append(configuration.l2Normalize ? 1 : 0)
        w.bytes.append(configuration.keepsNumbers ? 1 : 0)
        w.u64(UInt64(documentCount))
        w.u64(UInt64(terms.count))
        for id in 0..<terms.count {
            let key = terms.key(id)
            w.u32(UInt32(key.count))
            w.bytes.append(contentsOf: key)
        }
        for value in idf { w.u32(value.bitPattern) }
        w.u64(fnv1a(w.bytes[...]))
        return Data(w.bytes)
    }

    /// Writes the vectorizer to `url` atomically and durably (`DurableFile`).
    public func save(to url: URL) throws {
        do {
            try DurableFile.replace(url, with: serialized())
        } catch let failure as DurableFile.Failure {
            throw TextVectorizerError.badFile(url, "cannot write vectorizer: \(failure.reason)")
        }
    }

    /// Reads a vectorizer written by `save(to:)`; a missing, truncated or corrupt file throws
    /// `TextVectorizerError.badFile` naming it.
    public static func load(from url: URL) throws -> TfidfVectorizer {
        let data: Data
        do { data = try InputFile.read(url) } catch {
            throw TextVectorizerError.badFile(url, "cannot read vectorizer: \(error)")
        }
        return try decode(data, file: url)
    }

    /// Decodes bytes produced by `serialized()` (for example a blob stored inside a model folder);
    /// errors name `file` as the source of the bytes.
    public static func decode(_ data: Data, file url: URL) throws -> TfidfVectorizer {
        do {
            return try deserialize([UInt8](data))
        } catch let reason as CorruptVectorizer {
            throw TextVectorizerError.badFile(url, "corrupt vectorizer file: \(reason.message)")
        }
    }

    /// Decodes the binary format, throwing `CorruptVectorizer` with the first problem found.
    static func deserialize(_ bytes: [UInt8]) throws -> TfidfVectorizer {
        guard bytes.count >= magic.count + 12, Array(bytes[0..<magic.count]) == magic else {
            throw CorruptVectorizer("not a vectorizer file (bad magic bytes)")
        }
        var r = ByteReader(bytes: bytes, position: magic.count)
        let version = try r.u32()
        guard version == formatVersion else { throw CorruptVectorizer("unsupported format version \(version)") }
        let stored = bytes.count >= 8 ? ByteReader(bytes: bytes, position: bytes.count - 8).peekU64() : 0
        guard stored == fnv1a(bytes[0..<(bytes.count - 8)]) else {
            throw CorruptVectorizer("checksum mismatch (the file is damaged or truncated)")
        }
        let wordMin = Int(try r.u32()), wordMax = Int(try r.u32())
        let charMin = Int(try r.u32()), charMax = Int(try r.u32())
        let minDF = try r.u64(), maxFeatures = try r.u64()
        let sublinear = try r.u8(), normalize = try r.u8(), numbers = try r.u8()
        let documentCount = try r.u64()
        let termCount = try r.u64()
        func range(_ lo: Int, _ hi: Int, _ name: String) throws -> ClosedRange<Int>? {
            if lo == 0 && hi == 0 { return nil }
            guard lo >= 1, lo <= hi else { throw CorruptVectorizer("bad \(name) range \(lo)...\(hi)") }
            return lo...hi
        }
        guard minDF <= UInt64(Int.max), maxFeatures <= UInt64(Int.max), sublinear <= 1, normalize <= 1, numbers <= 1,
              documentCount <= UInt64(Int.max), termCount <= UInt64(bytes.count) else {
            throw CorruptVectorizer("header values out of range")
        }
        let configuration = TfidfConfiguration(
            wordNgrams: try range(wordMin, wordMax, "word n-gram"), charNgrams: try range(charMin, charMax, "char n-gram"),
            keepsNumbers: numbers == 1,
            minDocumentFrequency: Int(minDF), maxFeatures: maxFeatures == 0 ? nil : Int(maxFeatures),
            sublinearTF: sublinear == 1, l2Normalize: normalize == 1)
        do { try configuration.validate() } catch { throw CorruptVectorizer("\(error)") }
        var table = ByteStringTable()
        for id in 0..<Int(termCount) {
            let length = Int(try r.u32())
            let key = try r.take(length)
            guard String(validating: key, as: UTF8.self) != nil else {
                throw CorruptVectorizer("term \(id) is not valid UTF-8")
            }
            let inserted = table.insert(key)
            guard Int(inserted) == id, id == 0 || table.precedes(id - 1, id) else {
                throw CorruptVectorizer("terms are not in strictly ascending order at term \(id)")
            }
        }
        var idf: [Float] = []
        idf.reserveCapacity(Int(termCount))
        for id in 0..<Int(termCount) {
            let value = Float(bitPattern: try r.u32())
            guard value.isFinite, value >= 1 else { throw CorruptVectorizer("idf of term \(id) is \(value)") }
            idf.append(value)
        }
        guard r.position == bytes.count - 8 else {
            throw CorruptVectorizer("\(bytes.count - 8 - r.position) unexpected bytes before the checksum")
        }
        return TfidfVectorizer(configuration: configuration, terms: table, idf: idf, documentCount: Int(documentCount))
    }
}

/// Why a vectorizer file could not be decoded (wrapped into `TextVectorizerError.badFile`).
struct CorruptVectorizer: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// FNV-1a, 64-bit, over a byte slice.
private func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
}

/// Appends little-endian integers to a byte array.
private struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
}

/// Reads little-endian integers from a byte array, throwing at the end of the data.
private struct ByteReader {
    let bytes: [UInt8]
    var position: Int

    mutating func take(_ n: Int) throws -> [UInt8] {
        guard n >= 0, n <= bytes.count - 8 - position else {
            throw CorruptVectorizer("truncated at byte \(position)")
        }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }
    mutating func u8() throws -> UInt8 { try take(1)[0] }
    mutating func u32() throws -> UInt32 {
        try take(4).reversed().reduce(0) { ($0 << 8) | UInt32($1) }
    }
    mutating func u64() throws -> UInt64 {
        try take(8).reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }
    func peekU64() -> UInt64 {
        bytes[position..<(position + 8)].reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }
}
