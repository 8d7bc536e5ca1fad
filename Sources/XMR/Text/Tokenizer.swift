import Foundation

/// Splits text into lowercase word tokens: maximal runs of Unicode letters, digits and marks.
///
/// Rules (kept simple and fast, and matching the word features shipped with the debtags and
/// reuters21578 datasets):
/// - A token is a maximal run of letters (Unicode `Alphabetic`), decimal digits and combining
///   marks. Everything else separates tokens: spaces, punctuation, symbols, and also the
///   apostrophe (`don't` → `don`, `t`), the hyphen (`real-time` → `real`, `time`) and the
///   underscore (`QT_STYLE` → `qt`, `style`). Single-character tokens are kept.
/// - Tokens made only of decimal digits (`2024`, `500`) are dropped unless `keepsNumbers` is set;
///   letters with digits stay (`mp3`, `x11`, `1080p`). This matches the shipped debtags and
///   reuters21578 features exactly.
/// - Tokens are lowercased with Unicode's full lowercase mapping (`Ünïcödé` → `ünïcödé`); tokens
///   that contain non-ASCII characters are also put in Unicode normalization form C, so composed
///   and decomposed spellings give the same token. ASCII tokens take a byte-table fast path.
/// - Invalid UTF-8 (only possible through `tokens(inUTF8:)`) is read as if each bad byte were
///   U+FFFD REPLACEMENT CHARACTER, which is not a letter: it separates tokens and never appears in
///   one. This is what decoding the bytes with `String(decoding:as:)` and tokenizing would give.
public struct Tokenizer: Sendable, Equatable {
    /// Whether tokens made only of digits are kept (default: dropped).
    public var keepsNumbers: Bool

    /// Creates a tokenizer.
    public init(keepsNumbers: Bool = false) {
        self.keepsNumbers = keepsNumbers
    }

    /// The tokens of `text`, in order.
    public func tokens(in text: String) -> [String] {
        var buffer = TokenBuffer()
        tokenize(text, into: &buffer)
        return buffer.strings()
    }

    /// The tokens of raw UTF-8 bytes, in order; invalid bytes separate tokens (see the type's notes).
    public func tokens(inUTF8 bytes: [UInt8]) -> [String] {
        var buffer = TokenBuffer()
        bytes.withUnsafeBufferPointer { tokenize($0, into: &buffer) }
        return buffer.strings()
    }

    /// Tokenizes `text` into `buffer` (cleared first), reading the string's UTF-8 storage in place.
    func tokenize(_ text: String, into buffer: inout TokenBuffer) {
        var text = text
        text.withUTF8 { tokenize($0, into: &buffer) }
    }

    /// Tokenizes UTF-8 bytes into `buffer` (cleared first).
    func tokenize(_ input: UnsafeBufferPointer<UInt8>, into buffer: inout TokenBuffer) {
        let keepsNumbers = self.keepsNumbers
        buffer.removeAll()
        let n = input.count
        guard n > 0, let base = input.baseAddress else { return }
        Tokenizer.asciiLowercaseTable.withUnsafeBufferPointer { table in
            var i = 0
            while i < n {
                // Skip separators.
                let b = base[i]
                if b < 0x80 {
                    if table[Int(b)] == 0 { i += 1; continue }
                } else {
                    let (scalar, length) = Tokenizer.decodeScalar(base, i, n)
                    if scalar == nil || !Tokenizer.isWordScalar(scalar!) { i += length; continue }
                }
                // A token starts at i; find its end and whether it is pure ASCII.
                var j = i
                var ascii = true
                var digitsOnly = true
                while j < n {
                    let c = base[j]
                    if c < 0x80 {
                        let lowered = table[Int(c)]
                        if lowered == 0 { break }
                        if lowered > 0x39 { digitsOnly = false }
                        j += 1
                    } else {
                        let (scalar, length) = Tokenizer.decodeScalar(base, j, n)
                        if scalar == nil || !Tokenizer.isWordScalar(scalar!) { break }
                        if scalar!.properties.generalCategory != .decimalNumber { digitsOnly = false }
                        ascii = false
                        j += length
                    }
                }
                if digitsOnly && !keepsNumbers {
                    // A number: not a token.
                } else if ascii {
                    buffer.appendASCIIToken(base + i, count: j - i, table: table)
                } else {
                    buffer.appendUnicodeToken(UnsafeBufferPointer(start: base + i, count: j - i))
                }
                i = j
            }
        }
    }

    /// Whether a non-ASCII scalar belongs inside a token: a letter, a decimal digit or a mark.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Decodes the scalar starting at `i`; returns `nil` and length 1 for an invalid byte.
    @inline(__always)
    static func decodeScalar(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (Unicode.Scalar?, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let length: Int
        var value: UInt32
        let minimum: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = b0 & 0x1F; minimum = 0x80
        case 0xE0...0xEF: length = 3; value = b0 & 0x0F; minimum = 0x800
        case 0xF0...0xF4: length = 4; value = b0 & 0x07; minimum = 0x10000
        default: return (nil, 1)
        }
        guard i + length <= n else { return (nil, 1) }
        for k in 1..<length {
            let c = UInt32(p[i + k])
            guard c & 0xC0 == 0x80 else { return (nil, 1) }
            value = (value << 6) | (c & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }

    /// For each ASCII byte: its lowercase form if it is a letter or digit, else 0 (a separator).
    static let asciiLowercaseTable: [UInt8] = (0..<256).map { b -> UInt8 in
        switch b {
        case 0x30...0x39, 0x61...0x7A: return UInt8(b)
        case 0x41...0x5A: return UInt8(b + 0x20)
        default: return 0
        }
    }
}

/// The tokens of one document: their lowercased UTF-8 bytes back to back, and where each ends.
struct TokenBuffer {
    /// All tokens' bytes, concatenated.
    var bytes: [UInt8] = []
    /// `ends[k]` is the end offset of token `k` in `bytes`.
    var ends: [Int] = []

    /// Number of tokens.
    var count: Int { ends.count }

    /// Start offset of token `k`.
    @inline(__always) func start(_ k: Int) -> Int { k == 0 ? 0 : ends[k - 1] }

    /// Clears the buffer, keeping its capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends an ASCII token, lowercasing it through the byte table.
    @inline(__always)
    mutating func appendASCIIToken(_ p: UnsafePointer<UInt8>, count: Int, table: UnsafeBufferPointer<UInt8>) {
        for k in 0..<count { bytes.append(table[Int(p[k])]) }
        ends.append(bytes.count)
    }

    /// Appends a token with non-ASCII letters: full Unicode lowercase, then NFC.
    mutating func appendUnicodeToken(_ raw: UnsafeBufferPointer<UInt8>) {
        let lowered = String(decoding: raw, as: UTF8.self).lowercased().precomposedStringWithCanonicalMapping
        bytes.append(contentsOf: lowered.utf8)
        ends.append(bytes.count)
    }

    /// The tokens as strings (for tests and tools; the hot paths read the bytes).
    func strings() -> [String] {
        (0..<count).map { k in String(decoding: bytes[start(k)..<ends[k]], as: UTF8.self) }
    }
}
