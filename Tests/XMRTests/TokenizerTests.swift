import Testing
@testable import XMR

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer()

    @Test func punctuationSeparatesAndCaseFolds() {
        #expect(tokenizer.tokens(in: "Hello, World! It's real-time: QT_STYLE=foo.bar (C++) a/b")
                == ["hello", "world", "it", "s", "real", "time", "qt", "style", "foo", "bar", "c", "a", "b"])
        #expect(tokenizer.tokens(in: "GNOME’s “Adwaita” theme") == ["gnome", "s", "adwaita", "theme"])
        #expect(tokenizer.tokens(in: "tab\tnew\nline\r\nend") == ["tab", "new", "line", "end"])
    }

    @Test func numbersAreDroppedUnlessKept() {
        #expect(tokenizer.tokens(in: "mp3 2024 x11 1080p 500 0x7f") == ["mp3", "x11", "1080p", "0x7f"])
        #expect(Tokenizer(keepsNumbers: true).tokens(in: "mp3 2024 v1.0") == ["mp3", "2024", "v1", "0"])
        // Non-ASCII digits count as digits too.
        #expect(tokenizer.tokens(in: "٣٤ abc") == ["abc"])
    }

    @Test func unicodeLettersAreLowercased() {
        #expect(tokenizer.tokens(in: "Ünïcödé") == ["ünïcödé"])
        #expect(tokenizer.tokens(in: "ÇA Straße ΑΒΓ 日本語 Ελληνικά!") == ["ça", "straße", "αβγ", "日本語", "ελληνικά"])
        #expect(tokenizer.tokens(in: "naïve—café") == ["naïve", "café"])
    }

    @Test func decomposedAndComposedSpellingsGiveOneToken() {
        let decomposed = "U\u{308}ber"  // U + combining diaeresis
        let composed = "\u{DC}ber"
        #expect(tokenizer.tokens(in: decomposed) == ["über"])
        #expect(tokenizer.tokens(in: decomposed)[0].unicodeScalars.count == 4)
        #expect(tokenizer.tokens(in: composed) == tokenizer.tokens(in: decomposed))
    }

    @Test func emptyAndSeparatorOnlyTextsHaveNoTokens() {
        #expect(tokenizer.tokens(in: "").isEmpty)
        #expect(tokenizer.tokens(in: "  ,,, !! -- __ ’ ").isEmpty)
        #expect(tokenizer.tokens(inUTF8: []).isEmpty)
    }

    @Test func veryLongLinesWork() {
        let words = String(repeating: "Word, ", count: 200_000)  // 1.2 MB
        let tokens = tokenizer.tokens(in: words)
        #expect(tokens.count == 200_000)
        #expect(tokens.allSatisfy { $0 == "word" })
        let oneToken = String(repeating: "a", count: 1_000_000)
        let long = tokenizer.tokens(in: oneToken)
        #expect(long.count == 1 && long[0].utf8.count == 1_000_000)
    }

    @Test func invalidUTF8BytesSeparateTokens() {
        // A stray byte, a truncated sequence, an overlong encoding, a surrogate, a too-large code point.
        #expect(tokenizer.tokens(inUTF8: [0x61, 0x62, 0xFF, 0x63, 0x64]) == ["ab", "cd"])
        #expect(tokenizer.tokens(inUTF8: [0x61, 0xC3]) == ["a"])
        #expect(tokenizer.tokens(inUTF8: [0x78, 0xC0, 0xAF, 0x79]) == ["x", "y"])
        #expect(tokenizer.tokens(inUTF8: [0x78, 0xED, 0xA0, 0x80, 0x79]) == ["x", "y"])
        #expect(tokenizer.tokens(inUTF8: [0x78, 0xF4, 0x90, 0x80, 0x80, 0x79]) == ["x", "y"])
        #expect(tokenizer.tokens(inUTF8: [0x43, 0x61, 0x66, 0xC3, 0xA9]) == ["café"])
        // Same result as decoding with U+FFFD replacement first.
        let bytes: [UInt8] = [0x48, 0xC3, 0x9C, 0x80, 0x6E, 0xE2, 0x82, 0x20, 0x6F, 0xF0, 0x9F, 0x98]
        #expect(tokenizer.tokens(inUTF8: bytes) == tokenizer.tokens(in: String(decoding: bytes, as: UTF8.self)))
        #expect(tokenizer.tokens(inUTF8: bytes) == ["hü", "n", "o"])
    }

    @Test func labelNamesSplitOnPunctuation() {
        #expect(tokenizer.tokens(in: "implemented-in::c") == ["implemented", "in", "c"])
        #expect(tokenizer.tokens(in: "role::program") == ["role", "program"])
    }
}
