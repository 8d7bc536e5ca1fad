import CVectorKernels
import Foundation

/// The IEEE CRC-32 checksum (as in zip and PNG), used to detect corrupted model files.
///
/// Eight bytes per step ("slicing by 8"): model files are hundreds of megabytes at 100k labels,
/// and a byte-at-a-time table loop made checksumming the slowest part of loading a model.
public struct CRC32: Sendable {
    /// Table k maps a byte to its CRC contribution k bytes further along (`tables[k * 256 + b]`).
    private static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[n] = c
        }
        for k in 1..<8 {
            for n in 0..<256 {
                let previous = t[(k - 1) * 256 + n]
                t[k * 256 + n] = (previous >> 8) ^ t[Int(previous & 0xFF)]
            }
        }
        return t
    }()

    /// The checksum so far.
    public private(set) var value: UInt32 = 0

    /// Starts an empty checksum.
    public init() {}

    /// Feeds `bytes` into the checksum.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        value = ~Self.tables.withUnsafeBufferPointer { Self.update(~value, base, bytes.count, $0.baseAddress!) }
    }

    /// Whether the carry-less multiplication kernel runs on this CPU (`xmr_crc32_fold`).
    static let foldAvailable = xmr_crc32_fold_available() != 0

    /// The running (inverted) CRC `c` after `count` more bytes at `p`: whole 16-byte blocks by the
    /// carry-less multiplication kernel where the CPU has it (about ten times the table loop's
    /// speed), the rest by the table loop.
    private static func update(_ c: UInt32, _ p: UnsafeRawPointer, _ count: Int, _ t: UnsafePointer<UInt32>) -> UInt32 {
        var c = c
        var i = 0
        if foldAvailable && count >= 64 {
            let folded = count & ~15
            c = xmr_crc32_fold(c, p.assumingMemoryBound(to: UInt8.self), folded)
            i = folded
        }
        while i + 8 <= count {
            let one = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)) ^ c
            let two = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self))
            c = t[7 * 256 + Int(one & 0xFF)] ^ t[6 * 256 + Int((one >> 8) & 0xFF)]
                ^ t[5 * 256 + Int((one >> 16) & 0xFF)] ^ t[4 * 256 + Int(one >> 24)]
                ^ t[3 * 256 + Int(two & 0xFF)] ^ t[2 * 256 + Int((two >> 8) & 0xFF)]
                ^ t[256 + Int((two >> 16) & 0xFF)] ^ t[Int(two >> 24)]
            i += 8
        }
        while i < count {
            c = t[Int((c ^ UInt32(p.load(fromByteOffset: i, as: UInt8.self))) & 0xFF)] ^ (c >> 8)
            i += 1
        }
        return c
    }

    /// The checksum of `bytes`.
    public static func checksum<Bytes: ContiguousBytes>(_ bytes: Bytes) -> UInt32 {
        var crc = CRC32()
        bytes.withUnsafeBytes { crc.update($0) }
        return crc.value
    }
}
