import Foundation

/// The text clean-up and word split that BertTokenizer runs before WordPiece: drop control
/// characters, space CJK ideographs, NFC, split on whitespace, lowercase and strip accents,
/// then split off every punctuation character.
struct BasicTokenizer: Sendable {
    /// Lowercase each word.
    var lowercase: Bool
    /// Strip accents from each word.
    var stripAccents: Bool
    /// Space CJK ideographs.
    var spaceCJKCharacters: Bool

    /// The words of `text`, each as its Unicode scalars.
    func words(_ text: String) -> [[Unicode.Scalar]] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isCleanedWhitespace(scalar) {
                cleaned.append(" ")
            } else if spaceCJKCharacters && Self.isCJK(scalar) {
                cleaned.append(" "); cleaned.append(scalar); cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        let normalized = String(cleaned).precomposedStringWithCanonicalMapping
        var words: [[Unicode.Scalar]] = []
        for piece in Self.splitOnWhitespace(normalized.unicodeScalars) {
            var word = piece
            if lowercase {
                word = Array(String(String.UnicodeScalarView(word)).lowercased().unicodeScalars)
            }
            if stripAccents {
                word = String(String.UnicodeScalarView(word)).decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { $0.properties.generalCategory != .nonspacingMark }
            }
            var current: [Unicode.Scalar] = []
            for scalar in word {
                if Self.isPunctuation(scalar) {
                    if !current.isEmpty { words.append(current); current = [] }
                    words.append([scalar])
                } else {
                    current.append(scalar)
                }
            }
            if !current.isEmpty { words.append(current) }
        }
        // Lowercasing or decomposing may have produced whitespace; split again as BertTokenizer does.
        return words.flatMap { word in word.contains(where: { $0.properties.isWhitespace }) ? Self.splitOnWhitespace(word) : [word] }
    }

    /// The non-empty runs of `scalars` between whitespace (Unicode White_Space, as Python's `str.split`).
    static func splitOnWhitespace(_ scalars: some Sequence<Unicode.Scalar>) -> [[Unicode.Scalar]] {
        var pieces: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in scalars {
            if scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value) {
                if !current.isEmpty { pieces.append(current); current = [] }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Tab, newline, carriage return, space and the other space separators (Zs) become a plain space.
    static func isCleanedWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r": return true
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// Control, format, surrogate, private-use and unassigned scalars (general category C*), except tab and newlines.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return true
            default: return false
            }
        }
    }

    /// ASCII symbols and punctuation (33–47, 58–64, 91–96, 123–126) and Unicode punctuation (P*).
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// The CJK Unified Ideographs blocks and their extensions and compatibility forms
    /// (not Hiragana, Katakana or Hangul, which BERT treats as letters).
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
        default: return false
        }
    }
}
