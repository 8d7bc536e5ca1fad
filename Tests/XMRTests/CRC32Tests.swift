import Testing
@testable import XMR

@Suite("CRC-32")
struct CRC32Tests {
    /// The textbook bit-by-bit CRC-32 (reflected, polynomial 0xEDB88320).
    static func bitwise(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return ~c
    }

    @Test("The standard check value and the empty input")
    func checkValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("Equals the bit-by-bit definition for every length and split, fed whole or in pieces")
    func matchesBitwise() {
        var rng = SplitMix64(seed: 3)
        let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        for length in 0...bytes.count {
            let prefix = Array(bytes[0..<length])
            #expect(CRC32.checksum(prefix) == Self.bitwise(prefix), "length \(length)")
        }
        for split in [0, 1, 5, 8, 13, 150, 299, 300] {
            var crc = CRC32()
            bytes[0..<split].withUnsafeBytes { crc.update($0) }
            bytes[split...].withUnsafeBytes { crc.update($0) }
            #expect(crc.value == Self.bitwise(bytes), "split \(split)")
        }
    }

    @Test("Long inputs at every alignment, where whole 16-byte blocks go through the folding kernel")
    func longInputs() {
        var rng = SplitMix64(seed: 9)
        let bytes = (0..<4200).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        for (offset, length) in [(0, 64), (1, 64), (3, 79), (7, 80), (15, 1000), (2, 4096), (5, 4195)] {
            let part = Array(bytes[offset..<(offset + length)])
            #expect(CRC32.checksum(part) == Self.bitwise(part), "offset \(offset), length \(length)")
        }
        var crc = CRC32()
        bytes[0..<1234].withUnsafeBytes { crc.update($0) }
        bytes[1234...].withUnsafeBytes { crc.update($0) }
        #expect(crc.value == Self.bitwise(bytes))
    }
}
