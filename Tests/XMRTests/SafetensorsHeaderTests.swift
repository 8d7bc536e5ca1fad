import Foundation
import Testing
@testable import XMR

@Suite("safetensors header")
struct SafetensorsHeaderTests {
    /// A file of `json` as header followed by `dataSize` zero bytes.
    static func file(_ json: String, dataSize: Int, declaredLength: UInt64? = nil) -> [UInt8] {
        let header = Array(json.utf8)
        let length = declaredLength ?? UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + header + [UInt8](repeating: 0, count: dataSize)
    }

    static func error(_ bytes: [UInt8]) -> String {
        do { _ = try SafetensorsHeader.parse(bytes, path: "m.safetensors"); return "no error" } catch { return String(describing: error) }
    }

    @Test("A valid header gives each tensor's dtype, shape and absolute byte range")
    func valid() throws {
        let json = #"{"__metadata__": {"format": "pt"}, "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, "b": {"dtype": "F16", "shape": [4], "data_offsets": [24, 32]}}"#
        let header = try SafetensorsHeader.parse(Self.file(json, dataSize: 32))
        let start = 8 + json.utf8.count
        #expect(header.dataStart == start)
        #expect(header.tensors["a"] == SafetensorsHeader.Tensor(dtype: .f32, shape: [2, 3], byteRange: start..<(start + 24)))
        #expect(header.tensors["b"]?.dtype == .f16)
        #expect(header.metadata == ["format": "pt"])
    }

    @Test("Corrupted headers are one-line errors naming the file")
    func corrupted() {
        let tensor = #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#
        let cases: [([UInt8], String)] = [
            ([1, 2, 3], "shorter than the 8-byte header length"),
            (Self.file(tensor, dataSize: 8, declaredLength: 1 << 40), "runs past the end of the file"),
            (Self.file("[1, 2]", dataSize: 0), "not a JSON object"),
            (Self.file("{not json", dataSize: 0), "not a JSON object"),
            (Self.file(tensor, dataSize: 4), "lie outside the 4 data bytes"),
            (Self.file(#"{"a": {"dtype": "F33", "shape": [2], "data_offsets": [0, 8]}}"#, dataSize: 8), "unknown dtype \"F33\""),
            (Self.file(#"{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, dataSize: 8), "needs 12 bytes, its range has 8"),
            (Self.file(#"{"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}"#, dataSize: 8), "no valid shape"),
            (Self.file(#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}"#, dataSize: 8), "lie outside"),
            (Self.file(#"{"a": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 8]}}"#, dataSize: 8), "too large"),
            (Self.file(#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#, dataSize: 12),
             "the data of tensors a and b overlap"),
            (Self.file(#"{"a": {"dtype": "F32", "shape": [2]}}"#, dataSize: 8), "no valid data_offsets"),
            (Self.file(#"{"__metadata__": {"x": 1}}"#, dataSize: 0), "__metadata__.x is not a string"),
        ]
        for (bytes, message) in cases {
            let error = Self.error(bytes)
            #expect(error.hasPrefix("m.safetensors: ") && error.contains(message) && !error.contains("\n"), "\(error)")
        }
    }
}
