import Foundation
import Testing
@testable import XMR

@Suite("The first-use check of a chunk's index block")
struct ChunkCheckTests {
    /// Reads entry `i` of an index array at byte `offset` of `block`, `width` bytes wide.
    static func load(_ block: UnsafeRawPointer, _ offset: Int, _ i: Int, width: Int) -> Int {
        switch width {
        case 1: Int(block.load(fromByteOffset: offset + i, as: UInt8.self))
        case 2: Int(block.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self))
        default: Int(block.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self))
        }
    }

    /// Whether chunk `k`'s index block is well formed, checked row by row and entry by entry in
    /// the plainest way: the reference the engine's branch-free check must agree with.
    static func referenceAccepts(_ image: WeightImage, chunk k: Int, childCount: Int) -> Bool {
        let shape = image.shape(k)
        guard shape.rows > 0 else { return true }
        let block = image.index + image.indexPointers.buffer[k]
        let shift = shape.shift(dimensionBits: image.dimensionBits), buckets = shape.buckets
        func slot(_ i: Int) -> Int { load(block, 0, i, width: shape.slotWidth) }
        guard slot(0) == 0, slot(1) == 0, slot(2 * buckets) == shape.rows, slot(2 * buckets + 1) == shape.entries else { return false }
        for b in 0..<buckets {
            let lo = slot(2 * b), hi = slot(2 * b + 2)
            var entry = slot(2 * b + 1)
            guard lo <= hi, hi <= shape.rows, entry <= slot(2 * b + 3) else { return false }
            var previous = -1
            for r in lo..<hi {
                let low = load(block, shape.lowsOffset, r, width: shape.lowWidth)
                guard low > previous, low >> shift == 0, (b << shift) | low < image.dimension else { return false }
                previous = low
                entry += load(block, shape.countsOffset, r, width: shape.entryWidth) + 1
            }
            guard entry == slot(2 * b + 3) else { return false }
        }
        for e in 0..<shape.entries where load(block, shape.childrenOffset, e, width: shape.entryWidth) >= childCount { return false }
        return true
    }

    /// An unchecked in-memory copy of `image`, its bytes first changed by `damage`.
    static func copy(of image: WeightImage, damage: (UnsafeMutableRawBufferPointer) -> Void = { _ in }) -> WeightImage {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: image.bytes.count, alignment: 16)
        bytes.copyMemory(from: image.bytes)
        damage(bytes)
        return WeightImage(bytes: UnsafeRawBufferPointer(bytes), path: nil, isMapped: false, level: image.level,
                           dimension: image.dimension, layout: image.layout)
    }

    @Test("Damaged index blocks are rejected exactly when a plain row-by-row check rejects them")
    func agreesWithReference() throws {
        let (model, _, _) = try XRLinearModelTests.trained()
        var rejected = 0, accepted = 0
        for (i, level) in model.levels.enumerated() {
            let image = level.image
            let childPointers = model.tree.childPointers[i]
            for k in 0..<image.layout.parents {
                let childCount = childPointers[k + 1] - childPointers[k]
                #expect(Self.referenceAccepts(image, chunk: k, childCount: childCount))
                #expect((try? Self.copy(of: image).checkChunk(k, childCount: childCount)) != nil)
                let start = image.layout.index + image.indexPointers.buffer[k], bytes = image.shape(k).bytes
                // Every byte of the block, each with a low and a high bit flipped, and set to 0xFF.
                for position in start..<(start + bytes) {
                    for damage in [{ (b: UInt8) in b ^ 0x01 }, { $0 ^ 0x80 }, { _ in 0xFF }] {
                        let damaged = Self.copy(of: image) { $0[position] = damage($0[position]) }
                        let expected = Self.referenceAccepts(damaged, chunk: k, childCount: childCount)
                        let passed = (try? damaged.checkChunk(k, childCount: childCount)) != nil
                        #expect(passed == expected, "level \(i + 1) chunk \(k) byte \(position - start): check \(passed), reference \(expected)")
                        if expected { accepted += 1 } else { rejected += 1 }
                    }
                }
            }
        }
        // Both outcomes occur, so the agreement is not vacuous.
        #expect(rejected > 100 && accepted > 100, "rejected \(rejected), accepted \(accepted)")
    }
}
