/// Screen 5: the runs of this session, side by side.
public enum RunsScreen {
    /// Draws the Runs screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        let rect = layout.runsTable
        buffer.drawBox(rect, title: "Runs of this session", focused: true)
        let inner = rect.inset(dx: 1, dy: 1)
        guard !state.runs.isEmpty else {
            let text = "No runs yet. Every training you finish on the Train screen (2) is listed here with its "
                + "parameters, P@1/3/5, R@5, training time and model size."
            buffer.drawWrapped(text, in: inner.inset(dx: 1, dy: 1), style: .muted)
            return
        }
        let wide = inner.width >= 110
        var columns: [TableColumn] = [
            TableColumn("run", width: 3, alignment: .right), TableColumn("B", width: 3, alignment: .right),
            TableColumn("leaf/depth", width: 10, alignment: .right), TableColumn("beam", width: 4, alignment: .right),
        ]
        if wide {
            columns += [TableColumn("repr", width: 10), TableColumn("solver", width: 8), TableColumn("neg", width: 7),
                        TableColumn("C", width: 5, alignment: .right)]
        }
        columns += [
            TableColumn("P@1", width: 5, alignment: .right), TableColumn("P@3", width: 5, alignment: .right),
            TableColumn("P@5", width: 5, alignment: .right), TableColumn("R@5", width: 5, alignment: .right),
            TableColumn("time", width: 8, alignment: .right), TableColumn("size", width: 9, alignment: .right),
        ]
        let best = state.runs.map(\.summary.precisionAt1).max()
        let rows = state.runs.map { run -> [String] in
            let p = run.parameters
            let s = run.summary
            var row = ["\(run.number)", "\(p.branching)", p.depth.map { "depth \($0)" } ?? "leaf \(p.maxLeafSize)",
                       "\(p.beamWidth)"]
            if wide {
                row += [p.representation.rawValue, p.solver.rawValue, p.negatives.rawValue, TrainingField.decimalText(p.cost)]
            }
            row += [Format.decimal(s.precisionAt1), Format.decimal(s.precisionAt3), Format.decimal(s.precisionAt5),
                    Format.decimal(s.recallAt5), Format.seconds(s.trainingSeconds), Format.bytes(s.modelBytes)]
            return row
        }
        let styles = state.runs.map { $0.summary.precisionAt1 == best ? CellStyle.good : CellStyle.plain }
        buffer.drawTable(Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height),
                         columns: columns, rows: rows, rowStyles: styles, selected: state.runSelection, gap: 2)
    }
}
