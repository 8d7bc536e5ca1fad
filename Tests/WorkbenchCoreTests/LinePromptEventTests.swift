import Testing
@testable import WorkbenchCore

/// The reducer's side of the readline prompts: which prompt has the keyboard, and what the line
/// editor's events (edited, submitted, cancelled) do to the Query prompt and the Tree search.
@Suite struct LinePromptEventTests {
    @Test func theQueryPromptTakesLinesFromTheEditor() {
        var state = Fixtures.state(trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("4"))
        #expect(state.activeLinePrompt == nil, "the tree pane has the keyboard, not the prompt")
        _ = WorkbenchReducer.reduce(&state, key: .character("/"))
        #expect(state.activeLinePrompt == .query)
        _ = WorkbenchReducer.apply(&state, event: .lineEdited(.query, text: "perl lib", cursor: 4,
                                                              label: "(reverse-i-search)`pe': "))
        #expect(state.queryScreen.prompt.text == "perl lib")
        #expect(state.queryScreen.prompt.cursor == 4)
        let screen = WorkbenchRenderer.render(state).renderedText()
        #expect(screen.contains("(reverse-i-search)`pe': perl lib"))
        let effects = WorkbenchReducer.apply(&state, event: .lineSubmitted(.query, "perl lib"))
        #expect(effects == [.runQuery(QueryRequest(input: .text("perl lib"), beamWidth: 10, topK: 10))])
        #expect(state.history(of: .query) == ["perl lib"])
        #expect(state.sessionToSave.queryHistory == ["perl lib"])
        #expect(state.queryScreen.prompt.text.isEmpty)
        #expect(WorkbenchReducer.apply(&state, event: .lineSubmitted(.query, "#2"))
                == [.runQuery(QueryRequest(input: .testPoint(1), beamWidth: 10, topK: 10))])
        _ = WorkbenchReducer.reduce(&state, key: .character("/"))
        _ = WorkbenchReducer.apply(&state, event: .lineCancelled(.query))
        #expect(state.activeLinePrompt == nil)
        #expect(state.focus == .queryBeam)
    }

    @Test func theTreeSearchJumpsAsTheEditorTypes() {
        var state = Fixtures.state(trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("3"))
        _ = WorkbenchReducer.reduce(&state, key: .character("/"))
        #expect(state.activeLinePrompt == .treeSearch)
        let name = Fixtures.labelNames[2]
        _ = WorkbenchReducer.apply(&state, event: .lineEdited(.treeSearch, text: name, cursor: name.count, label: nil))
        #expect(state.treeScreen.selected == TreeNodeID(level: state.treeOverview!.tree.depth, index: 2))
        _ = WorkbenchReducer.apply(&state, event: .lineSubmitted(.treeSearch, name))
        #expect(state.treeScreen.search == nil)
        #expect(state.activeLinePrompt == nil)
        #expect(state.history(of: .treeSearch) == [name])
    }

    @Test func altOutsideAPromptIsEscapeThenTheKey() {
        var state = Fixtures.state(trained: true)
        _ = WorkbenchReducer.reduce(&state, key: .character("?"))
        #expect(state.overlay == .help)
        _ = WorkbenchReducer.reduce(&state, key: .alt("3"))
        #expect(state.overlay == nil)
        #expect(state.screen == .tree)
    }
}
