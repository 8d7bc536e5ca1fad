/// The keys that work on the current screen and pane, for the status line.
public enum StatusHints {
    /// The hints for `state`, most specific first.
    public static func hints(for state: WorkbenchState) -> [KeyHint] {
        if state.overlay == .confirmQuit { return [KeyHint("y", "quit"), KeyHint("n", "stay")] }
        if state.overlay == .help { return [KeyHint("any key", "close help")] }
        if case .confirmDeleteRun = state.overlay { return [KeyHint("y", "delete"), KeyHint("n", "keep")] }
        var hints: [KeyHint] = []
        switch state.screen {
        case .data:
            hints = state.focus == .dataLabels
                ? [KeyHint("↑↓", "labels"), KeyHint("PgUp/PgDn", "page")]
                : [KeyHint("n/p", "example"), KeyHint("↑↓", "scroll")]
        case .train:
            if state.trainScreen.fieldEditor != nil {
                return [KeyHint("Enter", "set"), KeyHint("Esc", "cancel"), KeyHint("←→", "cursor")]
            }
            hints = [KeyHint("↑↓", "field"), KeyHint("Enter", "edit"), KeyHint("←→", "choice"), KeyHint("d", "default")]
            hints.append(state.isTraining ? KeyHint("c", "cancel") : KeyHint("s", "start"))
        case .tree:
            if state.treeScreen.search != nil {
                return [KeyHint("type", "label name"), KeyHint("Enter", "done"), KeyHint("Esc", "close")]
            }
            hints = state.focus == .treeDetails
                ? [KeyHint("↑↓", "node"), KeyHint("/", "search")]
                : [KeyHint("↑↓", "move"), KeyHint("Enter", "open/close"), KeyHint("/", "search"), KeyHint("n", "next")]
        case .query:
            if state.focus == .queryPrompt {
                return [KeyHint("Enter", "ask"), KeyHint("Esc", "leave"), KeyHint("↑↓", "history"),
                        KeyHint("Ctrl-R", "search history"), KeyHint("#N", "test point N"), KeyHint("Tab", "focus")]
            }
            switch state.focus {
            case .queryBeam where state.queryScreen.drillDownLabel != nil:
                hints = [KeyHint("Esc", "back to tree"), KeyHint("↑↓", "scroll")]
            case .queryBeam:
                hints = [KeyHint("↑↓", "move"), KeyHint("Enter/→", "expand"), KeyHint("←", "fold"),
                         KeyHint("e", "all"), KeyHint("Enter on ✗", "why")]
            default:
                hints = [KeyHint("↑↓", "label"), KeyHint("Enter", "tree / why ✗"), KeyHint("w", "why")]
            }
            hints += [KeyHint("n/p", "test point"), KeyHint("+/-", "beam"), KeyHint("/", "type")]
        case .runs:
            if state.runsScreen.widthsEditor != nil {
                return [KeyHint("Enter", "sweep"), KeyHint("Esc", "close"), KeyHint("type", "beam widths")]
            }
            if state.runsScreen.hyperparameterForm != nil {
                return [KeyHint("Enter", "start"), KeyHint("↑↓", "parameter"), KeyHint("Esc", "close")]
            }
            hints = [KeyHint("b", "beam sweep"), KeyHint("h", "param sweep"), KeyHint("space", "compare"),
                     KeyHint("o", "sort"), KeyHint("Enter", "load"), KeyHint("d", "delete"), KeyHint("p", "calibrate")]
            if state.selectedRun?.calibration != nil, state.selectedRun?.sweeps.isEmpty == false {
                hints.insert(KeyHint("v", "sweep/reliability"), at: 2)
            }
            let working = state.runsScreen.sweep.isRunning || state.runsScreen.calibrating != nil
            if working && !state.isTraining { hints.insert(KeyHint("c", "cancel"), at: 0) }
        }
        if state.isTraining && state.screen != .train { hints.append(KeyHint("c", "cancel")) }
        hints += [KeyHint("?", "help"), KeyHint("q", "quit"), KeyHint("Tab", "focus"), KeyHint("1-5", "screens")]
        return hints
    }
}
