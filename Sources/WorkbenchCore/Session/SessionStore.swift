import Foundation
import XMR
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes sessions in one directory: `NAME.json` per session, run models under
/// `NAME/run-N/`, and `.last` naming the session opened last.
///
/// Saves write a temporary file beside the target (`.NAME.json.tmp-PID`) and rename it over the
/// target, so an interrupted save leaves the previous file intact. A file that cannot be read is
/// reported with a one-line message naming it, and `open` moves it aside to `NAME.json.corrupt-N`
/// and starts a fresh session rather than refusing to start.
public struct SessionStore: Sendable {
    /// The file extension of session files.
    public static let fileExtension = "json"
    /// The file remembering the last session.
    public static let lastSessionFile = ".last"
    /// The example session committed under sessions/ (plain `xmr` opens it the first time); using
    /// it never changes it: the first change moves to a copy.
    public static let exampleSession = "example"

    /// The sessions directory.
    public let directory: URL

    /// A store on `directory` (created on the first save).
    public init(directory: URL) {
        self.directory = directory.standardizedFileURL
    }

    // MARK: - Paths

    /// The file of session `name`.
    public func file(of name: String) -> URL {
        directory.appendingPathComponent("\(name).\(Self.fileExtension)")
    }

    /// The folder holding session `name`'s run models.
    public func folder(of name: String) -> URL {
        directory.appendingPathComponent(name, isDirectory: true)
    }

    /// `relative` (a run's `modelFolder`) as a URL inside the sessions directory.
    public func url(ofModelFolder relative: String) -> URL {
        relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : directory.appendingPathComponent(relative, isDirectory: true)
    }

    /// The dataset folder of `session` (its stored path resolved against the sessions directory).
    public func datasetURL(of session: WorkbenchSession) -> URL {
        let path = session.datasetPath
        if path.hasPrefix("/") { return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL }
        return directory.appendingPathComponent(path, isDirectory: true).standardizedFileURL
    }

    /// How a session stores `dataset`: relative to the sessions directory (`../sample-data/x`) when
    /// the dataset lies inside the sessions directory's parent, so a clone anywhere works; else absolute.
    public func storedPath(ofDataset dataset: URL) -> String {
        let target = dataset.standardizedFileURL.path
        let root = directory.deletingLastPathComponent().path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        if target.hasPrefix(prefix) { return "../" + target.dropFirst(prefix.count) }
        return target
    }

    /// A path for messages: relative to the current directory when inside it, else absolute.
    public func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let here = FileManager.default.currentDirectoryPath
        let prefix = here.hasSuffix("/") ? here : here + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    // MARK: - Reading

    /// True when a file for session `name` exists.
    public func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: file(of: name).path)
    }

    /// Loads session `name`; throws `SessionError` (not found, corrupted, newer format).
    public func load(_ name: String) throws -> WorkbenchSession {
        try SessionName.validate(name)
        let url = file(of: name)
        let shown = displayPath(url)
        let data: Data
        do {
            data = try InputFile.read(url)
        } catch let error as InputFile.ReadError {
            if error.isMissing { throw SessionError.notFound(name: name, file: shown) }
            throw SessionError.corrupted(file: shown, reason: error.reason)
        }
        return try Self.decode(data, name: name, file: shown)
    }

    /// Decodes and checks the bytes of session `name`'s file; `file` names it in errors.
    static func decode(_ data: Data, name: String, file shown: String) throws -> WorkbenchSession {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let version: Int
        do {
            version = try decoder.decode(FormatProbe.self, from: data).formatVersion ?? WorkbenchSession.currentFormatVersion
        } catch {
            throw SessionError.corrupted(file: shown, reason: Self.describe(error))
        }
        if version > WorkbenchSession.currentFormatVersion {
            throw SessionError.newerFormat(file: shown, version: version)
        }
        let session: WorkbenchSession
        do {
            session = try decoder.decode(WorkbenchSession.self, from: data)
        } catch {
            throw SessionError.corrupted(file: shown, reason: Self.describe(error))
        }
        guard session.name == name else {
            throw SessionError.corrupted(file: shown, reason: "it names the session \"\(PrintableText.escaped(session.name))\"")
        }
        if let problem = session.problem() {
            throw SessionError.corrupted(file: shown, reason: problem)
        }
        return session
    }

    /// Opens session `name` for the workbench: resumes it when its file reads, starts a fresh one on
    /// `datasetPath` when there is none, and when the file is unreadable moves it aside to
    /// `NAME.json.corrupt-N`, starts fresh and says so in `notice`.
    public func open(_ name: String, datasetPath: String) throws -> SessionOpening {
        do {
            return SessionOpening(session: try load(name), isNew: false, notice: nil)
        } catch SessionError.notFound {
            return SessionOpening(session: WorkbenchSession(name: name, datasetPath: datasetPath), isNew: true, notice: nil)
        } catch let error as SessionError {
            switch error {
            case .corrupted, .newerFormat:
                let aside = try moveAside(name)
                let notice = "\(error); moved it to \(aside.lastPathComponent) and started a fresh session"
                return SessionOpening(session: WorkbenchSession(name: name, datasetPath: datasetPath), isNew: true,
                                      notice: notice)
            default:
                throw error
            }
        }
    }

    /// Every session file in the directory, by name; unreadable ones carry their problem.
    public func list() -> [SessionListing] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".\(Self.fileExtension)") }
            .map { String($0.dropLast(Self.fileExtension.count + 1)) }
            .filter(SessionName.isValid)
            .sorted()
            .map { name in
                do {
                    return SessionListing(name: name, session: try load(name), problem: nil)
                } catch {
                    return SessionListing(name: name, session: nil, problem: "\(error)")
                }
            }
    }

    /// The session opened last, if one was remembered and still exists.
    public var lastSessionName: String? {
        let url = directory.appendingPathComponent(Self.lastSessionFile)
        guard let data = FileManager.default.contents(atPath: url.path),
              let name = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              SessionName.isValid(name), exists(name) else { return nil }
        return name
    }

    // MARK: - Writing

    /// Saves `session` atomically as `NAME.json` (creating the directory when needed), merged
    /// with what the file holds now: a run saved there by another writer is kept unless this
    /// session deleted it (runs are merged by number; see `WorkbenchSession.merged(withStored:)`).
    /// Returns the session as written.
    @discardableResult
    public func save(_ session: WorkbenchSession) throws -> WorkbenchSession {
        try SessionName.validate(session.name)
        var written = session
        if let stored = try? load(session.name) { written = session.merged(withStored: stored) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(written)
        try writeAtomically(data + Data("\n".utf8), to: file(of: session.name))
        // Leftovers of trainings killed while they wrote a run model (their process is gone).
        StaleTemporaries.remove(in: folder(of: session.name), kinds: ["tmp", "old"])
        return written
    }

    /// Remembers `name` as the session `xmr` reopens.
    public func rememberLast(_ name: String) throws {
        try SessionName.validate(name)
        try writeAtomically(Data((name + "\n").utf8), to: directory.appendingPathComponent(Self.lastSessionFile))
    }

    /// Deletes session `name`: its file and its run models (and `.last` when it named it).
    ///
    /// Refused while a workbench holds the session's lock. Only `NAME/` inside the sessions
    /// directory is removed (a symbolic link there is removed as a link, never followed); run
    /// models that the session file places elsewhere are left alone.
    public func delete(_ name: String) throws {
        try SessionName.validate(name)
        let url = file(of: name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw SessionError.notFound(name: name, file: displayPath(url))
        }
        let lock = try self.lock(name)
        let wasLast = lastSessionName == name
        do {
            try FileManager.default.removeItem(at: url)
            try SessionPaths.removeEntry(folder(of: name))
            if wasLast { try? FileManager.default.removeItem(at: directory.appendingPathComponent(Self.lastSessionFile)) }
        } catch {
            throw SessionError.writeFailed(file: displayPath(url), reason: Self.describe(error))
        }
        withExtendedLifetime(lock) {}
    }

    /// Deletes the run model folder `relative` (a run's `modelFolder`; nothing when it is gone).
    ///
    /// Only a folder that lies inside the sessions directory, with every symbolic link resolved,
    /// is removed; anything else throws `SessionError.outsideSessions` and stays on disk.
    public func deleteModelFolder(_ relative: String) throws {
        guard let url = try SessionPaths.contained(relative, in: directory, shown: displayPath) else { return }
        do {
            try SessionPaths.removeEntry(url)
        } catch {
            throw SessionError.writeFailed(file: displayPath(url), reason: Self.describe(error))
        }
    }

    /// Deletes the model folder of `run` (see `deleteModelFolder(_:)`).
    public func deleteModelFolder(of run: SessionRun) throws {
        try deleteModelFolder(run.modelFolder)
    }

    /// Takes session `name`'s lock (`flock` on `.NAME.lock` beside the session file), held until
    /// the returned lock is released or the process ends. Throws `SessionError.locked` naming
    /// the holder's process when another process holds it. Returns nil when the lock file cannot
    /// be created (a read-only sessions directory, where nothing can be saved anyway).
    public func lock(_ name: String) throws -> SessionLock? {
        try SessionName.validate(name)
        return try SessionLock.acquire(at: directory.appendingPathComponent(".\(name).lock"), session: name)
    }

    /// Renames session `name`'s file to the first free `NAME.json.corrupt-N` and returns the new URL.
    @discardableResult
    public func moveAside(_ name: String) throws -> URL {
        let url = file(of: name)
        var n = 1
        var target = URL(fileURLWithPath: url.path + ".corrupt-\(n)")
        while FileManager.default.fileExists(atPath: target.path) {
            n += 1
            target = URL(fileURLWithPath: url.path + ".corrupt-\(n)")
        }
        do {
            try FileManager.default.moveItem(at: url, to: target)
        } catch {
            throw SessionError.writeFailed(file: displayPath(url), reason: Self.describe(error))
        }
        return target
    }

    /// Writes `data` to a temporary file beside `url`, flushes it, and renames it over `url`
    /// (`DurableFile`); on a failure `url` keeps its previous content.
    func writeAtomically(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw SessionError.writeFailed(file: displayPath(url), reason: Self.describe(error))
        }
        do {
            // A throw at the fault point leaves the temporary file and the old session, as a kill would.
            try DurableFile.replace(url, with: data, beforeRename: { try FaultInjection.reach(.sessionBeforeRename) })
        } catch let failure as DurableFile.Failure {
            throw SessionError.writeFailed(file: displayPath(url), reason: failure.reason)
        }
    }

    /// One line describing a decoding or file error.
    static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError { return describe(decoding) }
        if let session = error as? SessionError { return session.description }
        if error is CocoaError || (error as NSError).domain == NSCocoaErrorDomain {
            return InputFile.reason(error)   // Foundation's own text repeats the path
        }
        let text = (error as? LocalizedError)?.errorDescription ?? String(describing: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// One line for a `DecodingError`: what is wrong and where (a key path).
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))".replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "bad value\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type\(path(context))"
        @unknown default:
            return "unreadable"
        }
    }

    /// Just the format version, read before the whole session.
    private struct FormatProbe: Decodable {
        let formatVersion: Int?
    }
}
