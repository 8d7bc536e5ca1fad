/// A semantic colour for a cell; the terminal backend maps roles to real colours (or to nothing
/// on a monochrome terminal), so screens never name concrete colours.
public enum ColorRole: UInt8, Sendable, Hashable, CaseIterable {
    /// The terminal's default foreground.
    case normal
    /// Titles, the selected tab, keys in the status line.
    case accent
    /// Good news: a finished training, a true label, a kept beam node.
    case good
    /// Bad news: errors, failed validation, labels that fell out of the beam.
    case bad
    /// Something in progress or needing attention.
    case warning
    /// Secondary text: hints, units, empty placeholders.
    case muted
}
