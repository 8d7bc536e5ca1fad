/// A one-line text prompt that a line editor (GNU readline in the terminal, `LineEditor` in tests)
/// drives: the Query screen's prompt or the Tree screen's label search.
public enum LinePrompt: Sendable, Hashable {
    /// The Query screen's free-text prompt (history saved with the session).
    case query
    /// The Tree screen's label-name search.
    case treeSearch
}
