import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input file whole, refusing anything that is not a regular file before reading a byte.
///
/// A folder, a FIFO, a device (`/dev/zero`) or a socket where a file should be gets a plain
/// reason instead of a Foundation error, and never a hang: the file is opened non-blocking and
/// checked with `fstat` first.
public enum InputFile {
    /// Why a file could not be read, in words (no path: callers add it).
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        /// What is wrong, e.g. "is a folder, not a file".
        public var reason: String
        /// True when nothing exists at the path.
        public var isMissing: Bool
        /// The reason.
        public var description: String { reason }
    }

    /// The bytes of the regular file at `url`, read whole (Foundation on Linux does not map them;
    /// weight files, HNSW indexes and safetensors are mapped by their own readers instead).
    public static func read(_ url: URL) throws -> Data {
        try checkRegularFile(url)
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ReadError(reason: "cannot read the file (\(InputFile.reason(error)))", isMissing: false)
        }
    }

    /// Throws (a `DatasetError` naming `url`) unless `url` is absent, empty, or a regular file
    /// whose first line `isOurs` accepts as one xmr writes (`kind` names such files in the
    /// message; `name`, default its path, names the file), so that an `--output` never replaces
    /// someone else's file.
    public static func checkReplaceable(_ url: URL, named name: String? = nil, kind: String,
                                        isOurs: (Substring) -> Bool) throws {
        let shown = name ?? url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard !isDirectory.boolValue else { throw DatasetError(path: shown, message: "is a folder; not replacing it") }
        do { try checkRegularFile(url) } catch {
            throw DatasetError(path: shown, message: "\(reason(error)); not replacing it")
        }
        let head = FileHandle(forReadingAtPath: url.path).flatMap { try? $0.read(upToCount: 4096) } ?? Data()
        guard !head.isEmpty else { return }
        let firstLine = String(decoding: head, as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard isOurs(firstLine) else {
            throw DatasetError(path: shown, message: "exists and is not \(kind); not replacing it")
        }
    }

    /// Throws unless `url` names a regular file that this process can open for reading.
    public static func checkRegularFile(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw ReadError(reason: "no such file", isMissing: true)
            }
            throw ReadError(reason: "cannot open the file (\(String(cString: strerror(code))))", isMissing: false)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ReadError(reason: "cannot inspect the file (\(String(cString: strerror(errno))))", isMissing: false)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw ReadError(reason: "is a folder, not a file", isMissing: false)
        case S_IFIFO: throw ReadError(reason: "is a FIFO (named pipe), not a regular file", isMissing: false)
        case S_IFCHR, S_IFBLK: throw ReadError(reason: "is a device, not a regular file", isMissing: false)
        case S_IFSOCK: throw ReadError(reason: "is a socket, not a regular file", isMissing: false)
        default: throw ReadError(reason: "is not a regular file", isMissing: false)
        }
    }

    /// A short reason for a Foundation file error, without the path (callers name the file once).
    public static func reason(_ error: Error) -> String {
        if let refused = error as? ReadError { return refused.reason }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if ns.domain == NSCocoaErrorDomain && (ns.code == NSFileReadNoSuchFileError || ns.code == NSFileNoSuchFileError) {
            return "no such file"
        }
        return ns.localizedDescription
    }
}
