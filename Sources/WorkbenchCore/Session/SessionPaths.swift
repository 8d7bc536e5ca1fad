import Foundation
import XMR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decides which paths a session may delete: only those inside the sessions directory once
/// every symbolic link is resolved.
///
/// A session file is meant to be shared, so the model folders it names are not trusted: an
/// absolute path, a `..` that leaves the directory, or a link pointing out of it is refused.
enum SessionPaths {
    /// The folder `relative` names inside `directory`, checked to lie inside it (the directory
    /// itself excluded) with symbolic links resolved; nil when nothing exists there.
    static func contained(_ relative: String, in directory: URL, shown: (URL) -> String) throws -> URL? {
        let refused = { (reason: String) in
            SessionError.outsideSessions(folder: PrintableText.escaped(relative), reason: reason)
        }
        if let problem = lexicalProblem(relative) { throw refused(problem) }
        let lexical = directory.appendingPathComponent(relative, isDirectory: true).standardizedFileURL
        guard isStrictlyInside(lexical.path, directory.standardizedFileURL.path) else {
            throw refused("leaves the sessions folder")
        }
        var info = stat()
        guard lstat(lexical.path, &info) == 0 else { return nil }
        guard let realDirectory = realPath(directory.path) else {
            throw refused("cannot be checked: the sessions folder does not resolve")
        }
        // The folder's parent resolved, plus its own name: a link as the last component is
        // removed as a link, never followed.
        let parent = lexical.deletingLastPathComponent().path
        guard let realParent = realPath(parent) else { throw refused("cannot be checked: its parent folder does not resolve") }
        let resolved = (realParent.hasSuffix("/") ? realParent : realParent + "/") + lexical.lastPathComponent
        guard isStrictlyInside(resolved, realDirectory) else {
            throw refused("resolves to \(PrintableText.escaped(resolved)), outside the sessions folder (a symbolic link?)")
        }
        return URL(fileURLWithPath: resolved)
    }

    /// Why the run folder `relative` cannot lie inside the sessions folder, judged from the
    /// text alone (absolute, or a `..` component, or empty), or nil.
    static func lexicalProblem(_ relative: String) -> String? {
        if relative.hasPrefix("/") { return "is an absolute path" }
        if relative.utf8.contains(0) { return "contains a NUL byte" }
        let parts = relative.split(separator: "/")
        if parts.contains("..") { return "leaves the sessions folder (..)" }
        if parts.allSatisfy({ $0 == "." }) { return "is the sessions folder itself" }
        return nil
    }

    /// True when `path` lies strictly inside `folder` (both absolute, without `.` or `..`).
    static func isStrictlyInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) && path.count > prefix.count
    }

    /// `path` with every symbolic link resolved, or nil when it cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Removes `url`: a symbolic link as a link (never following it), a folder recursively.
    static func removeEntry(_ url: URL) throws {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard unlink(url.path) == 0 else {
                throw SessionError.writeFailed(file: url.path, reason: String(cString: strerror(errno)))
            }
            return
        }
        try FileManager.default.removeItem(at: url)
    }
}
