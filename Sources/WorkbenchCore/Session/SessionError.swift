/// Why a session could not be named, found, read or written; each a one-line message.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The name is not usable as a session name.
    case invalidName(String, reason: String)
    /// No session file of this name exists.
    case notFound(name: String, file: String)
    /// The file exists but is not a valid session; `reason` says what is wrong.
    case corrupted(file: String, reason: String)
    /// The file was written by a newer xmr.
    case newerFormat(file: String, version: Int)
    /// Writing or moving a file failed.
    case writeFailed(file: String, reason: String)
    /// Another process (a workbench) holds the session's lock.
    case locked(name: String, process: Int?)
    /// A run's model folder lies outside the sessions directory, so it is not deleted.
    case outsideSessions(folder: String, reason: String)

    /// A one-line description naming the file or the name.
    public var description: String {
        switch self {
        case let .invalidName(name, reason): "invalid session name \"\(name)\": \(reason)"
        case let .notFound(name, file): "no session named \(name) (\(file) does not exist)"
        case let .corrupted(file, reason): "\(file): not a valid session file (\(reason))"
        case let .newerFormat(file, version):
            "\(file): written by a newer xmr (session format \(version), this build reads up to "
                + "\(WorkbenchSession.currentFormatVersion))"
        case let .writeFailed(file, reason): "\(file): cannot save (\(reason))"
        case let .locked(name, process):
            "session \(name) is open in another workbench\(process.map { " (process \($0))" } ?? ""); "
                + "close it there first, or use another session (--session OTHER)"
        case let .outsideSessions(folder, reason):
            "not deleting the model folder \(folder): it \(reason); xmr deletes only inside the sessions folder"
        }
    }
}
