import Testing
import XMR
@testable import WorkbenchCore

/// The key contract, key by key.
@Suite struct ReducerTests {
    @discardableResult
    func press(_ state: inout WorkbenchState, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += WorkbenchReducer.reduce(&state, key: key) }
        return effects
    }

    @Test func digitsSwitchScreens() {
        var state = Fixtures.state()
        for (key, screen) in zip(["1", "2", "3", "4", "5"], Screen.allCases) {
            press(&state, .character(Character(key)))
            #expect(state.screen == screen)
        }
        press(&state, .character("6"))
        #expect(state.screen == .runs)
    }

    @Test func tabAndBackTabCycleFocus() {
        var state = Fixtures.state()
        press(&state, .character("4"))
        #expect(state.focus == .queryBeam)
        press(&state, .tab)
        #expect(state.focus == .queryLabels)
        press(&state, .tab)
        #expect(state.focus == .queryPrompt)
        press(&state, .tab)
        #expect(state.focus == .queryBeam)
        press(&state, .backTab)
        #expect(state.focus == .queryPrompt)
    }

    @Test func quitAsksOnlyWhileTraining() {
        var state = Fixtures.state()
        #expect(press(&state, .character("q")) == [.quit])

        press(&state, .character("2"))
        #expect(press(&state, .character("s")) == [.startTraining(Pipeline())])
        #expect(state.isTraining)
        #expect(press(&state, .character("q")).isEmpty)
        #expect(state.overlay == .confirmQuit)
        #expect(press(&state, .character("x")).isEmpty)
        #expect(state.overlay == .confirmQuit)
        #expect(press(&state, .character("n")).isEmpty)
        #expect(state.overlay == nil)
        press(&state, .character("q"))
        #expect(press(&state, .character("y")) == [.cancelTraining, .quit])
    }

    @Test func startAndCancelTraining() {
        var state = Fixtures.state()
        press(&state, .character("2"))
        #expect(press(&state, .character("c")).isEmpty)
        #expect(state.message == "No training, sweep or calibration is running")
        #expect(press(&state, .character("s")).count == 1)
        #expect(press(&state, .character("s")).isEmpty)
        #expect(press(&state, .character("c")) == [.cancelTraining])
        _ = WorkbenchReducer.apply(&state, event: .trainingCancelled(TrainingSnapshot()))
        #expect(state.trainScreen.status == .cancelled(TrainingSnapshot()))
        #expect(!state.isTraining)
    }

    @Test func cancelWorksFromAnyScreen() {
        var state = Fixtures.state()
        press(&state, .character("2"), .character("s"), .character("1"))
        #expect(press(&state, .character("c")) == [.cancelTraining])
    }

    @Test func trainingNeedsADataset() {
        var state = WorkbenchState(width: 80, height: 24)
        press(&state, .character("2"))
        #expect(press(&state, .character("s")).isEmpty)
        #expect(state.messageIsError)
    }

    @Test func formEditingValidatesAndTypesDigits() {
        var state = Fixtures.state()
        press(&state, .character("2"), .down, .down, .down, .down, .down, .down, .enter)
        #expect(state.trainScreen.selectedField == .maxLeafSize)
        #expect(state.trainScreen.fieldEditor?.text == "100")
        // Digits, q and s are text while a field is being edited.
        press(&state, .backspace, .backspace, .backspace, .character("q"), .enter)
        #expect(state.trainScreen.validationError != nil)
        #expect(state.trainScreen.fieldEditor != nil)
        #expect(state.screen == .train)
        press(&state, .backspace, .character("3"), .character("2"), .enter)
        #expect(state.trainScreen.fieldEditor == nil)
        #expect(state.trainScreen.parameters.indexer.maxLeafSize == 32)
        // Esc abandons an edit.
        press(&state, .enter, .character("9"), .escape)
        #expect(state.trainScreen.parameters.indexer.maxLeafSize == 32)
        // d restores the default.
        press(&state, .character("d"))
        #expect(state.trainScreen.parameters.indexer.maxLeafSize == 100)
    }

    @Test func choiceFieldsCycle() {
        var state = Fixtures.state()
        press(&state, .character("2"))
        for _ in 0..<TrainingField.visible(in: Pipeline()).firstIndex(of: .solver)! { press(&state, .character("j")) }
        #expect(state.trainScreen.selectedField == .solver)
        press(&state, .enter)
        #expect(state.trainScreen.parameters.ranker.solver == .logistic)
        press(&state, .right)
        #expect(state.trainScreen.parameters.ranker.solver == .svm)
        press(&state, .left)
        #expect(state.trainScreen.parameters.ranker.solver == .logistic)
        press(&state, .up, .character("k"))
        #expect(state.trainScreen.selectedField == .beamWidth)
    }

    @Test func depthAcceptsAuto() {
        var parameters = Pipeline()
        #expect(TrainingField.depth.assign("3", to: &parameters) == nil)
        #expect(parameters.indexer.depth == 3)
        #expect(TrainingField.depth.assign("auto", to: &parameters) == nil)
        #expect(parameters.indexer.depth == nil)
        #expect(TrainingField.depth.assign("0", to: &parameters) != nil)
        #expect(TrainingField.cost.assign("-1", to: &parameters) != nil)
        #expect(TrainingField.branching.assign("1", to: &parameters) != nil)
    }

    @Test func slashFocusesPromptAndTypedCharactersGoThere() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("4"), .character("/"))
        #expect(state.focus == .queryPrompt)
        press(&state, .character("q"), .character("1"), .character("?"), .character("c"))
        #expect(state.queryScreen.prompt.text == "q1?c")
        #expect(state.screen == .query)
        #expect(state.overlay == nil)
        let effects = press(&state, .enter)
        #expect(effects == [.runQuery(QueryRequest(input: .text("q1?c"), beamWidth: 10, topK: 10))])
        press(&state, .character("x"), .escape)
        #expect(state.focus == .queryBeam)
        #expect(press(&state, .character("q")) == [.quit])
    }

    @Test func testPointsByKeysAndNumber() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("4"))
        #expect(press(&state, .character("n")) == [.runQuery(QueryRequest(input: .testPoint(0), beamWidth: 10, topK: 10))])
        #expect(press(&state, .character("n")) == [.runQuery(QueryRequest(input: .testPoint(1), beamWidth: 10, topK: 10))])
        #expect(press(&state, .character("p"), .character("p")).last == .runQuery(QueryRequest(input: .testPoint(14), beamWidth: 10, topK: 10)))
        press(&state, .character("#"))
        #expect(state.focus == .queryPrompt)
        #expect(press(&state, .character("7"), .enter) == [.runQuery(QueryRequest(input: .testPoint(6), beamWidth: 10, topK: 10))])
        press(&state, .character("/"))
        #expect(press(&state, .character("#"), .character("9"), .character("9"), .enter).isEmpty)
        #expect(state.queryScreen.message == "Test points are numbered 1 to 15")
    }

    @Test func beamWidthReRunsTheLastQuery() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("4"))
        #expect(press(&state, .character("+")).isEmpty)
        #expect(state.queryScreen.beamWidth == 16)
        press(&state, .character("n"))
        #expect(press(&state, .character("-")) == [.runQuery(QueryRequest(input: .testPoint(0), beamWidth: 8, topK: 10))])
        for _ in 0..<20 { press(&state, .character("-")) }
        #expect(state.queryScreen.beamWidth == 1)
    }

    @Test func queriesNeedAModel() {
        var state = Fixtures.state()
        press(&state, .character("4"), .character("n"))
        #expect(state.queryScreen.message?.contains("No model yet") == true)
    }

    @Test func promptHistory() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("4"), .character("/"))
        for key in Key.typing("gtk editor") { press(&state, key) }
        press(&state, .enter)
        for key in Key.typing("python") { press(&state, key) }
        press(&state, .enter, .up)
        #expect(state.queryScreen.prompt.text == "python")
        press(&state, .up)
        #expect(state.queryScreen.prompt.text == "gtk editor")
        press(&state, .down, .down)
        #expect(state.queryScreen.prompt.text == "")
    }

    @Test func treeExpandCollapseAndMove() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("3"))
        #expect(state.treeScreen.selected == .root)
        press(&state, .down)
        #expect(state.treeScreen.selected == TreeNodeID(level: 1, index: 0))
        press(&state, .enter)
        #expect(state.treeScreen.expanded.contains(TreeNodeID(level: 1, index: 0)))
        press(&state, .right)
        #expect(state.treeScreen.selected == TreeNodeID(level: 2, index: 0))
        press(&state, .left)
        #expect(state.treeScreen.selected == TreeNodeID(level: 1, index: 0))
        press(&state, .left)
        #expect(!state.treeScreen.expanded.contains(TreeNodeID(level: 1, index: 0)))
        press(&state, .end)
        #expect(state.treeScreen.selected == TreeNodeID(level: 1, index: 3))
        press(&state, .home, .enter)
        #expect(!state.treeScreen.expanded.contains(.root))
    }

    @Test func treeSearchJumpsToTheLabelPath() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("3"), .character("/"))
        #expect(state.treeScreen.search != nil)
        for key in Key.typing("arcade") { press(&state, key) }
        let arcade = Fixtures.labelNames.firstIndex(of: "game::arcade")!
        #expect(state.treeScreen.selected == TreeNodeID(level: 2, index: arcade))
        #expect(state.treeScreen.expanded.contains(TreeNodeID(level: 1, index: arcade / 5)))
        press(&state, .enter)
        #expect(state.treeScreen.search == nil)
        // "use::" matches several labels; n steps through them.
        press(&state, .character("/"))
        for key in Key.typing("use::") { press(&state, key) }
        let first = state.treeScreen.selected
        press(&state, .enter, .character("n"))
        #expect(state.treeScreen.selected != first)
        press(&state, .character("/"))
        for key in Key.typing("zzz") { press(&state, key) }
        #expect(state.treeScreen.searchMessage?.contains("no label name contains") == true)
        press(&state, .escape)
        #expect(state.treeScreen.search == nil)
    }

    @Test func helpOverlayClosesOnAnyKey() {
        var state = Fixtures.state()
        press(&state, .character("?"))
        #expect(state.overlay == .help)
        press(&state, .character("3"))
        #expect(state.overlay == nil)
        #expect(state.screen == .data)
    }

    @Test func unknownKeysDoNothing() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("3"))
        let before = WorkbenchRenderer.render(state)
        for key: Key in [.unknown, .character("z"), .character("\u{1}"), .delete, .pageUp] {
            #expect(press(&state, key).isEmpty)
        }
        #expect(WorkbenchRenderer.render(state) == before)
    }

    @Test func resizeBelowMinimumShowsMessageAndStillQuits() {
        var state = Fixtures.state()
        press(&state, .resize(width: 79, height: 30))
        #expect(state.isTooSmall)
        #expect(press(&state, .character("2")).isEmpty)
        #expect(state.screen == .data)
        #expect(press(&state, .character("q")) == [.quit])
        press(&state, .resize(width: 80, height: 24))
        #expect(!state.isTooSmall)
    }

    @Test func mouseClicksSelectTabsAndRows() {
        var state = Fixtures.state(trained: true)
        let ranges = TabBar.ranges(titles: Screen.allCases.map(\.title))
        press(&state, .mouse(x: ranges[1].lowerBound + 1, y: 0))
        #expect(state.screen == .train)
        let layout = WorkbenchLayout(width: 80, height: 24)
        press(&state, .mouse(x: 3, y: layout.trainFieldRow + 5))
        #expect(state.trainScreen.selectedField == .branching)
        press(&state, .mouse(x: ranges[2].lowerBound, y: 0))
        press(&state, .mouse(x: 4, y: layout.treeOutlineList.y + 2))
        #expect(state.treeScreen.selected == TreeNodeID(level: 1, index: 1))
    }

    @Test func dataExamplesMoveWithNAndP() {
        var state = Fixtures.state()
        press(&state, .character("n"), .character("n"))
        #expect(state.dataScreen.exampleIndex == 2)
        press(&state, .character("p"), .character("p"), .character("p"))
        #expect(state.dataScreen.exampleIndex == 59)
        press(&state, .tab, .down, .down)
        #expect(state.dataScreen.labelSelection == 2)
    }

    @Test func finishedTrainingAddsARunAndATree() {
        let state = Fixtures.state(trained: true)
        #expect(state.runs.count == 1)
        #expect(state.runs[0].trainingSummary == Fixtures.summary())
        #expect(state.runs[0].modelFolder == "test/run-1")
        #expect(state.session.currentRun == 1 && state.session.nextRunNumber == 2)
        #expect(state.treeOverview != nil)
        #expect(!state.isTraining)
    }

    @Test func enterOnARankedLabelShowsItInTheTree() {
        var state = Fixtures.state(trained: true)
        press(&state, .character("4"), .character("n"))
        _ = WorkbenchReducer.apply(&state, event: .queryAnswered(Fixtures.queryResult()))
        press(&state, .tab, .down, .enter)
        #expect(state.screen == .tree)
        #expect(state.treeScreen.selected == TreeNodeID(level: 2, index: 2))
    }
}
