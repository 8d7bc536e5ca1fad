import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// The Query screen's beam tree and drill-down on the model trained on the sample: a test point
/// with a true label lost in the beam shows a red pruned ancestor; its drill-down says which beam
/// keeps it; focus is visible and `j` on a pane never types into the prompt.
@Suite(.serialized) struct BeamPathScreenTests {
    /// The Query screen at `width` × `height` answering the first test point whose true label was
    /// pruned above the labels at beam 2 (the state, that point's result, and the lost label).
    static func stateWithLostLabel(width: Int, height: Int) throws -> (WorkbenchState, QueryResult, Int) {
        var state = EngineScreenTests.state(width: width, height: height)
        _ = WorkbenchReducer.reduce(&state, key: .character("4"))
        for key in [Key.character("-"), .character("-"), .character("-")] { _ = WorkbenchReducer.reduce(&state, key: key) }
        #expect(state.queryScreen.beamWidth == 2, "10 steps down to 8, 4, 2")
        let model = EngineScreenTests.trained.model
        for point in 0..<100 {
            let result = try model.answer(QueryRequest(input: .testPoint(point), beamWidth: 2, topK: 5),
                                          dataset: EngineScreenTests.smallDataset)
            let explanation = try #require(result.explanation)
            if let lost = explanation.lostFates.first(where: { ($0.lostAtLevel ?? Int.max) < explanation.depth }) {
                let effects = WorkbenchReducer.reduce(&state, key: .character("#"))
                    + Key.typing("\(point + 1)").flatMap { WorkbenchReducer.reduce(&state, key: $0) }
                    + WorkbenchReducer.reduce(&state, key: .enter)
                guard case .runQuery(let request) = effects.last else { throw SnapshotError.noQuery }
                state.queryScreen.topK = 5
                var asked = request
                asked.topK = 5
                let answer = try model.answer(asked, dataset: EngineScreenTests.smallDataset)
                _ = WorkbenchReducer.apply(&state, event: .queryAnswered(answer))
                return (state, answer, lost.label)
            }
        }
        throw SnapshotError.noLostLabel
    }

    enum SnapshotError: Error { case noQuery, noLostLabel }

    @Test(arguments: [[80, 24], [120, 40]])
    func lostLabelShowsARedPrunedAncestorAndItsDrillDown(size: [Int]) throws {
        var (state, result, lost) = try Self.stateWithLostLabel(width: size[0], height: size[1])
        #expect(state.focus == .queryBeam)
        let buffer = WorkbenchRenderer.render(state)
        let text = buffer.renderedText()
        #expect(text.contains("├─"))
        #expect(text.contains("└─"))
        // The red row: a pruned ancestor of a true label, marked ✗ and drawn in the bad colour.
        let redRow = try #require((0..<buffer.height).first { buffer.line($0).contains("✗ #") },
                                  "a ✗ pruned ancestor row:\n\(text)")
        let x = try #require(Array(buffer.line(redRow)).firstIndex(of: "✗"))
        #expect(buffer[x, redRow].style.role == .bad)
        // The focused pane's title is reverse video, and the status line lists its keys.
        let layout = WorkbenchLayout(width: state.width, height: state.height)
        #expect(buffer[layout.queryBeam.x + 3, layout.queryBeam.y].style.reverse)
        #expect(buffer.line(state.height - 1).contains("expand"))
        SnapshotAssert.checkWithStyles(buffer, named: "beam-tree-\(size[0])x\(size[1])")

        // Enter on the red row opens the drill-down of a label lost through it.
        let rows = result.beamRows(expanded: [], expandAll: false)
        let redIndex = try #require(rows.firstIndex { if case .node(let n) = $0.content { n.truth == .prunedAncestor } else { false } })
        state.queryScreen.beamSelection = redIndex
        _ = WorkbenchReducer.reduce(&state, key: .enter)
        let opened = try #require(state.queryScreen.drillDownLabel)
        #expect(result.fate(ofLabel: opened)?.returnedRank == nil)
        _ = WorkbenchReducer.reduce(&state, key: .escape)
        #expect(state.queryScreen.drillDownLabel == nil)

        // From the label list: the ✗ row of the lost label, Enter, and the chain says which beam keeps it.
        _ = WorkbenchReducer.reduce(&state, key: .tab)
        #expect(state.focus == .queryLabels)
        let listIndex = try #require(result.labelRows.firstIndex { if case .missed(let f) = $0 { f.label == lost } else { false } })
        state.queryScreen.labelSelection = listIndex
        _ = WorkbenchReducer.reduce(&state, key: .enter)
        #expect(state.queryScreen.drillDownLabel == lost)
        #expect(state.focus == .queryBeam)
        let drill = WorkbenchRenderer.render(state)
        #expect(drill.renderedText().contains("PRUNED: beam ≥ "), "\(drill.renderedText())")
        #expect(drill.renderedText().contains("Why \""))
        SnapshotAssert.checkWithStyles(drill, named: "beam-drill-down-\(size[0])x\(size[1])")
    }

    @Test func jOnAFocusedPaneNeverReachesThePrompt() throws {
        var (state, _, _) = try Self.stateWithLostLabel(width: 120, height: 40)
        for _ in 0..<3 {
            _ = WorkbenchReducer.reduce(&state, key: .character("j"))
            _ = WorkbenchReducer.reduce(&state, key: .character("k"))
            _ = WorkbenchReducer.reduce(&state, key: .character("j"))
            _ = WorkbenchReducer.reduce(&state, key: .tab)
            if state.focus == .queryPrompt { _ = WorkbenchReducer.reduce(&state, key: .tab) }
        }
        #expect(state.queryScreen.prompt.text.isEmpty)
        #expect(state.queryScreen.beamSelection > 0 || state.queryScreen.labelSelection > 0)
    }

    @Test func expandingAPrunedCountShowsItsNodesDimmed() throws {
        var (state, result, _) = try Self.stateWithLostLabel(width: 120, height: 40)
        let rows = result.beamRows(expanded: [], expandAll: false)
        let groupIndex = try #require(rows.firstIndex { if case .prunedGroup = $0.content { true } else { false } })
        guard case .prunedGroup(let group, let count, _) = rows[groupIndex].content else { return }
        state.queryScreen.beamSelection = groupIndex
        _ = WorkbenchReducer.reduce(&state, key: .right)
        #expect(state.queryScreen.beamExpanded.contains(group))
        let opened = result.beamRows(expanded: state.queryScreen.beamExpanded, expandAll: false)
        #expect(opened.count == rows.count + count - 1)
        let shown = opened.filter { $0.group == group }
        #expect(shown.allSatisfy { if case .node(let n) = $0.content { !n.kept } else { false } })
        _ = WorkbenchReducer.reduce(&state, key: .left)
        #expect(!state.queryScreen.beamExpanded.contains(group))
    }

    @Test func beamWidthStepsByPowersOfTwo() {
        #expect(WorkbenchReducer.nextBeamWidth(after: 10, upward: true) == 16)
        #expect(WorkbenchReducer.nextBeamWidth(after: 10, upward: false) == 8)
        #expect(WorkbenchReducer.nextBeamWidth(after: 8, upward: false) == 4)
        #expect(WorkbenchReducer.nextBeamWidth(after: 16, upward: true) == 32)
        #expect(WorkbenchReducer.nextBeamWidth(after: 1, upward: false) == 1)
    }
}
