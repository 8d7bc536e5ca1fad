import Foundation

/// A text file read as lines: names, raw texts or label lists, one entry a line.
///
/// Lines end with `\n` or `\r\n`; a final line end does not start another line. When a line
/// count is expected, blank lines after the expected ones are ignored, and any other difference
/// is an error naming the file and the first line that is missing or extra.
public struct LineFile: Sendable {
    /// The lines, without their line ends.
    public var lines: [String]
    /// The path, for messages.
    public var path: String

    /// Reads the file at `url` (must be UTF-8; invalid bytes become U+FFFD).
    public init(contentsOf url: URL) throws {
        try self.init(data: DatasetError.readFile(url), path: url.path)
    }

    /// The lines of `data` (a file's bytes, or standard input; a leading UTF-8 byte-order mark is
    /// dropped); `path` names it in messages.
    public init(data: Data, path: String) {
        self.path = path
        lines = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            return Self.splitLines(UnsafeBufferPointer(rebasing: bytes[(bom ? 3 : 0)...]))
        }
    }

    /// Splits bytes into lines, dropping `\r` before `\n` and the empty piece after a final `\n`.
    private static func splitLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var result: [String] = []
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            var contentEnd = end
            if contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<contentEnd]), as: UTF8.self))
            start = end + 1
        }
        return result
    }

    /// The lines, checked to be exactly `count` (trailing blank lines beyond it are dropped).
    ///
    /// `what` says what each line should be, e.g. "one line per point of train.txt".
    public func lines(expecting count: Int, what: String) throws -> [String] {
        var result = lines
        while result.count > count, result.last!.allSatisfy({ $0 == " " || $0 == "\t" }) {
            result.removeLast()
        }
        if result.count < count {
            throw DatasetError(path: path, line: result.count + 1,
                               message: "the file ends after \(result.count) lines, but \(count) are expected (\(what))")
        }
        if result.count > count {
            if let empty = result[..<count].firstIndex(where: { $0.allSatisfy { $0 == " " || $0 == "\t" } }) {
                throw DatasetError(path: path, line: empty + 1,
                                   message: "empty line, and the file has \(result.count) lines where \(count) are expected (\(what)): a stray blank line?")
            }
            throw DatasetError(path: path, line: count + 1,
                               message: "the file has \(result.count) lines, but \(count) are expected (\(what))")
        }
        return result
    }
}
