import Foundation

/// Reads what `BinaryWriter` wrote, throwing a named error when the file ends early.
struct BinaryReader {
    let data: Data
    let file: String
    private(set) var offset = 0

    init(data: Data, file: String) {
        self.data = data
        self.file = file
    }

    private func truncated() -> XRLinearError {
        .invalidModelFile(file: file, message: "file is truncated (\(data.count) bytes)")
    }

    private mutating func take(_ count: Int) throws -> Data {
        guard count >= 0, count <= data.count - offset else { throw truncated() }
        let start = data.startIndex + offset
        offset += count
        return data[start..<(start + count)]
    }

    mutating func readMagic(_ expected: String) throws {
        let bytes = try take(8)
        guard Array(bytes) == Array(expected.utf8) else {
            throw XRLinearError.invalidModelFile(file: file, message: "not an xmr model file (bad magic)")
        }
    }

    mutating func readUInt32() throws -> UInt32 {
        try take(4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    mutating func readCount() throws -> Int {
        let v = try take(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard v <= UInt64(Int32.max) * 64 else {
            throw XRLinearError.invalidModelFile(file: file, message: "implausible count \(v)")
        }
        return Int(v)
    }

    /// `count` little-endian integers of type `T`.
    mutating func readIntegers<T: FixedWidthInteger>(_ count: Int, as type: T.Type) throws -> [T] {
        try readLittleEndian(count, stored: T.self) { $0 }
    }

    /// `count` values stored as little-endian `Stored` integers, each turned into a `Value` by `convert`.
    @inline(__always)
    private mutating func readLittleEndian<Stored: FixedWidthInteger, Value>(
        _ count: Int, stored: Stored.Type, _ convert: (Stored) -> Value
    ) throws -> [Value] {
        let size = MemoryLayout<Stored>.size
        let bytes = try take(count * size)
        return [Value](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for i in 0..<count {
                    buffer.initializeElement(at: i, to: convert(Stored(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: Stored.self))))
                }
            }
            initialized = count
        }
    }

    mutating func readInt32s(_ count: Int) throws -> [Int32] { try readIntegers(count, as: Int32.self) }

    mutating func readUInt32s(_ count: Int) throws -> [UInt32] { try readIntegers(count, as: UInt32.self) }

    mutating func readUInt16s(_ count: Int) throws -> [UInt16] { try readIntegers(count, as: UInt16.self) }

    mutating func readFloats(_ count: Int) throws -> [Float] {
        try readLittleEndian(count, stored: UInt32.self) { Float(bitPattern: $0) }
    }

    mutating func readOffsets(_ count: Int) throws -> [Int] {
        try readLittleEndian(count, stored: UInt64.self) { Int(truncatingIfNeeded: $0) }
    }

    /// Throws unless every byte was consumed.
    func expectEnd() throws {
        guard offset == data.count else {
            throw XRLinearError.invalidModelFile(file: file, message: "has \(data.count - offset) unexpected trailing bytes")
        }
    }
}
