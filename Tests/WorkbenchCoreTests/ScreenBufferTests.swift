import Testing
@testable import WorkbenchCore

@Suite struct ScreenBufferTests {
    @Test func writeClipsToWidthAndBuffer() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        #expect(buffer.write("hello world", x: 2, y: 0) == 8)
        #expect(buffer.line(0) == "  hello wo")
        buffer.write("abcdef", x: 0, y: 1, maxWidth: 3)
        #expect(buffer.line(1) == "abc       ")
        buffer.write("zz", x: 0, y: 5)
        buffer.write("zz", x: -1, y: 1)
        #expect(buffer.line(1) == "zbc       ")
    }

    @Test func wideCharactersTakeTwoCells() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        #expect(buffer.write("日本語", x: 0, y: 0) == 6)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer.renderedText() == "日本語")
        // A wide character that does not fit becomes a space.
        var narrow = ScreenBuffer(width: 5, height: 1)
        narrow.write("日本語", x: 0, y: 0)
        #expect(narrow.renderedText() == "日本")
        // Overwriting half of a wide character clears the other half.
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.renderedText() == " x本語")
    }

    @Test func displayWidths() {
        #expect("abc".displayWidth == 3)
        #expect("日本".displayWidth == 4)
        #expect("é".displayWidth == 1)
        #expect("✓".displayWidth == 1)
        #expect("🙂".displayWidth == 2)
        #expect("abcdef".truncated(toWidth: 4) == "abc…")
        #expect("ab".padded(toWidth: 4, alignment: .right) == "  ab")
    }

    @Test func boxesTablesAndBars() {
        var buffer = ScreenBuffer(width: 20, height: 5)
        buffer.drawBox(Rect(x: 0, y: 0, width: 20, height: 5), title: "Box")
        buffer.drawTable(Rect(x: 1, y: 1, width: 18, height: 3),
                         columns: [TableColumn("name"), TableColumn("n", width: 4, alignment: .right)],
                         rows: [["alpha", "12"], ["b", "3"]])
        #expect(buffer.renderedText() == """
        ┌─ Box ────────────┐
        │name             n│
        │alpha           12│
        │b                3│
        └──────────────────┘
        """)
        var bar = ScreenBuffer(width: 8, height: 1)
        bar.drawBar(x: 0, y: 0, width: 8, fraction: 0.5)
        #expect(bar.renderedText() == "████░░░░")
    }

    @Test func wrapping() {
        #expect(TextWrap.lines("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func listsKeepTheSelectionVisible() {
        #expect(ListViewport.firstRow(selected: 0, count: 100, height: 10) == 0)
        #expect(ListViewport.firstRow(selected: 50, count: 100, height: 10) == 45)
        #expect(ListViewport.firstRow(selected: 99, count: 100, height: 10) == 90)
        #expect(ListViewport.firstRow(selected: 5, count: 8, height: 10) == 0)
    }
}
