import Foundation
@testable import XMR

/// Writes small scipy-style `.npz` files (stored, uncompressed zip of `.npy` arrays) for import tests.
enum NpzWriter {
    /// A `.npy` file (format 1.0) with dtype `dtype`, shape `shape` and raw little-endian `payload`.
    static func npy(dtype: String, shape: [Int], payload: Data) -> Data {
        let shapeText = shape.isEmpty ? "()" : "(" + shape.map(String.init).joined(separator: ", ") + ",)"
        var header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': \(shapeText), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        data.append(contentsOf: [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.append(payload)
        return data
    }

    static func int32s(_ values: [Int]) -> Data {
        var data = Data()
        for v in values { withUnsafeBytes(of: Int32(v).littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func float32s(_ values: [Float]) -> Data {
        var data = Data()
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// A scipy CSC matrix as `save_npz` stores it.
    static func csc(rows: Int, cols: Int, colPointers: [Int], rowIndices: [Int], values: [Float]) -> Data {
        zip(entries: [
            ("format.npy", npy(dtype: "|S3", shape: [], payload: Data("csc".utf8))),
            ("shape.npy", npy(dtype: "<i4", shape: [2], payload: int32s([rows, cols]))),
            ("indices.npy", npy(dtype: "<i4", shape: [rowIndices.count], payload: int32s(rowIndices))),
            ("indptr.npy", npy(dtype: "<i4", shape: [colPointers.count], payload: int32s(colPointers))),
            ("data.npy", npy(dtype: "<f4", shape: [values.count], payload: float32s(values))),
        ])
    }

    /// A zip archive of stored (uncompressed) entries.
    static func zip(entries: [(String, Data)]) -> Data {
        var out = Data(), central = Data()
        func u16(_ v: Int, _ d: inout Data) { d.append(contentsOf: [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)]) }
        func u32(_ v: Int, _ d: inout Data) { u16(v & 0xFFFF, &d); u16(v >> 16, &d) }
        for (name, bytes) in entries {
            let offset = out.count, crc = Int(CRC32.checksum(bytes)), nameBytes = Array(name.utf8)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0, &out)
            u32(crc, &out); u32(bytes.count, &out); u32(bytes.count, &out); u16(nameBytes.count, &out); u16(0, &out)
            out.append(contentsOf: nameBytes)
            out.append(bytes)
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(crc, &central); u32(bytes.count, &central); u32(bytes.count, &central)
            u16(nameBytes.count, &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(0, &central); u32(offset, &central)
            central.append(contentsOf: nameBytes)
        }
        let centralOffset = out.count
        out.append(central)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(central.count, &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }
}
