import Foundation

/// A memory-mapped `.safetensors` file: float tensors are read in place, not copied.
final class SafetensorsFile: Sendable {
    /// The validated header.
    let header: SafetensorsHeader
    private let file: MappedFile

    /// Maps `url` and validates its header.
    init(_ url: URL) throws {
        file = try MappedFile(url)
        header = try SafetensorsHeader.parse(file.bytes, path: url.path)
    }

    /// The file's path, for errors.
    var path: String { file.path }

    /// Calls `body` with the whole file's mapped bytes (to check a recorded checksum).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try body(file.bytes) }

    /// Tensor `name` as float32 with exactly `shape`: F32 data in place when aligned, F16/BF16/F64 converted.
    func floats(_ name: String, shape: [Int]) throws -> FloatTensor {
        guard let entry = header.tensors[name] else {
            throw EncoderError.badFile(path: path, message: "missing tensor \(name)")
        }
        guard entry.shape == shape else {
            throw EncoderError.badFile(path: path, message: "tensor \(name) has shape \(entry.shape), expected \(shape)")
        }
        let raw = UnsafeRawBufferPointer(rebasing: file.bytes[entry.byteRange])
        let count = shape.reduce(1, *)
        switch entry.dtype {
        case .f32:
            if let base = raw.baseAddress, Int(bitPattern: base) % MemoryLayout<Float>.alignment == 0 {
                #if _endian(little)
                return FloatTensor(shape: shape, base: base.assumingMemoryBound(to: Float.self), owner: file)
                #endif
            }
            return FloatTensor(shape: shape, values: (0..<count).map {
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))
            })
        case .f16:
            return FloatTensor(shape: shape, values: (0..<count).map {
                Float(Float16(bitPattern: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self))))
            })
        case .bf16:
            return FloatTensor(shape: shape, values: (0..<count).map {
                Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * $0, as: UInt16.self))) << 16)
            })
        case .f64:
            return FloatTensor(shape: shape, values: (0..<count).map {
                Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))))
            })
        default:
            throw EncoderError.badFile(path: path, message: "tensor \(name) has dtype \(entry.dtype.rawValue), expected a float type (F32, F16, BF16, F64)")
        }
    }
}
