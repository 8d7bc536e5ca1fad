/// One input event from the terminal, already decoded by the backend.
public enum Key: Sendable, Hashable {
    /// A typed grapheme; control keys arrive as control characters (Ctrl-A is U+0001).
    case character(Character)
    /// Alt (Meta) plus a character: the terminal sent Esc and the character together.
    case alt(Character)
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Return or Enter.
    case enter
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Escape.
    case escape
    /// Backspace (erase to the left).
    case backspace
    /// Delete (erase under the cursor).
    case delete
    /// Home.
    case home
    /// End.
    case end
    /// Page up.
    case pageUp
    /// Page down.
    case pageDown
    /// The terminal now has `width` columns and `height` rows.
    case resize(width: Int, height: Int)
    /// A mouse click at column `x`, row `y`.
    case mouse(x: Int, y: Int)
    /// A key the backend could not decode; it does nothing.
    case unknown

    /// Ctrl plus a letter, e.g. `Key.control("a")` for Ctrl-A.
    public static func control(_ letter: Character) -> Key {
        let value = letter.lowercased().unicodeScalars.first!.value
        return .character(Character(Unicode.Scalar(value - 0x60)!))
    }

    /// The keys a string types, one `.character` per grapheme (handy in tests).
    public static func typing(_ text: String) -> [Key] { text.map { .character($0) } }

    /// The typed grapheme when this is a printable character (not a control character).
    public var printable: Character? {
        guard case .character(let c) = self, let scalar = c.unicodeScalars.first,
              scalar.value >= 0x20, scalar.value != 0x7F else { return nil }
        return c
    }

    /// True when this is Ctrl plus `letter`.
    public func isControl(_ letter: Character) -> Bool { self == Key.control(letter) }
}
