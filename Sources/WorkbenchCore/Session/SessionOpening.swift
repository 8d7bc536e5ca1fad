/// What `SessionStore.open` found: the session to work in and what the user should be told.
public struct SessionOpening: Sendable, Equatable {
    /// The session (resumed, or fresh).
    public var session: WorkbenchSession
    /// True when the session did not exist (or was unreadable) and a fresh one was started.
    public var isNew: Bool
    /// A one-line notice for the status line (e.g. a corrupted file moved aside), if any.
    public var notice: String?

    /// Creates an opening.
    public init(session: WorkbenchSession, isNew: Bool, notice: String?) {
        self.session = session
        self.isNew = isNew
        self.notice = notice
    }
}
