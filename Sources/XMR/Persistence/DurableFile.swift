import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way xmr writes a file it may later replace: the bytes go to a temporary file beside
/// the target, are flushed to disk (fsync), and are renamed over the target, whose folder is then
/// flushed too. A kill or a power loss at any moment leaves the old file or the new one, whole.
///
/// Foundation's `Data.write(options: .atomic)` renames without flushing, so after a power loss
/// the new name may point at a file whose bytes never reached the disk; every save goes through
/// here instead.
public enum DurableFile {
    /// Why a write failed: the system's one-line reason (the caller names the file).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// The reason, for example "No space left on device".
        public let reason: String
        /// The reason.
        public var description: String { reason }
    }

    /// The prefix of the temporary files `replace` makes beside `url` (`.NAME.tmp-PID-`), which
    /// `StaleTemporaries` recognizes.
    static func temporaryPrefix(of url: URL) -> String { ".\(url.lastPathComponent).tmp-\(getpid())-" }

    /// Replaces (or creates) `url` with `data`, atomically and durably (see the type). A temporary
    /// file of a killed earlier write of `url` (`.NAME.tmp-PID-TOKEN` of a dead process) is removed.
    ///
    /// `midway` runs when half the bytes are written and `beforeRename` when the temporary file is
    /// whole and flushed: fault-injection points. A throw there leaves the disk as a kill would (the
    /// temporary file stays, the target is untouched); any other failure removes the temporary file.
    public static func replace(_ url: URL, with data: Data, midway: (() throws -> Void)? = nil,
                               beforeRename: (() throws -> Void)? = nil) throws {
        let folder = url.deletingLastPathComponent()
        // What a killed earlier write of this file left behind.
        for stale in StaleTemporaries.find(in: folder, kinds: ["tmp"]) where stale.name == url.lastPathComponent {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(stale.entry))
        }
        let temporary = folder.appendingPathComponent(temporaryPrefix(of: url) + "\(UInt32.random(in: 0...UInt32.max))")
        try create(temporary, with: data, midway: midway)
        try beforeRename?()
        guard rename(temporary.path, url.path) == 0 else {
            let failure = Failure(reason: String(cString: strerror(errno)))
            unlink(temporary.path)
            throw failure
        }
        syncFolder(folder)
    }

    /// Writes `data` to the new file `url` (it must not exist) and flushes it to disk. On a
    /// failure other than a throw from `midway`, the partial file is removed.
    public static func create(_ url: URL, with data: Data, midway: (() throws -> Void)? = nil) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        var reason: String?
        do {
            try data.withUnsafeBytes { raw in
                let half = raw.count / 2
                reason = writeAll(descriptor, UnsafeRawBufferPointer(rebasing: raw[0..<half]))
                if reason == nil, let midway { try midway() }
                if reason == nil { reason = writeAll(descriptor, UnsafeRawBufferPointer(rebasing: raw[half...])) }
            }
        } catch {
            close(descriptor)
            throw error
        }
        if reason == nil, fsync(descriptor) != 0 { reason = String(cString: strerror(errno)) }
        if close(descriptor) != 0, reason == nil { reason = String(cString: strerror(errno)) }
        if let reason {
            unlink(url.path)
            throw Failure(reason: reason)
        }
    }

    /// Flushes the entries of folder `url` (names created, renamed or removed in it) to disk.
    /// Best effort: a file system that cannot sync a folder has nothing more to give.
    public static func syncFolder(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Writes all of `bytes` to `descriptor`, retrying short writes and interruptions; the reason
    /// when it fails.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, base + done, bytes.count - done)
            #else
            let written = Darwin.write(descriptor, base + done, bytes.count - done)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            done += written
        }
        return nil
    }
}
