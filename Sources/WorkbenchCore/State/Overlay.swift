/// A modal layer drawn over the current screen.
public enum Overlay: Sendable, Hashable {
    /// The key reference (`?`).
    case help
    /// "A training is running. Quit anyway? y/n".
    case confirmQuit
    /// "Delete run N and its model folder? y/n".
    case confirmDeleteRun(Int)
}
