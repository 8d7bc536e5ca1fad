import Foundation

/// Reads an Extreme Classification Repository text file a block of points at a time, so a huge
/// file is ranked holding one block of queries (not the whole matrix) in memory.
///
/// The file is memory-mapped (read-only, only the pages of the blocks read are touched); each
/// block is parsed by the same rules as
/// `XMCTextFile`, with errors naming the file and line. The check that header counts are not far
/// beyond the ids in use (`XMCTextFile.unusedCountAllowance`) needs the whole file and is not made.
public struct XMCTextBlockReader {
    private let region: IndexRegion
    /// The file, for errors.
    public let path: String
    /// Points, features and labels the header declares.
    public let pointCount: Int, featureCount: Int, labelCount: Int
    /// Points handed out so far.
    public private(set) var pointsRead = 0
    private var position: Int

    /// Opens the file at `url` and reads its header.
    public init(contentsOf url: URL) throws {
        do { try InputFile.checkRegularFile(url) } catch let error as InputFile.ReadError {
            throw DatasetError(path: url.path, message: error.reason)
        }
        do { region = try IndexRegion(mapping: url.path) } catch let ANNError.invalidIndexFile(_, message) {
            throw DatasetError(path: url.path, message: message.hasPrefix("file is truncated") ? "the file is empty" : message)
        }
        path = url.path
        var parser = XMCTextParser(bytes: Self.bytes(of: region), path: path)
        let header = try parser.header()
        position = parser.resumePosition
        (pointCount, featureCount, labelCount) = header
    }

    /// The mapped bytes (valid while `region` lives).
    private static func bytes(of region: IndexRegion) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: region.base.assumingMemoryBound(to: UInt8.self), count: region.byteCount)
    }

    /// The next block of at most `maxPoints` points, or nil after the last point.
    public mutating func nextBlock(maxPoints: Int = 4096) throws -> XMCTextFile? {
        precondition(maxPoints >= 1, "a block holds at least one point")
        guard pointsRead < pointCount else { return nil }
        let range = pointsRead..<min(pointCount, pointsRead + maxPoints)
        var parser = XMCTextParser(bytes: Self.bytes(of: region), path: path, resumingAt: position)
        let block = try withExtendedLifetime(region) {
            try parser.parsePoints(range, declared: pointCount, featureCount: featureCount, labelCount: labelCount)
        }
        position = parser.resumePosition
        pointsRead = range.upperBound
        return block
    }
}
