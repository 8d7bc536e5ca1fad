/// Turns keys and engine events into state changes and effects. Pure: no I/O, no clock, so the
/// whole key contract is tested by feeding keys and looking at the state.
///
/// Key contract: `1`–`5` switch screens; Tab/Shift-Tab move focus; arrows and `j`/`k` move;
/// Enter activates; `s` on Train starts training; `c` cancels it (or a beam sweep); `/` focuses the query prompt
/// (on Tree: searches label names); Esc leaves a prompt; `?` shows help; `q` quits (asking first
/// while a training runs). Typed characters go to a prompt that has focus. Unknown keys do nothing.
public enum WorkbenchReducer {
    /// Applies one key to `state` and returns the effects the app must perform.
    public static func reduce(_ state: inout WorkbenchState, key: Key) -> [Effect] {
        if case .resize(let width, let height) = key {
            state.width = max(0, width)
            state.height = max(0, height)
            return []
        }
        if key == .unknown { return [] }
        // Alt-x outside readline is Esc followed quickly by x.
        if case .alt(let c) = key { return reduce(&state, key: .escape) + reduce(&state, key: .character(c)) }
        state.message = nil
        state.messageIsError = false

        if let overlay = state.overlay { return reduceOverlay(overlay, &state, key: key) }
        if state.isTooSmall {
            return key == .character("q") ? requestQuit(&state) : []
        }
        if case .mouse(let x, let y) = key { return reduceMouse(&state, x: x, y: y) }
        if state.isTyping, let effects = reduceTyping(&state, key: key) { return effects }

        switch key {
        case .character(let c) where ("1"..."5").contains(c):
            state.screen = Screen(rawValue: Int(String(c))! - 1)!
            return []
        case .tab:
            moveFocus(&state, by: 1)
            return []
        case .backTab:
            moveFocus(&state, by: -1)
            return []
        case .character("?"):
            state.overlay = .help
            return []
        case .character("q"):
            return requestQuit(&state)
        case .character("c"):
            if state.isTraining {
                let queued = state.runsScreen.queue.count
                state.runsScreen.queue = []
                state.message = queued > 0 ? "Cancelling the training and the \(queued) queued after it…"
                    : "Cancelling the training…"
                return [.cancelTraining]
            }
            if state.runsScreen.sweep.isRunning {
                state.message = "Cancelling the beam-width sweep…"
                return [.cancelSweep]
            }
            if state.runsScreen.calibrating != nil {
                state.message = "Cancelling the calibration…"
                return [.cancelCalibration]
            }
            state.message = "No training, sweep or calibration is running"
            return []
        default:
            break
        }
        switch state.screen {
        case .data: return reduceData(&state, key: key)
        case .train: return reduceTrain(&state, key: key)
        case .tree: return reduceTree(&state, key: key)
        case .query: return reduceQuery(&state, key: key)
        case .runs: return reduceRuns(&state, key: key)
        }
    }

    /// `q`: quits at once, or asks first when a training would be lost.
    static func requestQuit(_ state: inout WorkbenchState) -> [Effect] {
        if state.isTraining {
            state.overlay = .confirmQuit
            return []
        }
        return [.quit]
    }

    /// Keys while an overlay is shown.
    static func reduceOverlay(_ overlay: Overlay, _ state: inout WorkbenchState, key: Key) -> [Effect] {
        switch overlay {
        case .help:
            if key == .character("q") && !state.isTraining { return [.quit] }
            state.overlay = nil
            return []
        case .confirmDeleteRun(let number):
            return reduceConfirmDelete(&state, run: number, key: key)
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"):
                state.overlay = nil
                return [.cancelTraining, .quit]
            case .character("n"), .character("N"), .escape, .character("q"):
                state.overlay = nil
                return []
            default:
                return []
            }
        }
    }

    /// Tab / Shift-Tab: cycles the focus through the screen's panes (leaving any prompt).
    static func moveFocus(_ state: inout WorkbenchState, by step: Int) {
        let count = state.screen.panes.count
        let current = state.focusIndex[state.screen] ?? 0
        state.focusIndex[state.screen] = ((current + step) % count + count) % count
    }

    /// A key while an editor has focus; nil when the editor does not want it (global keys apply).
    static func reduceTyping(_ state: inout WorkbenchState, key: Key) -> [Effect]? {
        switch state.screen {
        case .train: return reduceFieldEditor(&state, key: key)
        case .tree: return reduceTreeSearch(&state, key: key)
        case .query: return reducePrompt(&state, key: key)
        case .runs: return reduceRunsTyping(&state, key: key)
        case .data: return nil
        }
    }

    /// Moves a selection by a navigation key within `count` rows; `page` rows per PageUp/Down.
    /// Returns nil when the key is not a navigation key.
    static func navigate(_ selection: Int, count: Int, key: Key, page: Int) -> Int? {
        guard count > 0 else { return nil }
        let next: Int
        switch key {
        case .up, .character("k"): next = selection - 1
        case .down, .character("j"): next = selection + 1
        case .pageUp: next = selection - max(1, page)
        case .pageDown: next = selection + max(1, page)
        case .home, .character("g"): next = 0
        case .end, .character("G"): next = count - 1
        default: return nil
        }
        return min(count - 1, max(0, next))
    }
}
