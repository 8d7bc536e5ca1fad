/// The `?` key reference and the quit confirmation, drawn over the current screen.
public enum HelpOverlay {
    /// Lines of the key reference: (keys, meaning); an empty key starts a section.
    static let entries: [(String, String)] = [
        ("", "Everywhere"),
        ("1 … 5", "Data, Train, Tree, Query, Runs"),
        ("Tab / Shift-Tab", "move the focus between panes"),
        ("↑↓ j k PgUp PgDn", "move in the focused pane"),
        ("Enter", "activate: edit, open, ask"),
        ("c", "cancel the running training"),
        ("? / q", "this help / quit (asks while training)"),
        ("", "Screens"),
        ("Data  n / p", "next / previous example"),
        ("Train  s · d", "start training · field default"),
        ("Tree  / · n", "search label names · next match"),
        ("Query  /", "type a query, Enter asks, Esc leaves"),
        ("Query  n / p · #N", "test points · test point N"),
        ("Query  + / -", "wider / narrower beam, asks again"),
        ("Runs  o space b h d p", "sort, mark, sweeps, delete, calibrate"),
        ("", "Editing a prompt"),
        ("←→ Home End", "move (also Ctrl-A / Ctrl-E)"),
        ("Ctrl-K Ctrl-U Ctrl-W", "kill to end / to start / word"),
        ("↑↓", "history"),
    ]

    /// Draws the key reference centred on the screen.
    public static func draw(_ state: WorkbenchState, into buffer: inout ScreenBuffer) {
        let width = min(buffer.width - 4, 66)
        let height = min(buffer.height - 2, entries.count + 4)
        let rect = Rect(x: (buffer.width - width) / 2, y: max(1, (buffer.height - height) / 2), width: width, height: height)
        buffer.fill(rect)
        buffer.drawBox(rect, title: "Keys", focused: true)
        let inner = rect.inset(dx: 2, dy: 1)
        for (i, entry) in entries.prefix(inner.height - 1).enumerated() {
            let y = inner.y + i
            if entry.0.isEmpty {
                buffer.write(entry.1, x: inner.x, y: y, style: .title)
            } else {
                buffer.write(entry.0, x: inner.x + 1, y: y, width: 22, alignment: .left, style: .bold)
                buffer.write(entry.1, x: inner.x + 24, y: y, style: .plain, maxWidth: inner.width - 24)
            }
        }
        buffer.write("any key closes this help", x: inner.x, y: inner.maxY - 1, style: .muted)
    }

    /// Draws the "delete run N?" question.
    public static func drawConfirmDeleteRun(_ run: SessionRun?, number: Int, directory: String,
                                            into buffer: inout ScreenBuffer) {
        let width = 56
        let rect = Rect(x: (buffer.width - width) / 2, y: buffer.height / 2 - 3, width: width, height: 6)
        buffer.fill(rect)
        buffer.drawBox(rect, title: "Delete run \(number)?", focused: true)
        let folder = run.map { "\(directory)/\($0.modelFolder)" } ?? "its model folder"
        buffer.write("Removes the run and \(folder).", x: rect.x + 2, y: rect.y + 2, maxWidth: width - 4)
        buffer.write("Delete it?  y = delete · n = keep", x: rect.x + 2, y: rect.y + 3, style: .bold)
    }

    /// Draws the "quit while training?" question.
    public static func drawConfirmQuit(into buffer: inout ScreenBuffer) {
        let width = 46
        let rect = Rect(x: (buffer.width - width) / 2, y: buffer.height / 2 - 3, width: width, height: 6)
        buffer.fill(rect)
        buffer.drawBox(rect, title: "Quit?", focused: true)
        buffer.write("A training is running and would be lost.", x: rect.x + 2, y: rect.y + 2)
        buffer.write("Quit anyway?  y = quit · n = stay", x: rect.x + 2, y: rect.y + 3, style: .bold)
    }
}
