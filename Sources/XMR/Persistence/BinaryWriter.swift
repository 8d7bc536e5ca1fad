import Foundation

/// Builds a little-endian binary file in memory: a small header, then raw arrays.
struct BinaryWriter {
    private(set) var data = Data()

    mutating func write(magic: String) {
        precondition(magic.utf8.count == 8, "magic must be 8 bytes")
        data.append(contentsOf: Array(magic.utf8))
    }

    mutating func write(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    mutating func write(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
    mutating func write(_ value: Int) { write(UInt64(value)) }

    mutating func write(_ values: [Int32]) { appendRaw(values.map { $0.littleEndian }) }
    mutating func write(_ values: [UInt32]) { appendRaw(values.map { $0.littleEndian }) }
    mutating func write(_ values: [UInt16]) { appendRaw(values.map { $0.littleEndian }) }
    mutating func write(_ values: [Float]) { appendRaw(values.map { $0.bitPattern.littleEndian }) }
    mutating func write(offsets values: [Int]) { appendRaw(values.map { UInt64($0).littleEndian }) }

    private mutating func appendRaw<T>(_ values: [T]) {
        values.withUnsafeBytes { data.append(contentsOf: $0) }
    }
}
