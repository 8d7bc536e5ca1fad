/// How one cell is drawn: text attributes plus a semantic colour role.
public struct CellStyle: Sendable, Hashable {
    /// Bold text.
    public var bold: Bool
    /// Reverse video (foreground and background swapped).
    public var reverse: Bool
    /// Dim (half-bright) text.
    public var dim: Bool
    /// Underlined text.
    public var underline: Bool
    /// The colour role.
    public var role: ColorRole

    /// Creates a style; every attribute is off by default.
    public init(bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false,
                role: ColorRole = .normal) {
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
        self.role = role
    }

    /// Plain text in the default colour.
    public static let plain = CellStyle()
    /// Bold text.
    public static let bold = CellStyle(bold: true)
    /// Reverse video, used for selections and the status line.
    public static let reverse = CellStyle(reverse: true)
    /// The accent colour.
    public static let accent = CellStyle(role: .accent)
    /// Bold accent, used for titles.
    public static let title = CellStyle(bold: true, role: .accent)
    /// The good colour.
    public static let good = CellStyle(role: .good)
    /// The bad colour.
    public static let bad = CellStyle(role: .bad)
    /// The warning colour.
    public static let warning = CellStyle(role: .warning)
    /// Secondary, muted text.
    public static let muted = CellStyle(role: .muted)

    /// This style with the colour role replaced.
    public func with(role: ColorRole) -> CellStyle {
        var copy = self
        copy.role = role
        return copy
    }

    /// This style with reverse video switched on or off.
    public func reversed(_ on: Bool = true) -> CellStyle {
        var copy = self
        copy.reverse = on
        return copy
    }

    /// This style with bold switched on or off.
    public func emboldened(_ on: Bool = true) -> CellStyle {
        var copy = self
        copy.bold = on
        return copy
    }
}
