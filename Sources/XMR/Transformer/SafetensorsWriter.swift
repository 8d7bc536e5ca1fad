import Foundation

/// Writes float32 tensors as a `.safetensors` file image: the 8-byte little-endian header
/// length, the JSON header (names sorted, padded with spaces so the data starts 8-byte aligned),
/// then the tensors' bytes in name order.
enum SafetensorsWriter {
    /// One tensor to write: `count` values at `values`, with `shape`.
    struct Tensor {
        /// Its name.
        let name: String
        /// Its shape.
        let shape: [Int]
        /// Its values (row-major).
        let values: UnsafePointer<Float>
    }

    /// The file image of `tensors` with `metadata` as `__metadata__`.
    static func image(_ tensors: [Tensor], metadata: [String: String]) -> Data {
        let sorted = tensors.sorted { $0.name < $1.name }
        var offset = 0
        var entries: [String] = []
        for tensor in sorted {
            let bytes = 4 * tensor.shape.reduce(1, *)
            entries.append("\(quoted(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        let meta = metadata.keys.sorted().map { "\(quoted($0)):\(quoted(metadata[$0]!))" }.joined(separator: ",")
        entries.insert("\"__metadata__\":{\(meta)}", at: 0)
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        while (8 + header.count) % 8 != 0 { header.append(0x20) }
        var data = Data(capacity: 8 + header.count + offset)
        var length = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for tensor in sorted {
            let count = tensor.shape.reduce(1, *)
            #if _endian(little)
            data.append(UnsafeBufferPointer(start: tensor.values, count: count))
            #else
            for i in 0..<count { var bits = tensor.values[i].bitPattern.littleEndian; withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) } }
            #endif
        }
        return data
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
