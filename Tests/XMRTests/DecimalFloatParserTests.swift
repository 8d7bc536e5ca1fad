import Testing
@testable import XMR

@Suite struct DecimalFloatParserTests {
    /// Parses `text` with the byte parser.
    func parse(_ text: String) -> Float? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalFloatParser.parse($0) }
    }

    @Test func agreesWithTheStandardLibraryOnRandomDecimals() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200_000 {
            let digits = Int(generator.next() % 12) + 1
            var mantissa = ""
            for _ in 0..<digits { mantissa += String(generator.next() % 10) }
            let point = Int(generator.next() % UInt64(digits + 1))
            var text = String(mantissa.prefix(point)) + "." + String(mantissa.dropFirst(point))
            if generator.next() % 3 == 0 { text += "e\(Int(generator.next() % 60) - 30)" }
            if generator.next() % 2 == 0 { text = "-" + text }
            let expected = Float(text)
            #expect(parse(text)?.bitPattern == expected?.bitPattern, "\(text)")
        }
    }

    @Test func readsBackEveryShortestDescription() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<200_000 {
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))
            guard value.isFinite else { continue }
            #expect(parse(value.description)?.bitPattern == value.bitPattern, "\(value)")
        }
    }

    @Test func handlesExoticAndInvalidForms() {
        #expect(parse("0x1p-2") == 0.25)
        #expect(parse("1e-50") == 0)
        #expect(parse("1.40129846e-45") == Float.leastNonzeroMagnitude)
        #expect(parse("-0")?.sign == .minus)
        #expect(parse("12345678901234567890123") == Float("12345678901234567890123"))
        #expect(parse("inf") == .infinity)
        #expect(parse("") == nil)
        #expect(parse(".") == nil)
        #expect(parse("1e") == nil)
        #expect(parse("1.5x") == nil)
        #expect(parse("--1") == nil)
    }
}
