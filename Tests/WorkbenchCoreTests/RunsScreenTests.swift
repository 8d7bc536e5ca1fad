import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// The Runs screen: sorting, marking and comparing, deleting, the two sweeps, and its snapshots.
@Suite struct RunsScreenTests {
    /// A state on the Runs screen whose session has three runs (B 4, 8, 16); run 3 is loaded and
    /// run 2 has a beam-width sweep.
    static func state(width: Int = 80, height: Int = 24) -> WorkbenchState {
        var state = Fixtures.state(width: width, height: height)
        var session = WorkbenchSession(name: "test", datasetPath: "../sample-data/debtags-small",
                                       now: Date(timeIntervalSince1970: 1_700_000_000))
        let results: [(b: Int, p1: Double, seconds: Double, bytes: Int)] = [
            (4, 0.799, 3.2, 2_003_456), (8, 0.812, 2.6, 1_901_234), (16, 0.797, 2.3, 1_887_000),
        ]
        for r in results {
            var p = Pipeline()
            p.indexer.branching = r.b
            p.threads = 2
            let metrics = RunMetrics(precisionAt1: r.p1, precisionAt3: 0.569, precisionAt5: 0.43 - Double(r.b) / 10_000,
                                     recallAt5: 0.728, ndcgAt5: 0.777, pspAt5: 0.478, evaluatedPoints: 800,
                                     evaluatedOnTest: true)
            session.append(SessionRun(number: session.nextRunNumber, parameters: p, metrics: metrics,
                                      trainingSeconds: r.seconds, predictSeconds: 0.09, modelBytes: r.bytes,
                                      weightCount: 170_000, treeShape: [1, r.b, 598], modelFolder: session.nextModelFolder,
                                      finishedAt: Date(timeIntervalSince1970: 1_700_000_100)))
        }
        session.runs[1].sweeps = [BeamSweepChartTests.sweep]
        state.restore(session)
        _ = WorkbenchReducer.reduce(&state, key: .character("5"))
        state.message = nil
        return state
    }

    @discardableResult
    func press(_ state: inout WorkbenchState, _ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for key in keys { effects += WorkbenchReducer.reduce(&state, key: key) }
        return effects
    }

    @Test func restoringASessionSelectsTheLoadedRunAndTheFormParameters() {
        let state = Self.state()
        #expect(state.selectedRun?.number == 3)
        #expect(state.trainScreen.parameters.indexer.branching == 16)
        #expect(state.trainScreen.parameters.threads == Pipeline().threads)
    }

    @Test func oCyclesTheSortColumnAndKeepsTheSelection() {
        var state = Self.state()
        #expect(state.sortedRuns.map(\.number) == [1, 2, 3])
        press(&state, .character("o"))
        #expect(state.runsScreen.sortKey == .precisionAt1)
        #expect(state.sortedRuns.map(\.number) == [2, 1, 3])     // best P@1 first
        #expect(state.selectedRun?.number == 3)
        press(&state, .character("r"))
        #expect(state.sortedRuns.map(\.number) == [3, 1, 2])
        press(&state, .character("<"), .character("<"))
        #expect(state.runsScreen.sortKey == .modelSize)
        #expect(state.sortedRuns.map(\.number) == [3, 2, 1])     // smallest first
        press(&state, .character(">"))
        #expect(state.runsScreen.sortKey == .run)
        press(&state, .up)
        #expect(state.selectedRun?.number == 2)
    }

    @Test func spaceMarksAtMostTwoRunsAndEscClearsThem() {
        var state = Self.state()
        press(&state, .character(" "), .up, .character(" "))
        #expect(state.runsScreen.marked == [3, 2])
        press(&state, .up, .character(" "))
        #expect(state.runsScreen.marked == [2, 1])
        press(&state, .character(" "))
        #expect(state.runsScreen.marked == [2])
        press(&state, .escape)
        #expect(state.runsScreen.marked.isEmpty)
    }

    @Test func deleteAsksThenRemovesTheRunItsFolderAndReloadsTheNewest() {
        var state = Self.state()
        #expect(press(&state, .character("d")).isEmpty)
        #expect(state.overlay == .confirmDeleteRun(3))
        #expect(press(&state, .character("x")).isEmpty)
        #expect(press(&state, .character("n")).isEmpty)
        #expect(state.runs.count == 3 && state.overlay == nil)
        press(&state, .character("d"))
        let effects = press(&state, .character("y"))
        #expect(effects == [.deleteModelFolder("test/run-3"), .loadRun(2), .saveSession])
        #expect(state.runs.map(\.number) == [1, 2])
        #expect(state.session.currentRun == 2)
        #expect(state.session.nextRunNumber == 4)
        // Deleting a run that is not loaded touches nothing else.
        press(&state, .up)
        #expect(press(&state, .character("d"), .character("y")) == [.deleteModelFolder("test/run-1"), .saveSession])
        press(&state, .character("d"), .character("y"))
        #expect(state.runs.isEmpty && state.treeOverview == nil)
    }

    @Test func deletingARunOfACopiedSessionLeavesTheOriginalsModelFolder() {
        var state = Self.state()
        var session = state.session
        session.name = "test-copy"        // the example's copy keeps the example's run folders
        state.restore(session)
        press(&state, .up)
        let effects = press(&state, .character("d"), .character("y"))
        #expect(effects == [.saveSession])
        #expect(state.message?.contains("stays on disk") == true)
        #expect(WorkbenchReducer.ownsModelFolder("test-copy/run-4", session: "test-copy"))
        #expect(!WorkbenchReducer.ownsModelFolder("test-copy/../test/run-1", session: "test-copy"))
        #expect(!WorkbenchReducer.ownsModelFolder("/abs/run-1", session: "test-copy"))
    }

    @Test func enterLoadsTheSelectedRunsModel() {
        var state = Self.state()
        press(&state, .up)
        #expect(press(&state, .enter) == [.loadRun(2)])
        _ = WorkbenchReducer.apply(&state, event: .runModelLoaded(run: 2, tree: Fixtures.treeOverview()))
        #expect(state.session.currentRun == 2)
        #expect(state.treeOverview != nil)
    }

    @Test func beamSweepPromptsForWidthsAndStoresTheResult() {
        var state = Self.state()
        press(&state, .character("b"))
        #expect(state.isTyping)
        #expect(state.runsScreen.widthsEditor?.text == "1 2 4 8 16 32")
        press(&state, .character("x"))
        #expect(press(&state, .enter).isEmpty)
        #expect(state.messageIsError && state.message?.contains("\"32x\" is not a beam width") == true)
        press(&state, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace)
        #expect(press(&state, .enter) == [.sweepBeamWidths(run: 3, widths: [1, 2, 4, 8])])
        #expect(state.runsScreen.sweep.isRunning)
        #expect(press(&state, .character("b")).isEmpty)            // one sweep at a time
        #expect(press(&state, .character("c")) == [.cancelSweep])
        _ = WorkbenchReducer.apply(&state, event: .sweepProgressed(.init(widthsDone: 2, widthsTotal: 4, currentWidth: 4)))
        #expect(state.runsScreen.sweep == .running(run: 3, progress: .init(widthsDone: 2, widthsTotal: 4, currentWidth: 4)))
        let effects = WorkbenchReducer.apply(&state, event: .sweepFinished(run: 3, sweep: BeamSweepChartTests.sweep))
        #expect(effects == [.saveSession])
        #expect(state.session.run(numbered: 3)?.sweeps.count == 1)
        #expect(!state.runsScreen.sweep.isRunning)
        #expect(state.runsScreen.lastWidths == "1 2 4 8")
    }

    @Test func hyperparameterSweepQueuesTrainingsThatBecomeRuns() {
        var state = Self.state()
        press(&state, .character("h"))
        #expect(state.runsScreen.hyperparameterForm?.parameter == .branching)
        press(&state, .down, .down, .down)
        #expect(state.runsScreen.hyperparameterForm?.parameter == .cost)
        #expect(state.runsScreen.hyperparameterForm?.editor.text == "0.25 0.5 1 2 4")
        press(&state, .control("u"))
        for c in "0.5 -2" { press(&state, .character(c)) }
        #expect(press(&state, .enter).isEmpty)
        #expect(state.runsScreen.hyperparameterForm?.error == "invalid parameter c: must be a positive number, got -2.0")
        press(&state, .backspace, .backspace, .character("2"))
        let first = press(&state, .enter)
        #expect(state.runsScreen.hyperparameterForm == nil)
        guard case .startTraining(let parameters)? = first.first else {
            Issue.record("no training started: \(first)")
            return
        }
        #expect(parameters.ranker.c == 0.5 && parameters.indexer.branching == 16)
        #expect(state.isTraining)
        #expect(state.runsScreen.queue.map(\.ranker.c) == [2])
        // The first training finishes: it becomes run 4 and the next one starts.
        let next = WorkbenchReducer.apply(&state, event: .trainingFinished(Fixtures.finishedProgress(), Fixtures.summary(),
                                                                           Fixtures.treeOverview()))
        #expect(state.session.run(numbered: 4)?.parameters.ranker.c == 0.5)
        guard next.count == 2, next[0] == .saveSession, case .startTraining(let second) = next[1] else {
            Issue.record("unexpected effects \(next)")
            return
        }
        #expect(second.ranker.c == 2)
        // A cancel drops what is left.
        #expect(press(&state, .character("c")) == [.cancelTraining])
        _ = WorkbenchReducer.apply(&state, event: .trainingCancelled(Fixtures.finishedProgress()))
        #expect(state.runsScreen.queue.isEmpty && state.runsScreen.queueLabel == nil)
        #expect(state.runs.count == 4)
    }

    @Test func aNewSessionLoadsItsCurrentRunWhenTheDatasetArrives() {
        var state = WorkbenchState(width: 80, height: 24, sessionName: "test")
        var session = WorkbenchSession(name: "test", datasetPath: "x")
        session.append(SessionRun(finished: Fixtures.summary(), parameters: Pipeline(), in: session))
        state.restore(session)
        #expect(WorkbenchReducer.apply(&state, event: .datasetLoaded(Fixtures.overview())) == [.loadRun(1)])
    }

    @Test func savingTakesTheFormAndTheQueryHistory() {
        var state = Self.state()
        state.trainScreen.parameters.ranker.c = 4
        var prompt = LineEditor(text: "xml parser")
        _ = prompt.handle(.enter)
        state.queryScreen.prompt = prompt
        let saved = state.sessionToSave
        #expect(saved.parameters.ranker.c == 4)
        #expect(saved.queryHistory == ["xml parser"])
        #expect(saved.runs == state.runs)
    }

    @Test func aClickSelectsARunRow() {
        var state = Self.state()
        let table = WorkbenchLayout(width: 80, height: 24).runsTable.interior
        press(&state, .mouse(x: 10, y: table.y + 1))          // the first row under the header
        #expect(state.selectedRun?.number == 1)
        press(&state, .mouse(x: 10, y: table.y))              // the header selects nothing
        #expect(state.selectedRun?.number == 1)
        press(&state, .mouse(x: 10, y: table.y + 3))
        #expect(state.selectedRun?.number == 3)
    }

    // MARK: Snapshots

    @Test(arguments: ScreenSnapshotTests.sizes.map { [$0.0, $0.1] })
    func sweepChartSnapshot(size: [Int]) {
        var state = Self.state(width: size[0], height: size[1])
        press(&state, .up)
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "runs-sweep-\(size[0])x\(size[1])")
    }

    @Test func comparisonSnapshot() {
        var state = Self.state()
        press(&state, .character(" "), .up, .character(" "))
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "runs-compare-80x24")
    }

    @Test func hyperparameterFormAndDeleteSnapshots() {
        var state = Self.state()
        press(&state, .character("h"))
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "runs-hyperparameters-80x24")
        press(&state, .escape, .character("d"))
        SnapshotAssert.checkWithStyles(WorkbenchRenderer.render(state), named: "runs-delete-80x24")
    }
}
