/// Text from input files made safe to print: control characters and invisible marks escaped.
///
/// Error messages quote bytes from the user's files; quoted raw, an escape sequence in a file
/// could drive the terminal. Every C0/C1 control character, DEL, a byte-order mark and the
/// Unicode bidirectional controls are written as `\u{XX}` (tab, CR and LF as `\t`, `\r`, `\n`).
public enum PrintableText {
    /// `text` with every unprintable character escaped.
    public static func escaped(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00..<0x20, 0x7F..<0xA0, 0xFEFF, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
