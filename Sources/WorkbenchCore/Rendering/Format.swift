import Foundation

/// Locale-independent number formatting for screens (so snapshots are the same everywhere).
public enum Format {
    /// An integer with thousands separators: 12,345.
    public static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// A number with a fixed count of decimals: 0.804.
    public static func decimal(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    /// A duration: "0.42 s", "12.3 s", "2 m 05 s".
    public static func seconds(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "–" }
        if value < 10 { return String(format: "%.2f s", value) }
        if value < 60 { return String(format: "%.1f s", value) }
        let total = Int(value.rounded())
        return String(format: "%d m %02d s", total / 60, total % 60)
    }

    /// A size in bytes: "812 B", "14.2 KB", "1.20 MB".
    public static func bytes(_ value: Int) -> String {
        let v = Double(value)
        if value < 1024 { return "\(value) B" }
        if v < 1024 * 1024 { return String(format: "%.1f KB", v / 1024) }
        if v < 1024 * 1024 * 1024 { return String(format: "%.2f MB", v / 1024 / 1024) }
        return String(format: "%.2f GB", v / 1024 / 1024 / 1024)
    }

    /// A score between 0 and 1 with three decimals, or scientific notation when tiny.
    public static func score(_ value: Float) -> String {
        let v = Double(value)
        if v != 0, abs(v) < 0.001 { return String(format: "%.1e", v) }
        return String(format: "%.3f", v)
    }
}
