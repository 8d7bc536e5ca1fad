import Testing
@testable import WorkbenchCore

@Suite struct LineEditorTests {
    func editor(_ text: String, _ keys: [Key]) -> LineEditor {
        var editor = LineEditor(text: text)
        for key in keys { _ = editor.handle(key) }
        return editor
    }

    @Test func cursorMovementAndInsertion() {
        let e = editor("held", [.left, .left, .character("l"), .home, .character(">"), .end, .character("!")])
        #expect(e.text == ">helld!")
        #expect(e.cursor == 7)
    }

    @Test func controlKeys() {
        #expect(editor("hello world", [Key.control("a"), Key.control("k")]).text == "")
        #expect(editor("hello world", [.left, .left, Key.control("u")]).text == "ld")
        #expect(editor("hello big world", [Key.control("w")]).text == "hello big ")
        #expect(editor("hello big   ", [Key.control("w")]).text == "hello ")
        #expect(editor("abc", [Key.control("a"), Key.control("e"), .character("d")]).text == "abcd")
    }

    @Test func backspaceAndDelete() {
        #expect(editor("abc", [.backspace]).text == "ab")
        #expect(editor("abc", [.home, .backspace, .delete]).text == "bc")
        #expect(editor("abc", [.delete]).text == "abc")
    }

    @Test func submitRecordsHistoryAndCancelLeaves() {
        var e = LineEditor()
        for key in Key.typing("first") { _ = e.handle(key) }
        #expect(e.handle(.enter) == .submitted("first"))
        #expect(e.text.isEmpty)
        #expect(e.history == ["first"])
        #expect(e.handle(.enter) == .submitted(""))
        #expect(e.history == ["first"])
        #expect(e.handle(.escape) == .cancelled)
        #expect(e.handle(.pageUp) == .ignored)
    }

    @Test func historyKeepsTheDraft() {
        var e = LineEditor(history: ["one", "two"])
        for key in Key.typing("dra") { _ = e.handle(key) }
        _ = e.handle(.up)
        #expect(e.text == "two")
        _ = e.handle(.up)
        _ = e.handle(.up)
        #expect(e.text == "one")
        _ = e.handle(.down)
        _ = e.handle(.down)
        #expect(e.text == "dra")
    }

    @Test func wideCharactersAreOneGraphemeEach() {
        let e = editor("日本", [.left, .character("x")])
        #expect(e.text == "日x本")
    }
}
