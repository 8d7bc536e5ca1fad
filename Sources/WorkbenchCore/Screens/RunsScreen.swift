import XMR

/// Screen 5: the runs of this session in a sortable table; below it, the selected run's
/// beam-width sweep as a chart, two marked runs side by side, or the sweep prompts.
public enum RunsScreen {
    /// Draws the Runs screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        drawTable(state, rect: layout.runsTable, into: &buffer)
        drawDetails(state, rect: layout.runsDetails, into: &buffer)
    }

    // MARK: Table

    /// The table of runs, sorted, with marks (✓) and the loaded run (▸).
    static func drawTable(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        buffer.drawBox(rect, title: "Runs of session \(state.sessionName)", focused: true)
        let inner = rect.inset(dx: 1, dy: 1)
        guard !state.runs.isEmpty else {
            let text = "No runs yet. Every training you finish on the Train screen (2) is listed here with its "
                + "parameters, P@1/3/5, R@5, nDCG@5, PSP@5, training time and model size, and saved in the session. "
                + "h queues several trainings (a hyperparameter sweep)."
            buffer.drawWrapped(text, in: inner.inset(dx: 1, dy: 0), style: .muted)
            return
        }
        let sortKey = state.runsScreen.sortKey
        let descending = sortKey.higherIsBetter != state.runsScreen.reversed
        buffer.drawBoxCaption(rect, "sorted by \(sortKey.title) \(descending ? "▼" : "▲")")
        let wide = inner.width >= 110
        var columns: [TableColumn] = [
            TableColumn("", width: 2), TableColumn("run", width: 3, alignment: .right),
            TableColumn("B", width: 3, alignment: .right), TableColumn("leaf", width: 7, alignment: .right),
            TableColumn("beam", width: 4, alignment: .right),
        ]
        if wide {
            columns += [TableColumn("repr", width: 10), TableColumn("solver", width: 8), TableColumn("neg", width: 7),
                        TableColumn("C", width: 5, alignment: .right)]
        }
        columns += [
            TableColumn("P@1", width: 5, alignment: .right), TableColumn("P@3", width: 5, alignment: .right),
            TableColumn("P@5", width: 5, alignment: .right), TableColumn("R@5", width: 5, alignment: .right),
            TableColumn("nDCG@5", width: 6, alignment: .right), TableColumn("PSP@5", width: 5, alignment: .right),
            TableColumn("train", width: 6, alignment: .right),
        ]
        if wide { columns.append(TableColumn("ms/pt", width: 6, alignment: .right)) }
        columns.append(TableColumn("size", width: 8, alignment: .right))

        let runs = state.sortedRuns
        let best = runs.map(\.metrics.precisionAt1).max()
        let rows = runs.map { run -> [String] in
            let p = run.parameters, m = run.metrics
            let flags = (state.runsScreen.marked.contains(run.number) ? "✓" : " ")
                + (state.session.currentRun == run.number ? "▸" : " ")
            var row = [flags, "\(run.number)", "\(p.indexer.branching)", p.indexer.depth.map { "depth \($0)" } ?? "\(p.indexer.maxLeafSize)",
                       "\(p.matcher.beamWidth)"]
            if wide {
                row += [p.representation.algorithm.rawValue, p.ranker.solver.rawValue, p.ranker.negatives.rawValue, TrainingField.decimalText(p.ranker.c)]
            }
            row += [Format.decimal(m.precisionAt1), Format.decimal(m.precisionAt3), Format.decimal(m.precisionAt5),
                    Format.decimal(m.recallAt5), Format.decimal(m.ndcgAt5), m.pspAt5.map { Format.decimal($0) } ?? "–",
                    Format.seconds(run.trainingSeconds)]
            if wide { row.append(Format.decimal(run.predictMillisecondsPerPoint, digits: 2)) }
            row.append(Format.bytes(run.modelBytes))
            return row
        }
        let styles = runs.map { $0.metrics.precisionAt1 == best ? CellStyle.good : CellStyle.plain }
        let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height)
        let first = ListViewport.firstRow(selected: state.runSelection, count: rows.count, height: list.height - 1)
        buffer.drawTable(list, columns: columns, rows: rows, rowStyles: styles, selected: state.runSelection,
                         firstRow: first, gap: 1)
    }

    // MARK: Details

    /// The lower pane: prompts and progress first, then a comparison, a sweep chart or run details.
    static func drawDetails(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        if let form = state.runsScreen.hyperparameterForm {
            drawHyperparameterForm(form, state: state, rect: rect, into: &buffer)
            return
        }
        var body = rect.inset(dx: 2, dy: 1)
        let marked = state.runsScreen.marked.compactMap(state.session.run(numbered:))
        let selected = state.selectedRun
        let title: String
        if marked.count == 2 {
            title = "Run \(marked[0].number) and run \(marked[1].number) side by side"
        } else if let selected, showsReliability(of: selected, state) {
            title = "Reliability of run \(selected.number) on the test split"
        } else if let selected {
            title = selected.sweeps.isEmpty ? "Run \(selected.number)" : "Beam-width sweep of run \(selected.number)"
        } else {
            title = "Sweeps"
        }
        buffer.drawBox(rect, title: title)
        guard body.height > 0 else { return }
        // Status lines: the widths prompt, a running sweep, a running hyperparameter sweep.
        if let editor = state.runsScreen.widthsEditor {
            buffer.drawLineEditor(editor, prompt: "Beam widths: ", x: body.x, y: body.y, width: min(body.width, 60),
                                  focused: true)
            if body.width > 64 {
                buffer.write("Enter sweeps run \(selected?.number ?? 0) · Esc", x: body.x + 62, y: body.y, style: .muted,
                             maxWidth: body.width - 62)
            }
            body = body.inset(top: 1)
        }
        if case .running(let run, let progress) = state.runsScreen.sweep {
            let label = "Sweeping run \(run): " + (progress.currentWidth.map { "beam \($0), " } ?? "")
                + "\(progress.widthsDone)/\(progress.widthsTotal) widths  "
            let used = buffer.write(label, x: body.x, y: body.y, style: .bold, maxWidth: body.width)
            buffer.drawBar(x: body.x + used, y: body.y, width: max(0, min(30, body.width - used)), fraction: progress.fraction)
            body = body.inset(top: 1)
        }
        if let calibrating = state.runsScreen.calibrating {
            buffer.write("Calibrating run \(calibrating): training a copy on 80% of the training split, fitting on the rest"
                         + " (c cancels)", x: body.x, y: body.y, style: .bold, maxWidth: body.width)
            body = body.inset(top: 1)
        }
        if let label = state.runsScreen.queueLabel {
            let done = state.runsScreen.queueTotal - state.runsScreen.queue.count
            let text = "Hyperparameter sweep \(label): training \(done) of \(state.runsScreen.queueTotal)"
                + (state.isTraining ? " (progress on the Train screen, c cancels)" : "")
            buffer.write(text, x: body.x, y: body.y, style: .bold, maxWidth: body.width)
            body = body.inset(top: 1)
        }
        guard body.height > 0 else { return }
        if marked.count == 2 {
            drawComparison(marked[0], marked[1], rect: body, into: &buffer)
        } else if let selected, let calibration = selected.calibration, showsReliability(of: selected, state) {
            drawReliability(calibration, rect: body, into: &buffer)
        } else if let selected {
            if let sweep = selected.sweeps.last {
                drawSweep(sweep, of: selected, rect: body, into: &buffer)
            } else {
                drawRunSummary(selected, state: state, rect: body, into: &buffer)
            }
        } else {
            buffer.drawWrapped("A beam-width sweep evaluates a run's model at beam widths 1, 2, 4 … 32 and charts "
                               + "P@1, P@5 and the time per query against the width.", in: body, style: .muted)
        }
    }

    /// The newest sweep of `run` as a chart, the numbers under it, and a caption saying what was measured.
    static func drawSweep(_ sweep: BeamWidthSweep, of run: SessionRun, rect: Rect, into buffer: inout ScreenBuffer) {
        let caption = "\(sweep.evaluatedPoints) test points; latency: median (and mean) of \(sweep.timedPoints) queries one at a time"
            + (run.sweeps.count > 1 ? " (newest of \(run.sweeps.count) sweeps)" : "") + " · b sweeps again"
        buffer.write(caption, x: rect.x, y: rect.maxY - 1, style: .muted, maxWidth: rect.width)
        // The whole table when the chart keeps 6 rows, else beam, P@1 and the median only.
        var table = sweepTable(sweep)
        if rect.height - 1 - table.count < 6 { table = [table[0], table[1], table[3]] }
        let tableHeight = rect.height - 1 - table.count >= 6 ? table.count : 0
        for (i, line) in table.prefix(tableHeight).enumerated() {
            buffer.write(line, x: rect.x, y: rect.maxY - 1 - tableHeight + i, style: i == 0 ? .bold : .plain, maxWidth: rect.width)
        }
        let canvas = BeamSweepChart.canvas(sweep, width: min(rect.width, 110), height: rect.height - 1 - tableHeight)
        buffer.drawChart(canvas, x: rect.x, y: rect.y)
    }

    /// True when the lower pane shows `run`'s reliability diagram: it has a calibration, and either
    /// no sweep or `v` asked for it.
    static func showsReliability(of run: SessionRun, _ state: WorkbenchState) -> Bool {
        run.calibration != nil && (run.sweeps.isEmpty || state.runsScreen.showsReliability)
    }

    /// A run's reliability diagram with ECE and Brier before and after beside it.
    static func drawReliability(_ calibration: RunCalibration, rect: Rect, into buffer: inout ScreenBuffer) {
        let chartWidth = min(rect.width, 5 + 2 * (rect.height - 2))
        buffer.drawChart(ReliabilityChart.canvas(calibration, width: chartWidth, height: rect.height), x: rect.x, y: rect.y)
        let x = rect.x + chartWidth + 3
        let width = rect.maxX - x
        guard width >= 24 else { return }
        var lines: [(String, CellStyle)] = [
            ("● \(calibration.method.rawValue): ECE \(Format.decimal(calibration.after.ece)), "
                + "Brier \(Format.decimal(calibration.after.brier))", CellStyle(bold: true, role: .good)),
            ("o raw scores: ECE \(Format.decimal(calibration.before.ece)), Brier \(Format.decimal(calibration.before.brier))",
             .warning),
            ("· the diagonal: perfectly calibrated", .muted),
            ("", .plain),
        ]
        if let threshold = calibration.threshold {
            let f1 = calibration.thresholdTestF1.map { Format.decimal($0) } ?? "–"
            lines += [("micro-F1 threshold p ≥ \(Format.decimal(threshold, digits: 2)): test F1 \(f1)", .bold),
                      ("(tuned on the held-out predictions; the line on Query)", .muted),
                      ("", .plain)]
        }
        lines += [
            ("\(Format.count(calibration.after.count)) test predictions (top-k of every point), 15 bins", .muted),
            ("fitted on \(Format.count(calibration.fitPredictions)) predictions of \(calibration.fittedOn)", .muted),
            ("", .plain),
            ("Query shows probabilities; v: the sweep chart", .muted),
        ]
        var y = rect.y
        for (text, style) in lines where y < rect.maxY {
            y += text.isEmpty ? 1 : buffer.drawWrapped(text, in: Rect(x: x, y: y, width: width, height: rect.maxY - y), style: style)
        }
    }

    /// The sweep's numbers, one row per measure and one column per beam width.
    static func sweepTable(_ sweep: BeamWidthSweep) -> [String] {
        let rows: [(String, (BeamWidthSweep.Point) -> String)] = [
            ("beam", { "\($0.beamWidth)" }),
            ("P@1", { Format.decimal($0.precisionAt1) }),
            ("P@5", { Format.decimal($0.precisionAt5) }),
            ("median ms", { BeamSweepChart.formatMilliseconds($0.medianLatencyMilliseconds) }),
            ("mean ms", { BeamSweepChart.formatMilliseconds($0.latencyMilliseconds) }),
        ]
        return rows.map { name, value in
            name.padded(toWidth: 10) + sweep.points.map { value($0).padded(toWidth: 8, alignment: .right) }.joined()
        }
    }

    /// A run's parameters, costs and model folder, with what can be done with it.
    static func drawRunSummary(_ run: SessionRun, state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let p = run.parameters
        let shape = p.indexer.depth.map { "depth \($0)" } ?? "max leaf \(p.indexer.maxLeafSize)"
        let loaded = state.session.currentRun == run.number
        let lines = [
            "B \(p.indexer.branching), \(shape), beam \(p.matcher.beamWidth), top-k \(p.ranker.topK), \(p.representation.algorithm.rawValue), "
                + "\(p.ranker.solver.rawValue), C \(TrainingField.decimalText(p.ranker.c)), threshold \(TrainingField.decimalText(p.ranker.threshold)), "
                + "\(p.ranker.negatives.rawValue), seed \(p.seed)",
            "Tree \(run.treeShape.map(String.init).joined(separator: " → ")) nodes · \(Format.count(run.weightCount)) weights · "
                + "trained in \(Format.seconds(run.trainingSeconds)) · predicts in "
                + "\(Format.decimal(run.predictMillisecondsPerPoint, digits: 2)) ms a point (batch)",
            "Model folder: \(state.sessionsDirectory)/\(run.modelFolder)" + (loaded ? " (loaded: Tree and Query use it)" : ""),
            "",
            "b sweeps beam widths on this run and charts P@1, P@5 and ms/query · Enter loads it into Tree and Query · "
                + "space marks it for a side-by-side comparison · d deletes it",
        ]
        var y = rect.y
        for (i, line) in lines.enumerated() where y < rect.maxY {
            y += buffer.drawWrapped(line, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y),
                                    style: i == lines.count - 1 ? .muted : .plain)
        }
    }

    /// Two runs side by side: parameters (differences marked) and metrics (with the change from
    /// the first to the second, better in green, worse in red).
    static func drawComparison(_ a: SessionRun, _ b: SessionRun, rect: Rect, into buffer: inout ScreenBuffer) {
        func text(_ value: Double) -> String { TrainingField.decimalText(value) }
        let pa = a.parameters, pb = b.parameters
        let parameters: [(String, String, String)] = [
            ("B", "\(pa.indexer.branching)", "\(pb.indexer.branching)"),
            ("leaf/depth", pa.indexer.depth.map { "depth \($0)" } ?? "leaf \(pa.indexer.maxLeafSize)",
             pb.indexer.depth.map { "depth \($0)" } ?? "leaf \(pb.indexer.maxLeafSize)"),
            ("beam", "\(pa.matcher.beamWidth)", "\(pb.matcher.beamWidth)"),
            ("repr", pa.representation.algorithm.rawValue, pb.representation.algorithm.rawValue),
            ("solver", pa.ranker.solver.rawValue, pb.ranker.solver.rawValue),
            ("C", text(pa.ranker.c), text(pb.ranker.c)),
            ("threshold", text(pa.ranker.threshold), text(pb.ranker.threshold)),
            ("negatives", pa.ranker.negatives.rawValue, pb.ranker.negatives.rawValue),
            ("seed", "\(pa.seed)", "\(pb.seed)"),
            ("top-k", "\(pa.ranker.topK)", "\(pb.ranker.topK)"),
        ]
        // (name, a, b, a value, b value, higher is better, digits of the change)
        let ma = a.metrics, mb = b.metrics
        let metrics: [(String, String, String, Double, Double, Bool, Int)] = [
            ("P@1", Format.decimal(ma.precisionAt1), Format.decimal(mb.precisionAt1), ma.precisionAt1, mb.precisionAt1, true, 3),
            ("P@3", Format.decimal(ma.precisionAt3), Format.decimal(mb.precisionAt3), ma.precisionAt3, mb.precisionAt3, true, 3),
            ("P@5", Format.decimal(ma.precisionAt5), Format.decimal(mb.precisionAt5), ma.precisionAt5, mb.precisionAt5, true, 3),
            ("R@5", Format.decimal(ma.recallAt5), Format.decimal(mb.recallAt5), ma.recallAt5, mb.recallAt5, true, 3),
            ("nDCG@5", Format.decimal(ma.ndcgAt5), Format.decimal(mb.ndcgAt5), ma.ndcgAt5, mb.ndcgAt5, true, 3),
            ("PSP@5", ma.pspAt5.map { Format.decimal($0) } ?? "–", mb.pspAt5.map { Format.decimal($0) } ?? "–",
             ma.pspAt5 ?? .nan, mb.pspAt5 ?? .nan, true, 3),
            ("train", Format.seconds(a.trainingSeconds), Format.seconds(b.trainingSeconds),
             a.trainingSeconds, b.trainingSeconds, false, 2),
            ("ms/point", Format.decimal(a.predictMillisecondsPerPoint, digits: 2),
             Format.decimal(b.predictMillisecondsPerPoint, digits: 2),
             a.predictMillisecondsPerPoint, b.predictMillisecondsPerPoint, false, 2),
            ("size", Format.bytes(a.modelBytes), Format.bytes(b.modelBytes), Double(a.modelBytes), Double(b.modelBytes), false, -1),
        ]
        let half = rect.width / 2
        let left = Rect(x: rect.x, y: rect.y, width: half - 1, height: rect.height)
        let right = Rect(x: rect.x + half + 1, y: rect.y, width: rect.width - half - 1, height: rect.height)
        let valueWidth = max(8, min(12, (left.width - 14) / 2))
        func header(_ title: String, in r: Rect) {
            buffer.write(title, x: r.x, y: r.y, style: .title, maxWidth: 12)
            buffer.write("run \(a.number)", x: r.x + 13, y: r.y, width: valueWidth, alignment: .right, style: .bold)
            buffer.write("run \(b.number)", x: r.x + 14 + valueWidth, y: r.y, width: valueWidth, alignment: .right, style: .bold)
        }
        header("parameter", in: left)
        for (i, row) in parameters.enumerated() where left.y + 1 + i < left.maxY {
            let y = left.y + 1 + i
            let differs = row.1 != row.2
            let style: CellStyle = differs ? CellStyle(bold: true, role: .warning) : .plain
            buffer.write((differs ? "* " : "  ") + row.0, x: left.x, y: y, style: style, maxWidth: 12)
            buffer.write(row.1, x: left.x + 13, y: y, width: valueWidth, alignment: .right, style: style)
            buffer.write(row.2, x: left.x + 14 + valueWidth, y: y, width: valueWidth, alignment: .right, style: style)
        }
        header("metric", in: right)
        let changeX = right.x + 15 + 2 * valueWidth
        if changeX + 8 <= right.maxX { buffer.write("change", x: changeX, y: right.y, width: 8, alignment: .right, style: .bold) }
        for (i, row) in metrics.enumerated() where right.y + 1 + i < right.maxY {
            let y = right.y + 1 + i
            buffer.write("  " + row.0, x: right.x, y: y, maxWidth: 12)
            buffer.write(row.1, x: right.x + 13, y: y, width: valueWidth, alignment: .right)
            buffer.write(row.2, x: right.x + 14 + valueWidth, y: y, width: valueWidth, alignment: .right)
            let delta = row.4 - row.3
            guard delta.isFinite, changeX + 8 <= right.maxX else { continue }
            let text: String
            if row.6 < 0 {
                text = row.3 > 0 ? String(format: "%+.0f%%", delta / row.3 * 100) : ""
            } else {
                text = String(format: "%+.\(row.6)f", delta)
            }
            let better = row.5 ? delta > 0 : delta < 0
            let style: CellStyle = delta == 0 ? .muted : (better ? .good : .bad)
            buffer.write(text, x: changeX, y: y, width: 8, alignment: .right, style: style)
        }
    }

    /// The hyperparameter sweep form: the parameter (↑↓), its values, the base parameters.
    static func drawHyperparameterForm(_ form: HyperparameterForm, state: WorkbenchState, rect: Rect,
                                       into buffer: inout ScreenBuffer) {
        buffer.drawBox(rect, title: "Hyperparameter sweep: one training per value, each a new run", focused: true)
        let body = rect.inset(dx: 2, dy: 1)
        guard body.height >= 4 else { return }
        let names = HyperparameterSweep.Parameter.allCases.map { $0 == form.parameter ? "[\($0.rawValue)]" : $0.rawValue }
        buffer.write("Parameter:", x: body.x, y: body.y, style: .bold)
        buffer.write(names.joined(separator: "  ") + "   (↑↓ change)", x: body.x + 12, y: body.y, maxWidth: body.width - 12)
        buffer.drawLineEditor(form.editor, prompt: "Values:     ", x: body.x, y: body.y + 1, width: min(body.width, 70),
                              focused: true)
        let base = state.trainScreen.parameters
        let shape = base.indexer.depth.map { "depth \($0)" } ?? "max leaf \(base.indexer.maxLeafSize)"
        buffer.drawWrapped("Every other parameter as on the Train form: B \(base.indexer.branching), \(shape), beam \(base.matcher.beamWidth), "
                           + "\(base.representation.algorithm.rawValue), \(base.ranker.solver.rawValue), C \(TrainingField.decimalText(base.ranker.c)), "
                           + "threshold \(TrainingField.decimalText(base.ranker.threshold)), \(base.ranker.negatives.rawValue), seed \(base.seed).",
                           in: Rect(x: body.x, y: body.y + 3, width: body.width, height: 2), style: .muted)
        if let error = form.error {
            buffer.write(error, x: body.x, y: body.y + 5, style: .bad, maxWidth: body.width)
        }
        if body.height > 6 {
            buffer.write("Enter starts the trainings one after another (c cancels) · Esc closes", x: body.x,
                         y: body.maxY - 1, style: .muted, maxWidth: body.width)
        }
    }
}

private extension Rect {
    /// The rect without its first `rows` rows.
    func inset(top rows: Int) -> Rect { Rect(x: x, y: y + rows, width: width, height: max(0, height - rows)) }
}
