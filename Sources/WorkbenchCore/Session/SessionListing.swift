import Foundation

/// One line of `xmr sessions list`: a session file summarized, or why it cannot be read.
public struct SessionListing: Sendable, Equatable {
    /// The session's name (the file name without `.json`).
    public var name: String
    /// The session, when the file could be read.
    public var session: WorkbenchSession?
    /// Why the file could not be read, when it could not.
    public var problem: String?

    /// Creates a listing.
    public init(name: String, session: WorkbenchSession?, problem: String?) {
        self.name = name
        self.session = session
        self.problem = problem
    }

    /// The best P@1 over the session's runs, if it has any.
    public var bestPrecisionAt1: Double? { session?.runs.map(\.metrics.precisionAt1).max() }
}
