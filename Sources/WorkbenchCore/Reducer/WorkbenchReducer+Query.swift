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
            return changeBeamWidth(&state, by: 1)
        case .character("-"):
            return changeBeamWidth(&state, by: -1)
        default:
            break
        }
        switch state.focus {
        case .queryLabels:
            let count = state.queryScreen.result?.ranked.count ?? 0
            if let next = navigate(state.queryScreen.labelSelection, count: count, key: key, page: 5) {
                state.queryScreen.labelSelection = next
            } else if key == .enter, let result = state.queryScreen.result,
                      state.queryScreen.labelSelection < result.ranked.count {
                showLabelInTree(&state, label: result.ranked[state.queryScreen.labelSelection].label)
            }
        case .queryBeam:
            switch key {
            case .up, .character("k"): state.queryScreen.beamScroll = max(0, state.queryScreen.beamScroll - 1)
            case .down, .character("j"): state.queryScreen.beamScroll += 1
            case .pageUp: state.queryScreen.beamScroll = max(0, state.queryScreen.beamScroll - 10)
            case .pageDown: state.queryScreen.beamScroll += 10
            case .home: state.queryScreen.beamScroll = 0
            default: break
            }
        default:
            break
        }
        return []
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
            state.focus(.queryLabels)
            return []
        case .submitted(let line):
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
        state.focus(.queryLabels)
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

    /// `+`/`-`: changes the beam width and re-runs the last query.
    static func changeBeamWidth(_ state: inout WorkbenchState, by step: Int) -> [Effect] {
        let width = min(1000, max(1, state.queryScreen.beamWidth + step))
        state.queryScreen.beamWidth = width
        guard var request = state.queryScreen.lastRequest else { return [] }
        request.beamWidth = width
        return runQuery(&state, request)
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
