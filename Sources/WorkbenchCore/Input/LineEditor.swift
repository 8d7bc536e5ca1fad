import Foundation

/// A one-line text editor with a cursor and a history.
///
/// In the terminal, the Query prompt and the Tree search are edited by GNU readline (see
/// `LinePrompt`); this value then only holds what readline shows (`show(text:cursor:)`) and the
/// history (`record(_:)`). It still edits the Train form's fields and the Runs screen's lines, and
/// it is the line editor of in-process tests, where no readline runs.
///
/// Keys: ←/→ (Ctrl-B/F) move; Home/End (Ctrl-A/E) jump; Backspace/Delete (Ctrl-D) erase;
/// Ctrl-K kills to the end, Ctrl-U to the start, Ctrl-W the word before the cursor; ↑/↓ walk the
/// history; Enter submits; Esc cancels.
public struct LineEditor: Sendable, Hashable {
    /// What one key did to the editor.
    public enum Outcome: Sendable, Equatable {
        /// The text or cursor changed (or the key was consumed without a visible change).
        case edited
        /// Enter: the text was submitted (and recorded in the history when not empty).
        case submitted(String)
        /// Esc: the user left the editor.
        case cancelled
        /// The editor does not handle this key.
        case ignored
    }

    /// The text being edited, one grapheme per element.
    public private(set) var characters: [Character]
    /// Cursor position: 0 ... characters.count.
    public private(set) var cursor: Int
    /// Submitted lines, oldest first.
    public private(set) var history: [String]
    /// The history entry shown, when walking the history.
    public private(set) var historyIndex: Int?
    /// The unsubmitted text saved while walking the history.
    private var draft: [Character]
    /// Upper bound on the stored history.
    public var historyLimit: Int

    /// Creates an editor holding `text`, cursor at the end.
    public init(text: String = "", history: [String] = [], historyLimit: Int = 100) {
        self.characters = Array(text)
        self.cursor = characters.count
        self.history = history
        self.historyIndex = nil
        self.draft = []
        self.historyLimit = historyLimit
    }

    /// The current text.
    public var text: String { String(characters) }

    /// Replaces the text and moves the cursor to its end.
    public mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
        historyIndex = nil
    }

    /// Shows `text` with the cursor before character `cursor` (what an outside editor displays).
    public mutating func show(text: String, cursor: Int) {
        characters = Array(text)
        self.cursor = min(max(0, cursor), characters.count)
        historyIndex = nil
    }

    /// Records a submitted line in the history (not a blank one, nor a repeat of the last).
    public mutating func record(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, history.last != line else { return }
        history.append(line)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
    }

    /// Handles one key.
    public mutating func handle(_ key: Key) -> Outcome {
        if let c = key.printable {
            characters.insert(c, at: cursor)
            cursor += 1
            historyIndex = nil
            return .edited
        }
        switch key {
        case .left, Key.control("b"): cursor = max(0, cursor - 1)
        case .right, Key.control("f"): cursor = min(characters.count, cursor + 1)
        case .home, Key.control("a"): cursor = 0
        case .end, Key.control("e"): cursor = characters.count
        case .backspace, .character("\u{7F}"), Key.control("h"):
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete, Key.control("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case Key.control("k"): characters.removeSubrange(cursor...)
        case Key.control("u"):
            characters.removeSubrange(..<cursor)
            cursor = 0
        case Key.control("w"): deleteWordBeforeCursor()
        case .up: showHistory(step: -1)
        case .down: showHistory(step: 1)
        case .enter: return submit()
        case .escape: return .cancelled
        default: return .ignored
        }
        return .edited
    }

    /// Submits the text: records it in the history, clears the editor and returns the text.
    private mutating func submit() -> Outcome {
        let line = text
        record(line)
        characters = []
        cursor = 0
        historyIndex = nil
        draft = []
        return .submitted(line)
    }

    /// Ctrl-W: deletes the spaces before the cursor, then the word before them.
    private mutating func deleteWordBeforeCursor() {
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Moves through the history (-1 older, +1 newer); past the newest entry the draft returns.
    private mutating func showHistory(step: Int) {
        guard !history.isEmpty else { return }
        if historyIndex == nil {
            guard step < 0 else { return }
            draft = characters
            historyIndex = history.count - 1
        } else if let index = historyIndex {
            let next = index + step
            if next < 0 { return }
            if next >= history.count {
                historyIndex = nil
                characters = draft
                cursor = characters.count
                return
            }
            historyIndex = next
        }
        characters = Array(history[historyIndex!])
        cursor = characters.count
    }
}
