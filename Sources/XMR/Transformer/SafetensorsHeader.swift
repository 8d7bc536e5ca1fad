import Foundation

/// The validated header of a `.safetensors` file: every tensor's dtype, shape and byte range.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON, then the data; each
/// tensor's `data_offsets` are relative to the end of the header.
public struct SafetensorsHeader: Sendable, Equatable {
    /// The element types a safetensors file may declare.
    public enum DType: String, Sendable, CaseIterable {
        case bool = "BOOL", u8 = "U8", i8 = "I8", f8e4m3 = "F8_E4M3", f8e5m2 = "F8_E5M2"
        case i16 = "I16", u16 = "U16", f16 = "F16", bf16 = "BF16"
        case i32 = "I32", u32 = "U32", f32 = "F32", f64 = "F64", i64 = "I64", u64 = "U64"

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .bool, .u8, .i8, .f8e4m3, .f8e5m2: return 1
            case .i16, .u16, .f16, .bf16: return 2
            case .i32, .u32, .f32: return 4
            case .f64, .i64, .u64: return 8
            }
        }
    }

    /// One tensor's entry.
    public struct Tensor: Sendable, Equatable {
        /// Its element type.
        public var dtype: DType
        /// Its shape (empty for a scalar).
        public var shape: [Int]
        /// Its bytes, as absolute offsets into the file.
        public var byteRange: Range<Int>
    }

    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// The free-form `__metadata__` strings.
    public var metadata: [String: String]
    /// Where the data starts: 8 + the header length.
    public var dataStart: Int

    /// The largest header accepted (the format's own limit).
    public static let maxHeaderLength = 100_000_000

    /// Parses and validates the header at the start of `bytes` (the whole file).
    ///
    /// Rejects a header longer than the file, malformed JSON, unknown dtypes, negative or
    /// inconsistent shapes, ranges past the end of the file or overlapping each other; `path`
    /// names the file in errors.
    public static func parse(_ bytes: UnsafeRawBufferPointer, path: String = "model.safetensors") throws -> SafetensorsHeader {
        func fail(_ message: String) -> EncoderError { .badFile(path: path, message: message) }
        guard bytes.count >= 8 else { throw fail("not a safetensors file: \(bytes.count) bytes, shorter than the 8-byte header length") }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard length <= UInt64(bytes.count - 8) else {
            throw fail("corrupted safetensors header: its length \(length) runs past the end of the file (\(bytes.count) bytes)")
        }
        guard length <= UInt64(maxHeaderLength) else { throw fail("corrupted safetensors header: length \(length) is over the 100 MB limit") }
        let dataStart = 8 + Int(length)
        let json = Data(bytes[8..<dataStart])
        guard let object = try? JSONSerialization.jsonObject(with: json), let entries = object as? [String: Any] else {
            throw fail("corrupted safetensors header: not a JSON object")
        }
        let dataSize = bytes.count - dataStart
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                guard let fields = value as? [String: Any] else { throw fail("corrupted safetensors header: __metadata__ is not an object") }
                for (key, text) in fields {
                    guard let text = text as? String else { throw fail("corrupted safetensors header: __metadata__.\(key) is not a string") }
                    metadata[key] = text
                }
                continue
            }
            guard let entry = value as? [String: Any] else { throw fail("corrupted safetensors header: tensor \(name) is not an object") }
            guard let dtypeName = entry["dtype"] as? String else { throw fail("corrupted safetensors header: tensor \(name) has no dtype") }
            guard let dtype = DType(rawValue: dtypeName) else { throw fail("tensor \(name): unknown dtype \"\(dtypeName)\"") }
            guard let shape = integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail("corrupted safetensors header: tensor \(name) has no valid shape")
            }
            guard let offsets = integers(entry["data_offsets"]), offsets.count == 2 else {
                throw fail("corrupted safetensors header: tensor \(name) has no valid data_offsets")
            }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataSize else {
                throw fail("corrupted safetensors header: tensor \(name) data_offsets \(offsets) lie outside the \(dataSize) data bytes")
            }
            var count = 1
            for dimension in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow else { throw fail("corrupted safetensors header: tensor \(name) shape \(shape) is too large") }
                count = product
            }
            let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.size)
            guard !overflow, byteCount == offsets[1] - offsets[0] else {
                throw fail("corrupted safetensors header: tensor \(name) of shape \(shape) \(dtypeName) needs \(overflow ? "too many" : String(byteCount)) bytes, its range has \(offsets[1] - offsets[0])")
            }
            tensors[name] = Tensor(dtype: dtype, shape: shape, byteRange: (dataStart + offsets[0])..<(dataStart + offsets[1]))
        }
        let sorted = tensors.sorted { ($0.value.byteRange.lowerBound, $0.key) < ($1.value.byteRange.lowerBound, $1.key) }
        for (previous, next) in zip(sorted, sorted.dropFirst())
        where !previous.value.byteRange.isEmpty && next.value.byteRange.lowerBound < previous.value.byteRange.upperBound {
            throw fail("corrupted safetensors header: the data of tensors \(previous.key) and \(next.key) overlap")
        }
        return SafetensorsHeader(tensors: tensors, metadata: metadata, dataStart: dataStart)
    }

    /// Parses the header at the start of `bytes` (the whole file); see `parse(_:path:)`.
    public static func parse(_ bytes: [UInt8], path: String = "model.safetensors") throws -> SafetensorsHeader {
        try bytes.withUnsafeBytes { try parse($0, path: path) }
    }

    /// A JSON array of non-negative-or-negative whole numbers, or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let array = value as? [Any] else { return nil }
        var result: [Int] = []
        for element in array {
            guard let number = element as? NSNumber, let integer = Int(exactly: number.doubleValue) else { return nil }
            result.append(integer)
        }
        return result
    }
}
