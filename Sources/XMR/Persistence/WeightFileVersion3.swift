import Foundation

/// Reads a weight file of file version 3 (the first memory-mapped layout, of format 4 folders):
/// a 64-byte header, a directory of Int64 chunk and bucket pointers and per-chunk CRC-32s, then
/// row features (Int32), bucket starts (UInt32), row pointers (UInt32), weights (Float32) and
/// children (UInt16), every array 8-byte aligned. The level is converted to the current image;
/// the bucket index is rebuilt, so it is not read. The file's CRC-32 in `model.json` was checked
/// before.
enum WeightFileVersion3 {
    /// The level of the version-3 weight file `data` (named `file`) of level `t`.
    static func decode(_ data: Data, file: String, level t: Int) throws -> LevelWeights {
        func failure(_ message: String) -> XRLinearError { .invalidModelFile(file: file, message: message) }
        guard data.count >= WeightImage.headerBytes else { throw failure("file is truncated (\(data.count) bytes)") }
        var header = BinaryReader(data: data.prefix(WeightImage.headerBytes), file: file)
        try header.readMagic(ModelStore.weightsMagic)
        _ = try header.readUInt32()
        let storedLevel = Int(try header.readUInt32())
        guard storedLevel == t else { throw failure("holds level \(storedLevel), expected \(t)") }
        let dimension = try header.readCount(), parents = try header.readCount(), rows = try header.readCount()
        let entries = try header.readCount(), slots = try header.readCount()
        guard entries <= LevelWeights.maxNonzeros else {
            throw failure("has \(entries) weights; xmr stores at most \(LevelWeights.maxNonzeros) per level")
        }
        func aligned(_ n: Int) -> Int { (n + 7) & ~7 }
        let chunkPointers = WeightImage.headerBytes
        let rowFeatures = aligned(chunkPointers + 16 * (parents + 1) + 4 * parents)
        let bucketStarts = aligned(rowFeatures + 4 * rows)
        let rowPointers = aligned(bucketStarts + 4 * slots)
        let entryValues = aligned(rowPointers + 4 * (rows + 1))
        let entryChildren = aligned(entryValues + 4 * entries)
        let total = aligned(entryChildren + 2 * entries)
        guard total == data.count else {
            throw failure(data.count < total ? "file is truncated (\(data.count) of \(total) bytes)"
                                             : "has \(data.count - total) unexpected trailing bytes")
        }
        func reader(at offset: Int) -> BinaryReader {
            BinaryReader(data: data[(data.startIndex + offset)...], file: file)
        }
        var r = reader(at: chunkPointers)
        let chunks = try r.readOffsets(parents + 1)
        r = reader(at: rowFeatures)
        let features = try r.readInt32s(rows)
        r = reader(at: rowPointers)
        let pointers = try r.readUInt32s(rows + 1)
        r = reader(at: entryValues)
        let values = try r.readFloats(entries)
        r = reader(at: entryChildren)
        let children = try r.readUInt16s(entries)
        return LevelWeights(dimension: dimension, chunkPointers: chunks, rowFeatures: features, rowPointers: pointers,
                            entryChildren: children, entryValues: values, level: t)
    }
}
