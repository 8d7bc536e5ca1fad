import Foundation

/// Reads an Extreme Classification Repository text file a block of points at a time, so a huge
/// file is ranked holding one block of queries (not the whole matrix) in memory.
///
/// The file is memory-mapped (`InputFile.read`); each block is parsed by the same rules as
/// `XMCTextFile`, with errors naming the file and line. The check that header counts are not far
/// beyond the ids in use (`XMCTextFile.unusedCountAllowance`) needs the whole file and is not made.
public struct XMCTextBlockReader {
    private let data: Data
    /// The file, for errors.
    public let path: String
    /// Points, features and labels the header declares.
    public let pointCount: Int, featureCount: Int, labelCount: Int
    /// Points handed out so far.
    public private(set) var pointsRead = 0
    private var position: Int

    /// Opens the file at `url` and reads its header.
    public init(contentsOf url: URL) throws {
        data = try DatasetError.readFile(url)
        path = url.path
        let path = self.path
        let (header, position) = try data.withUnsafeBytes { raw in
            var parser = XMCTextParser(bytes: raw.bindMemory(to: UInt8.self), path: path)
            return (try parser.header(), parser.resumePosition)
        }
        (pointCount, featureCount, labelCount) = header
        self.position = position
    }

    /// The next block of at most `maxPoints` points, or nil after the last point.
    public mutating func nextBlock(maxPoints: Int = 4096) throws -> XMCTextFile? {
        precondition(maxPoints >= 1, "a block holds at least one point")
        guard pointsRead < pointCount else { return nil }
        let range = pointsRead..<min(pointCount, pointsRead + maxPoints)
        let (path, start, shape) = (self.path, position, (pointCount, featureCount, labelCount))
        let (block, next) = try data.withUnsafeBytes { raw in
            var parser = XMCTextParser(bytes: raw.bindMemory(to: UInt8.self), path: path, resumingAt: start)
            let block = try parser.parsePoints(range, declared: shape.0, featureCount: shape.1, labelCount: shape.2)
            return (block, parser.resumePosition)
        }
        position = next
        pointsRead = range.upperBound
        return block
    }
}
