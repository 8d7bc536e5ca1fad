import Foundation

/// Reads lines from a file descriptor (standard input by default) in blocks of whatever has arrived.
///
/// A block is every complete line received by the time one `read(2)` returns (at most
/// `maxLines`, at least one): from a file that is many lines at once, from a person or a slow
/// program one line as soon as it is typed, so answers can stream back line by line. Lines end
/// with `\n` or `\r\n`; a last line without one counts when the input ends. Invalid UTF-8 becomes U+FFFD.
public struct LineBlockReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    /// Lines handed out so far.
    public private(set) var linesRead = 0

    /// A reader of `descriptor` (0, standard input, by default); the descriptor stays open.
    public init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
    }

    /// The next block of lines, or nil once the input has ended and every line was returned.
    public mutating func nextBlock(maxLines: Int = 4096) throws -> [String]? {
        precondition(maxLines >= 1, "a block holds at least one line")
        while !ended && !buffer[start...].contains(UInt8(ascii: "\n")) { try fill() }
        var lines: [String] = []
        while lines.count < maxLines, let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var lineEnd = end
            if lineEnd > start && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            lines.append(String(decoding: buffer[start..<lineEnd], as: UTF8.self))
            start = end + 1
        }
        if lines.isEmpty && ended && start < buffer.count {
            lines.append(String(decoding: buffer[start...], as: UTF8.self))
            start = buffer.count
        }
        if start > 1 << 16 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        linesRead += lines.count
        return lines.isEmpty ? nil : lines
    }

    /// Appends what one `read(2)` returns; notes the end of the input.
    private mutating func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return }
            if n == 0 { ended = true; return }
            if errno == EINTR { continue }
            throw DatasetError(path: "standard input", message: "cannot read it (\(String(cString: strerror(errno))))")
        }
    }
}
