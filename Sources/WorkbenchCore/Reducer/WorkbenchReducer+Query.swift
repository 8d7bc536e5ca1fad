import Foundation

extension WorkbenchReducer {
    /// Query screen keys: `/` focuses the prompt; `n`/`p` pick the next/previous test point;
    /// `#` opens the prompt to type a test point number; `+`/`-` change the beam width and re-run;
    /// arrows move in the focused pane; Enter on a ranked label shows it in the tree.
    static func reduceQuery(_ state: inout WorkbenchState, key: Key) -> [Effect] {
        switch key {
        case .character("/"):
            state.focus(.queryPrompt)
            return []
        case .character("#"):
            state.focus(.queryPrompt)
            state.queryScreen.prompt.setText("#")
            return []
        case .character("n"):
            return pickTestPoint(&state, step: 1)
        case .character("p"):
            return pickTestPoint(&state, step: -1)
        case .character("+"), .character("="):
            return changeBeamWidth(&state, upward: true)
        case .character("-"):
            return changeBeamWidth(&state, upward: false)
        default:
            break
        }
        switch state.focus {
        case .queryLabels: reduceLabelList(&state, key: key)
        case .queryBeam: reduceBeamTree(&state, key: key)
        default: break
        }
        return []
    }

    /// The label list: arrows move; Enter shows a returned label in the tree, or a missed true
    /// label's drill-down; `w` (why) shows the drill-down of any true label.
    static func reduceLabelList(_ state: inout WorkbenchState, key: Key) {
        guard let result = state.queryScreen.result else { return }
        let rows = result.labelRows
        if let next = navigate(state.queryScreen.labelSelection, count: rows.count, key: key, page: 5) {
            state.queryScreen.labelSelection = next
            return
        }
        guard state.queryScreen.labelSelection < rows.count else { return }
        let row = rows[state.queryScreen.labelSelection]
        switch (key, row) {
        case (.enter, .ranked(let rank)):
            showLabelInTree(&state, label: result.ranked[rank].label)
        case (.enter, .missed(let fate)), (.character("w"), .missed(let fate)):
            openDrillDown(&state, label: fate.label)
        case (.character("w"), .ranked(let rank)) where result.ranked[rank].isTrue:
            openDrillDown(&state, label: result.ranked[rank].label)
        default:
            break
        }
    }

    /// Shows the chain of true label `label` in the beam pane and focuses it.
    static func openDrillDown(_ state: inout WorkbenchState, label: Int) {
        state.queryScreen.drillDownLabel = label
        state.queryScreen.beamScroll = 0
        state.focus(.queryBeam)
    }

    /// The beam tree: arrows move the selection; Enter/→ expands a pruned count, Enter on a red
    /// (pruned true-label) node opens its drill-down, ← or Enter on a shown pruned node folds its
    /// group again; `e` expands or folds every group. In the drill-down, ↑↓ scroll and Esc/← go back.
    static func reduceBeamTree(_ state: inout WorkbenchState, key: Key) {
        guard let result = state.queryScreen.result else { return }
        if state.queryScreen.drillDownLabel != nil {
            switch key {
            case .up, .character("k"): state.queryScreen.beamScroll = max(0, state.queryScreen.beamScroll - 1)
            case .down, .character("j"): state.queryScreen.beamScroll += 1
            case .pageUp: state.queryScreen.beamScroll = max(0, state.queryScreen.beamScroll - 10)
            case .pageDown: state.queryScreen.beamScroll += 10
            case .escape, .left, .enter, .backspace: state.queryScreen.drillDownLabel = nil
            default: break
            }
            return
        }
        let rows = result.beamRows(expanded: state.queryScreen.beamExpanded, expandAll: state.queryScreen.beamExpandAll)
        let page = max(1, WorkbenchLayout(width: state.width, height: state.height).queryBeam.height - 4)
        if let next = navigate(state.queryScreen.beamSelection, count: rows.count, key: key, page: page) {
            state.queryScreen.beamSelection = next
            return
        }
        if key == .character("e") {
            state.queryScreen.beamExpandAll.toggle()
            if !state.queryScreen.beamExpandAll { state.queryScreen.beamExpanded = [] }
            state.queryScreen.beamSelection = 0
            return
        }
        let index = min(state.queryScreen.beamSelection, max(0, rows.count - 1))
        guard index < rows.count else { return }
        let row = rows[index]
        switch (key, row.content) {
        case (.enter, .node(let node)) where node.truth == .prunedAncestor:
            if let label = result.lostLabel(through: node.node, atLevel: node.level) { openDrillDown(&state, label: label) }
        case (.enter, .prunedGroup(let group, _, _)), (.right, .prunedGroup(let group, _, _)):
            state.queryScreen.beamExpanded.insert(group)
        case (.enter, .node), (.left, .node):
            guard let group = row.group, state.queryScreen.beamExpanded.contains(group) else { return }
            state.queryScreen.beamExpanded.remove(group)
            // Keep the selection on the folded group's count row.
            let folded = result.beamRows(expanded: state.queryScreen.beamExpanded, expandAll: state.queryScreen.beamExpandAll)
            if let position = folded.firstIndex(where: { $0.group == group }) { state.queryScreen.beamSelection = position }
        default:
            break
        }
    }

    /// A key while the prompt has focus: Enter submits (text, or `#N` for test point N), Esc
    /// leaves, Tab moves focus; everything else edits.
    static func reducePrompt(_ state: inout WorkbenchState, key: Key) -> [Effect]? {
        guard state.focus == .queryPrompt else { return nil }
        if key == .tab || key == .backTab { return nil }
        var editor = state.queryScreen.prompt
        let outcome = editor.handle(key)
        state.queryScreen.prompt = editor
        switch outcome {
        case .ignored:
            return []
        case .edited:
            return []
        case .cancelled:
            state.focus(.queryBeam)
            return []
        case .submitted(let line):
            return submitQueryLine(&state, line)
        }
    }

    /// A line submitted at the Query prompt: `#N` picks test point N, other text is asked.
    static func submitQueryLine(_ state: inout WorkbenchState, _ line: String) -> [Effect] {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return [] }
        if text.hasPrefix("#") {
            guard let number = Int(text.dropFirst().trimmingCharacters(in: .whitespaces)) else {
                state.queryScreen.message = "Type # and a test point number, e.g. #12"
                return []
            }
            return pickTestPoint(&state, number: number)
        }
        return runQuery(&state, QueryRequest(input: .text(text), beamWidth: state.queryScreen.beamWidth,
                                             topK: state.queryScreen.topK))
    }

    /// Picks the test point `number` (1-based) and queries it.
    static func pickTestPoint(_ state: inout WorkbenchState, number: Int) -> [Effect] {
        let count = state.data?.testCount ?? 0
        guard count > 0 else {
            state.queryScreen.message = "This dataset has no test split"
            return []
        }
        guard number >= 1, number <= count else {
            state.queryScreen.message = "Test points are numbered 1 to \(Format.count(count))"
            return []
        }
        state.queryScreen.testPoint = number - 1
        state.focus(.queryBeam)
        return runQuery(&state, QueryRequest(input: .testPoint(number - 1), beamWidth: state.queryScreen.beamWidth,
                                             topK: state.queryScreen.topK))
    }

    /// `n`/`p`: the next or previous test point (the first `n` picks point 1).
    static func pickTestPoint(_ state: inout WorkbenchState, step: Int) -> [Effect] {
        let count = state.data?.testCount ?? 0
        guard count > 0 else {
            state.queryScreen.message = "This dataset has no test split"
            return []
        }
        var index = state.queryScreen.testPoint
        if case .testPoint = state.queryScreen.lastRequest?.input {
            index = (index + step + count) % count
        }
        return pickTestPoint(&state, number: index + 1)
    }

    /// `+`/`-`: steps the beam width through 1, 2, 4, 8, 16, 32… (from a width between two powers
    /// of two, to the next one up or down) and re-runs the last query.
    static func changeBeamWidth(_ state: inout WorkbenchState, upward: Bool) -> [Effect] {
        let width = nextBeamWidth(after: state.queryScreen.beamWidth, upward: upward)
        state.queryScreen.beamWidth = width
        guard var request = state.queryScreen.lastRequest else { return [] }
        request.beamWidth = width
        return runQuery(&state, request)
    }

    /// The power of two after `width` (upward) or before it (downward), within 1...1024.
    static func nextBeamWidth(after width: Int, upward: Bool) -> Int {
        var power = 1
        while power <= width { power *= 2 }
        // `power` is now the smallest power of two above `width`.
        if upward { return min(1024, power) }
        let below = power / 2 == width ? width / 2 : power / 2
        return max(1, below)
    }

    /// Records and returns a query effect, or explains why there is no model yet.
    static func runQuery(_ state: inout WorkbenchState, _ request: QueryRequest) -> [Effect] {
        state.queryScreen.lastRequest = request
        guard state.treeOverview != nil else {
            state.queryScreen.message = state.isTraining
                ? "A training is running; queries work once it finishes"
                : "No model yet: train one on the Train screen (2, then s)"
            return []
        }
        return [.runQuery(request)]
    }

    /// Switches to the Tree screen with `label` selected and its path expanded.
    static func showLabelInTree(_ state: inout WorkbenchState, label: Int) {
        guard let overview = state.treeOverview, label < overview.tree.labelCount else { return }
        let leaf = TreeNodeID(level: overview.tree.depth, index: label)
        for ancestor in TreeOutline.ancestors(of: leaf, in: overview) { state.treeScreen.expanded.insert(ancestor) }
        state.treeScreen.selected = leaf
        state.screen = .tree
        state.focus(.treeOutline)
    }
}
