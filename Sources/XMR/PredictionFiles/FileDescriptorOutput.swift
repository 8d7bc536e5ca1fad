import Foundation

/// Text output to a file descriptor (standard output by default), buffered until `flush()`.
///
/// Writing goes straight to `write(2)`, so a flushed block is in the pipe at once, whatever the C
/// library's buffering of `stdout`. A reader that closed the pipe (`head -1`) is reported as
/// `FileDescriptorOutput.Failure.closed`, which callers treat as a normal end.
public final class FileDescriptorOutput: TextOutput {
    /// Why a write failed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The reading end is closed (EPIPE): nobody wants more output.
        case closed
        /// Another write error, with its `errno` text.
        case failed(String)

        /// A one-line description.
        public var description: String {
            switch self {
            case .closed: return "the output was closed by its reader"
            case let .failed(reason): return "cannot write the output (\(reason))"
            }
        }
    }

    private let descriptor: Int32
    private var pending: [UInt8] = []

    /// Output to `descriptor` (1, standard output, by default); the descriptor stays open.
    public init(descriptor: Int32 = 1) {
        self.descriptor = descriptor
    }

    /// Appends `text` to the pending bytes.
    public func write(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 20 { try flush() }
    }

    /// Writes the pending bytes to the descriptor, retrying short writes and interruptions.
    public func flush() throws {
        var offset = 0
        defer { pending.removeFirst(offset) }
        while offset < pending.count {
            let written = pending.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written >= 0 { offset += written; continue }
            if errno == EINTR { continue }
            if errno == EPIPE { throw Failure.closed }
            throw Failure.failed(String(cString: strerror(errno)))
        }
    }
}
