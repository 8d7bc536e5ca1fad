/// A line editor that owns the keyboard while a line prompt is active (GNU readline in `xmr`).
/// The runtime hands it the keys; it reports what it shows and what was submitted as
/// `WorkbenchEvent`s, which the reducer applies. Without one, the reducer's own `LineEditor`
/// edits the prompts (as in-process tests do).
public protocol LineInput: AnyObject {
    /// The prompt being edited, if any.
    var active: LinePrompt? { get }
    /// Starts editing `prompt`, with `history` (oldest first) and `text` already typed.
    func activate(_ prompt: LinePrompt, history: [String], text: String)
    /// Stops editing (the prompt lost the keyboard).
    func deactivate()
    /// Edits with `key`; returns what changed, as events.
    func feed(_ key: Key) -> [WorkbenchEvent]
}
