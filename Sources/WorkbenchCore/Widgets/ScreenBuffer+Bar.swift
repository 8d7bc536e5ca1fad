extension ScreenBuffer {
    /// Draws a horizontal bar `width` columns wide filled to `fraction` (0...1), with eighth-block
    /// precision; the unfilled part is a light shade so the bar's length stays visible.
    public mutating func drawBar(x: Int, y: Int, width: Int, fraction: Double, style: CellStyle = .accent,
                                 showTrack: Bool = true) {
        guard width > 0 else { return }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let eighths = Int((clamped * Double(width * 8)).rounded())
        let full = eighths / 8
        let partial = eighths % 8
        let blocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for i in 0..<width {
            if i < full {
                put("█", x: x + i, y: y, style: style)
            } else if i == full, partial > 0 {
                put(blocks[partial - 1], x: x + i, y: y, style: style)
            } else if showTrack {
                put("░", x: x + i, y: y, style: .muted)
            }
        }
    }
}
