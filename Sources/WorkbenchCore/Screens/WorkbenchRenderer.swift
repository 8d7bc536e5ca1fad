/// Draws a `WorkbenchState` into a `ScreenBuffer`: tabs, the current screen, the status line and
/// any overlay. Pure and deterministic, so screens are tested as text snapshots.
public enum WorkbenchRenderer {
    /// Renders the whole workbench for the state's terminal size.
    public static func render(_ state: WorkbenchState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        if state.isTooSmall {
            drawTooSmall(state, into: &buffer)
            return buffer
        }
        let layout = WorkbenchLayout(width: state.width, height: state.height)
        buffer.drawTabs(Screen.allCases.map(\.title), selected: state.screen.rawValue, y: 0,
                        trailing: tabTrailer(state))
        switch state.screen {
        case .data: DataScreen.draw(state, layout: layout, into: &buffer)
        case .train: TrainScreen.draw(state, layout: layout, into: &buffer)
        case .tree: TreeScreen.draw(state, layout: layout, into: &buffer)
        case .query: QueryScreen.draw(state, layout: layout, into: &buffer)
        case .runs: RunsScreen.draw(state, layout: layout, into: &buffer)
        }
        switch state.overlay {
        case .help: HelpOverlay.draw(state, into: &buffer)
        case .confirmQuit: HelpOverlay.drawConfirmQuit(into: &buffer)
        case .confirmDeleteRun(let number):
            HelpOverlay.drawConfirmDeleteRun(state.session.run(numbered: number), number: number,
                                             directory: state.sessionsDirectory, into: &buffer)
        case nil: break
        }
        buffer.drawStatusLine(y: state.height - 1, hints: StatusHints.hints(for: state), message: state.message,
                              messageStyle: state.messageIsError ? .bad : .plain)
        return buffer
    }

    /// The right side of the tab row: dataset, session, and a training indicator.
    static func tabTrailer(_ state: WorkbenchState) -> String {
        var parts: [String] = []
        if case .running(let progress) = state.trainScreen.status {
            // The step really running, on every screen.
            parts.append("training…" + (progress.runningStep.map { " (\($0.step.title))" } ?? ""))
        }
        if let data = state.data {
            parts.append(data.name)
        } else if state.isLoading {
            parts.append("loading…")
        }
        parts.append("session \(state.sessionName)")
        // Keep the trailer clear of the tabs: drop the session, then the dataset, when too long.
        let tabsEnd = TabBar.ranges(titles: Screen.allCases.map(\.title)).last?.upperBound ?? 0
        let room = state.width - tabsEnd - 3
        while parts.count > 1, parts.joined(separator: " · ").displayWidth > room { parts.removeLast() }
        return parts.joined(separator: " · ")
    }

    /// The "enlarge the window" message for terminals below 80×24.
    static func drawTooSmall(_ state: WorkbenchState, into buffer: inout ScreenBuffer) {
        let text = "Enlarge the window (need \(WorkbenchState.minimumWidth)×\(WorkbenchState.minimumHeight), "
            + "have \(state.width)×\(state.height))."
        let lines = TextWrap.lines(text, width: max(1, state.width - 2)) + ["", "Press q to quit."]
        let top = max(0, (state.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let x = max(0, (state.width - line.displayWidth) / 2)
            buffer.write(line, x: x, y: top + i, style: .warning)
        }
    }
}
