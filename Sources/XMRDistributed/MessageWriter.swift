/// Builds the bytes of a message between ranks: little-endian integers, arrays with their
/// lengths, strings as UTF-8. `MessageReader` reads them back in the same order.
public struct MessageWriter {
    /// The bytes so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty message.
    public init() {}

    /// Appends one integer as 8 bytes.
    public mutating func append(_ value: Int) { appendRaw([Int64(value).littleEndian]) }

    /// Appends an array of fixed-width integers, its count first.
    public mutating func append<T: FixedWidthInteger>(_ values: [T]) {
        append(values.count)
        appendRaw(values.map(\.littleEndian))
    }

    /// Appends an array of floats (their bit patterns), its count first.
    public mutating func append(_ values: [Float]) { append(values.map(\.bitPattern)) }

    /// Appends a string as UTF-8, its byte count first.
    public mutating func append(_ text: String) { append(Array(text.utf8)) }

    /// Appends another message's fields after these.
    public mutating func append(contentsOf other: MessageWriter) { bytes.append(contentsOf: other.bytes) }

    private mutating func appendRaw<T>(_ values: [T]) {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }
}
