import CZlib
import Foundation

/// A read-only view of a zip file whose entries are stored or DEFLATE-compressed, as numpy's
/// `savez` and `savez_compressed` (and so scipy's `save_npz`) write them.
///
/// Enough of the zip format for `.npz` files: the central directory (with zip64 sizes), local
/// headers, raw DEFLATE through zlib, and a CRC-32 check of every entry read.
struct ZipArchive {
    private struct Entry {
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
    }

    let file: String
    private let data: Data
    private var entries: [String: Entry] = [:]

    /// Opens the archive bytes `data`, read from `file` (named in errors).
    init(data: Data, file: String) throws {
        self.data = data
        self.file = file
        try readCentralDirectory()
    }

    /// Names of the entries.
    var names: [String] { entries.keys.sorted() }

    private func fail(_ message: String) -> XRLinearError { .invalidModelFile(file: file, message: message) }

    private func u16(_ offset: Int) throws -> Int {
        guard offset >= 0, offset + 2 <= data.count else { throw fail("zip file is truncated") }
        return Int(data[data.startIndex + offset]) | Int(data[data.startIndex + offset + 1]) << 8
    }

    private func u32(_ offset: Int) throws -> Int {
        try u16(offset) | (try u16(offset + 2)) << 16
    }

    private func u64(_ offset: Int) throws -> Int {
        let low = try u32(offset), high = try u32(offset + 4)
        guard high < 1 << 30 else { throw fail("implausible zip64 size") }
        return low | high << 32
    }

    private mutating func readCentralDirectory() throws {
        // The end-of-central-directory record is in the last 22 + 65535 bytes.
        var end = -1
        var p = data.count - 22
        let lowest = max(0, data.count - 22 - 65_535)
        while p >= lowest {
            if try u32(p) == 0x0605_4B50 { end = p; break }
            p -= 1
        }
        guard end >= 0 else { throw fail("not a zip archive (no end of central directory)") }
        let count = try u16(end + 10)
        var offset = try u32(end + 16)
        for _ in 0..<count {
            guard try u32(offset) == 0x0201_4B50 else { throw fail("corrupted zip central directory") }
            let method = UInt16(try u16(offset + 10))
            let crc = UInt32(try u32(offset + 16))
            var compressedSize = try u32(offset + 20)
            var size = try u32(offset + 24)
            let nameLength = try u16(offset + 28), extraLength = try u16(offset + 30), commentLength = try u16(offset + 32)
            var localOffset = try u32(offset + 42)
            guard offset + 46 + nameLength <= data.count else { throw fail("zip file is truncated") }
            let nameStart = data.startIndex + offset + 46
            let name = String(decoding: data[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            // zip64 extra field: the sizes and offset that were too large for 32 bits, in order.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = try u16(extra), length = try u16(extra + 2)
                if id == 0x0001 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF { size = try u64(field); field += 8 }
                    if compressedSize == 0xFFFF_FFFF { compressedSize = try u64(field); field += 8 }
                    if localOffset == 0xFFFF_FFFF { localOffset = try u64(field) }
                }
                extra += 4 + length
            }
            entries[name] = Entry(method: method, crc: crc, compressedSize: compressedSize, size: size,
                                  localHeaderOffset: localOffset)
            offset = extraEnd + commentLength
        }
    }

    /// The bytes of entry `name`, inflated when compressed, checked against its CRC-32.
    func read(_ name: String) throws -> Data {
        guard let entry = entries[name] else { throw fail("has no entry \(name)") }
        guard entry.method == 0 || entry.method == 8 else {
            throw fail("entry \(name) uses compression method \(entry.method); only stored and DEFLATE entries are supported")
        }
        let header = entry.localHeaderOffset
        guard try u32(header) == 0x0403_4B50 else { throw fail("corrupted zip local header for \(name)") }
        let start = header + 30 + (try u16(header + 26)) + (try u16(header + 28))
        guard start + entry.compressedSize <= data.count else { throw fail("zip file is truncated") }
        let stored = data[(data.startIndex + start)..<(data.startIndex + start + entry.compressedSize)]
        let bytes: Data
        if entry.method == 0 {
            guard entry.size == entry.compressedSize else { throw fail("zip file is truncated") }
            bytes = Data(stored)
        } else {
            bytes = try inflate(stored, size: entry.size, name: name)
        }
        guard CRC32.checksum(bytes) == entry.crc else { throw fail("entry \(name) is corrupted (CRC-32 mismatch)") }
        return bytes
    }

    /// The `size` bytes the raw DEFLATE stream `compressed` of entry `name` decodes to.
    private func inflate(_ compressed: Data, size: Int, name: String) throws -> Data {
        var output = Data(count: size)
        let status = output.withUnsafeMutableBytes { out in
            compressed.withUnsafeBytes { input in
                xmr_inflate_raw(input.bindMemory(to: UInt8.self).baseAddress, input.count,
                                out.bindMemory(to: UInt8.self).baseAddress, out.count)
            }
        }
        switch status {
        case Z_OK: return output
        case Z_MEM_ERROR: throw fail("entry \(name) is too large to inflate (out of memory)")
        case Z_BUF_ERROR: throw fail("entry \(name) is corrupted (its DEFLATE stream does not hold \(size) bytes)")
        default: throw fail("entry \(name) is corrupted (bad DEFLATE data)")
        }
    }
}
