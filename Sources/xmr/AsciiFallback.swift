import WorkbenchCore

/// One-column ASCII stand-ins for the UTF-8 graphics the screens use, for terminals without a
/// UTF-8 locale (and a `?` for anything else outside ASCII).
enum AsciiFallback {
    static let table: [Character: Character] = [
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+",
        "█": "#", "▉": "#", "▊": "#", "▋": "#", "▌": "#", "▍": "#", "▎": "#", "▏": "#", "░": ".",
        "▸": ">", "▾": "v", "▲": "^", "▼": "v", "✓": "*", "✗": "x", "…": "~", "‹": "<", "›": ">",
        "→": ">", "·": ".", "–": "-", "“": "\"", "”": "\"", "×": "x", "≥": ">", "↑": "^", "↓": "v",
        "←": "<", "%": "%", "┊": ":",
    ]

    /// The ASCII character drawn for `character`.
    static func map(_ character: Character) -> Character {
        if character.isASCII { return character }
        return table[character] ?? "?"
    }
}
