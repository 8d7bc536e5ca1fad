/// Reads a message written by `MessageWriter`, field by field; a short or malformed message
/// throws instead of trapping.
public struct MessageReader {
    private let bytes: [UInt8]
    private var offset = 0

    /// A reader at the start of `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Reads an integer written by `append(_: Int)`.
    public mutating func readInt() throws -> Int {
        let values: [Int64] = try readRaw(count: 1)
        return Int(Int64(littleEndian: values[0]))
    }

    /// Reads an array of fixed-width integers.
    public mutating func readArray<T: FixedWidthInteger>(of type: T.Type) throws -> [T] {
        let count = try readInt()
        guard count >= 0, count <= (bytes.count - offset) / MemoryLayout<T>.size else {
            throw DistributedError.mpi("a message announces \(count) values but holds \(bytes.count - offset) bytes")
        }
        let raw: [T] = try readRaw(count: count)
        return raw.map { T(littleEndian: $0) }
    }

    /// Reads an array of floats.
    public mutating func readFloats() throws -> [Float] { try readArray(of: UInt32.self).map(Float.init(bitPattern:)) }

    /// Reads a string.
    public mutating func readString() throws -> String { String(decoding: try readArray(of: UInt8.self), as: UTF8.self) }

    /// Throws unless every byte was read.
    public func expectEnd() throws {
        guard offset == bytes.count else { throw DistributedError.mpi("a message has \(bytes.count - offset) bytes left over") }
    }

    private mutating func readRaw<T>(count: Int) throws -> [T] {
        let size = count * MemoryLayout<T>.size
        guard size <= bytes.count - offset else { throw DistributedError.mpi("a message ends early") }
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + size)]))
            }
            initialized = count
        }
        offset += size
        return values
    }
}
