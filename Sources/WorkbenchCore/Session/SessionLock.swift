import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a session's lock file, held for as long as this object lives.
///
/// The lock file (`.NAME.lock` beside `NAME.json`) stays on disk; it records the holder's
/// process id so that a second workbench can say who has the session open. The kernel drops
/// the lock when the process ends, however it ends, so a crash never leaves a session locked.
public final class SessionLock: Sendable {
    private let descriptor: Int32
    /// The lock file.
    public let file: URL

    private init(descriptor: Int32, file: URL) {
        self.descriptor = descriptor
        self.file = file
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock on `file` for `session`; throws `SessionError.locked` when another process
    /// holds it, returns nil when the file cannot be created.
    static func acquire(at file: URL, session: String) throws -> SessionLock? {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return nil }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.holder(fd)
            close(fd)
            throw SessionError.locked(name: session, process: holder)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return SessionLock(descriptor: fd, file: file)
    }

    /// The process id recorded in the lock file, if it reads as one.
    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
