import Foundation
import XMR

/// Screen 2: the hyperparameter form, live training progress, and the results.
public enum TrainScreen {
    /// Draws the Train screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        drawForm(state, rect: layout.trainForm, into: &buffer)
        drawProgress(state, rect: layout.trainProgress, into: &buffer)
    }

    /// Form rows shown at once in `layout` for `fields` rows: all of them when they fit with a
    /// blank line and two lines of help under them, else the rows that leave room for those (the
    /// form scrolls).
    public static func formRowCount(fields: Int, layout: WorkbenchLayout) -> Int {
        let interior = layout.trainForm.height - 2
        return fields + 3 <= interior ? fields : max(1, interior - 3)
    }

    /// The form: one row per hyperparameter that applies, the selected one highlighted,
    /// non-defaults in bold; it scrolls when the rows do not fit.
    static func drawForm(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .trainForm
        buffer.drawBox(rect, title: "Hyperparameters", focused: focused)
        let inner = rect.inset(dx: 1, dy: 1)
        let parameters = state.trainScreen.parameters
        let titleWidth = 15
        let valueX = inner.x + titleWidth + 2
        let valueWidth = inner.maxX - valueX - 1
        let fields = TrainingField.visible(in: parameters)
        let height = formRowCount(fields: fields.count, layout: WorkbenchLayout(width: state.width, height: state.height))
        let first = ListViewport.firstRow(selected: fields.firstIndex(of: state.trainScreen.selectedField),
                                          count: fields.count, height: height)
        for (line, field) in fields[first..<min(fields.count, first + height)].enumerated() {
            let y = inner.y + line
            guard y < inner.maxY else { break }
            let selected = field == state.trainScreen.selectedField
            var style = CellStyle.plain
            if selected && focused {
                style.reverse = true
                buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            }
            buffer.write(" " + field.title, x: inner.x, y: y, style: style, maxWidth: titleWidth + 1)
            if selected, let editor = state.trainScreen.fieldEditor {
                buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1))
                buffer.write(" " + field.title, x: inner.x, y: y, style: .bold, maxWidth: titleWidth + 1)
                buffer.drawLineEditor(editor, prompt: "", x: valueX, y: y, width: valueWidth, focused: true)
                continue
            }
            var valueStyle = style
            if !field.isDefault(in: parameters) { valueStyle.bold = true; valueStyle.role = .accent }
            var value = field.value(in: parameters)
            if case .path = field.parameter.kind, value.count > valueWidth, valueWidth > 1 {
                value = "…" + value.suffix(valueWidth - 1)  // a path's end says the most
            }
            let marker = field.choices != nil ? "‹\(value)›" : value
            buffer.write(marker, x: valueX, y: y, style: valueStyle, maxWidth: valueWidth)
        }
        buffer.drawScrollMarks(Rect(x: inner.x, y: inner.y, width: inner.width, height: height), first: first,
                               visible: height, count: fields.count)
        var y = inner.y + height + 1
        let field = state.trainScreen.selectedField
        if let error = state.trainScreen.validationError {
            y += buffer.drawWrapped(error, in: Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: inner.maxY - y),
                                    style: .bad)
        } else if y < inner.maxY {
            y += buffer.drawWrapped(field.help, in: Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: inner.maxY - y),
                                    style: .muted)
        }
        if inner.maxY - 1 > y {
            let hint = state.isTraining ? "c cancels the training" : "s starts training"
            buffer.write(hint, x: inner.x + 1, y: inner.maxY - 1, style: .muted)
        }
    }

    /// The progress and results pane.
    static func drawProgress(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        buffer.drawBox(rect, title: "Training", focused: state.focus == .trainProgress)
        let inner = rect.inset(dx: 2, dy: 1)
        switch state.trainScreen.status {
        case .idle:
            drawIdle(state, inner: inner, into: &buffer)
        case .running(let progress):
            var y = drawStatus("running · \(describe(progress))", style: .warning, inner: inner, into: &buffer)
            y = drawLevels(progress, from: y, inner: inner, into: &buffer)
            drawFineTuning(progress, from: y, chart: true, inner: inner, into: &buffer)
        case .finished(let progress, let summary):
            var y = drawStatus("finished", style: .good, inner: inner, into: &buffer)
            y = drawLevels(progress, from: y, inner: inner, into: &buffer)
            y = drawFineTuning(progress, from: y, chart: false, inner: inner, into: &buffer)
            drawSummary(summary, from: y + 1, inner: inner, into: &buffer)
        case .cancelled(let progress):
            var y = drawStatus("cancelled during \(progress.runningStep?.step.activity ?? "the training")",
                               style: .warning, inner: inner, into: &buffer)
            y = drawLevels(progress, from: y, inner: inner, into: &buffer)
            buffer.write("Press s to start again.", x: inner.x, y: y + 1, style: .muted)
            drawFineTuning(progress, from: y + 2, chart: true, inner: inner, into: &buffer)
        case .failed(let reason):
            let y = drawStatus("failed", style: .bad, inner: inner, into: &buffer)
            buffer.drawWrapped(reason, in: Rect(x: inner.x, y: y + 1, width: inner.width, height: inner.maxY - y - 1),
                               style: .bad)
        }
    }

    /// The idle text: what `s` will do.
    static func drawIdle(_ state: WorkbenchState, inner: Rect, into buffer: inout ScreenBuffer) {
        guard let data = state.data else {
            buffer.write(state.isLoading ? "Loading the dataset…" : "No dataset loaded.", x: inner.x, y: inner.y, style: .muted)
            return
        }
        let model = switch state.trainScreen.parameters.matcher.algorithm {
        case .linear: "an XR-Linear model"
        case .hnsw: "a model with the hnsw matcher (an HNSW index over the clusters, linear rankers)"
        case .neural: "a model with the neural matcher (the encoder fine-tuned on the tree, linear rankers)"
        }
        let text = "Press s to train \(model) on \(data.name): \(Format.count(data.trainCount)) training points, "
            + "\(Format.count(data.dataset.labelCount)) labels"
            + (data.testCount > 0 ? ", evaluated on \(Format.count(data.testCount)) test points." : ".")
        let parameters = state.trainScreen.parameters
        var features = data.dataset.train.texts != nil
            ? "Features: TF-IDF of the training texts, fitted when training starts, so a typed query is vectorized the same way."
            : "Features: the dataset's feature vectors (no raw texts, so queries pick test points)."
        if let encoder = parameters.encoder {
            let source = parameters.features.source.resolved(for: data.dataset, hasEncoder: true)
            let name = URL(fileURLWithPath: encoder.path).lastPathComponent
            features = "Features: \(source.rawValue); the training texts are embedded by \(name) (\(encoder.maxLength) tokens "
                + "per text) first, and typed queries alike. Embeddings are cached, so training again does not re-encode."
        }
        let progress = "Progress appears here: one bar per stage (encoding, TF-IDF fit, representation, clustering, each tree level, "
            + "evaluation) with its time, the total they add up to, and an ETA while the levels train. "
            + "The results (P@1/3/5, R@5, time and size) follow, and every run is listed on the Runs screen (5)."
        var y = inner.y
        for (i, paragraph) in [text, features, progress].enumerated() where y < inner.maxY {
            y += buffer.drawWrapped(paragraph, in: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y),
                                    style: i == 0 ? .plain : .muted) + 1
        }
    }

    /// "Status  running · …"; returns the next free row.
    static func drawStatus(_ text: String, style: CellStyle, inner: Rect, into buffer: inout ScreenBuffer) -> Int {
        buffer.write("Status", x: inner.x, y: inner.y, style: .bold)
        buffer.write(text, x: inner.x + 12, y: inner.y, style: style, maxWidth: inner.width - 12)
        return inner.y + 1
    }

    /// What the training is doing now: the step running, a level's nodes and the levels' ETA.
    static func describe(_ progress: TrainingSnapshot) -> String {
        guard let running = progress.runningStep else {
            if !progress.steps.isEmpty { return "finishing" }
            return progress.detail.isEmpty ? "starting" : progress.detail
        }
        switch running.step {
        case .engine(.level(let t)):
            return "level \(t) of \(progress.levels.count)"
        case .engine(.clustering):
            return "clustering: \(Int((progress.clusteringFraction * 100).rounded()))%"
        case .engine(.encoding):
            return "encoding: \(Format.count(progress.textsEncoded))/\(Format.count(progress.textsToEncode)) texts"
        case .evaluation:
            return "evaluation on the test split"
        default:
            return running.step.activity
        }
    }

    /// One row per step with a bar (full when done, a level's nodes or the clustering's splits
    /// while it runs) and its time, the levels not started yet, and the total, which the times add
    /// up to; returns the next free row. Wide panes add the levels' nodes and weights.
    static func drawLevels(_ progress: TrainingSnapshot, from top: Int, inner: Rect, into buffer: inout ScreenBuffer) -> Int {
        var y = top
        guard y < inner.maxY else { return y }
        let wide = inner.width >= 56
        var columns: [TableColumn] = [TableColumn("", width: 14), TableColumn("", width: nil)]
        if wide { columns.append(TableColumn("nodes", width: 9, alignment: .right)) }
        columns.append(TableColumn("time", width: 8, alignment: .right))
        if wide { columns.append(TableColumn("weights", width: 9, alignment: .right)) }
        let widths = TableColumn.widths(columns, total: inner.width, gap: 1)
        func cellX(_ column: Int) -> Int { inner.x + widths[..<column].reduce(0, +) + column }
        let timeColumn = wide ? 3 : 2
        if wide {
            for (i, column) in columns.enumerated() where !column.title.isEmpty {
                buffer.write(column.title, x: cellX(i), y: y, width: widths[i], alignment: column.alignment, style: .muted)
            }
            y += 1
        }
        func row(_ title: String, fraction: Double?, done: Bool, level: TrainingSnapshot.Level?, seconds: Double?) {
            guard y < inner.maxY else { return }
            buffer.write(title, x: cellX(0), y: y, style: seconds == nil ? .muted : .plain, maxWidth: widths[0])
            if let fraction {
                buffer.drawBar(x: cellX(1), y: y, width: widths[1], fraction: fraction, style: done ? .good : .warning)
            }
            if let seconds {
                buffer.write(Format.seconds(seconds), x: cellX(timeColumn), y: y, width: widths[timeColumn],
                             alignment: .right, style: done ? .plain : .warning)
            }
            if wide, let level {
                buffer.write("\(Format.count(level.nodesDone))/\(Format.count(level.nodesTotal))", x: cellX(2), y: y,
                             width: widths[2], alignment: .right)
                if level.nodesDone > 0 {
                    buffer.write(Format.count(level.weightsKept), x: cellX(4), y: y, width: widths[4], alignment: .right)
                }
            }
            y += 1
        }
        var started = Set<Int>()
        for step in progress.steps {
            let running = step.end == nil
            var level: TrainingSnapshot.Level?
            var fraction: Double? = running ? 0 : 1
            switch step.step {
            case .engine(.level(let t)):
                started.insert(t)
                level = progress.levels.first { $0.level == t }
                if running { fraction = level?.fraction ?? 0 }
            case .engine(.clustering) where running:
                fraction = progress.clusteringFraction
            case .engine(.encoding) where running:
                fraction = progress.encodingFraction
            default:
                break
            }
            row(step.step.title, fraction: fraction, done: !running, level: level, seconds: progress.seconds(of: step))
        }
        // The levels still to come, while the training runs (a non-linear matcher trains no cluster levels).
        let lastStarted = started.max() ?? 0
        for level in progress.levels where progress.runningStep != nil && level.level > lastStarted {
            row("Level \(level.level)", fraction: 0, done: false, level: level, seconds: nil)
        }
        if !progress.steps.isEmpty, y < inner.maxY {
            let total = progress.steps.reduce(0) { $0 + progress.seconds(of: $1) }
            buffer.write("Total", x: cellX(0), y: y, style: .bold)
            buffer.write(Format.seconds(total), x: cellX(timeColumn), y: y, width: widths[timeColumn], alignment: .right,
                         style: .bold)
            y += 1
        }
        if let line = levelProgressLine(progress), y < inner.maxY {
            buffer.write(line, x: inner.x, y: y, style: .warning, maxWidth: inner.width)
            y += 1
        }
        return y
    }

    /// The neural matcher's fine-tuning, when the training has one: a line with the level, epoch,
    /// texts, running loss and speed, then (with `chart`, in the rows left, at least 4) the loss
    /// of every step so far as a curve; returns the next free row.
    @discardableResult
    static func drawFineTuning(_ progress: TrainingSnapshot, from top: Int, chart: Bool, inner: Rect,
                               into buffer: inout ScreenBuffer) -> Int {
        guard let p = progress.fineTuning, top < inner.maxY else { return top }
        var y = top
        let line = "Epoch \(p.epoch)/\(p.epochs) of level \(p.level)/\(p.levels) · \(Format.count(p.done))/\(Format.count(p.total)) texts · loss "
            + String(format: "%.4f · %.1f/s", p.loss, p.examplesPerSecond)
        let tuning = p.level < p.levels || p.epoch < p.epochs || p.done < p.total
        buffer.write(line, x: inner.x, y: y, style: tuning && progress.runningStep != nil ? .warning : .plain, maxWidth: inner.width)
        y += 1
        guard chart, inner.maxY - y >= 4 else { return y }
        buffer.write("Fine-tuning loss per step", x: inner.x, y: y, style: .muted)
        y += 1
        let canvas = LossChart.canvas(progress.lossCurve, width: inner.width, height: min(12, inner.maxY - y))
        buffer.drawChart(canvas, x: inner.x, y: y)
        return y + canvas.height
    }

    /// While a level trains: its nodes done and the ETA of the levels ("120/598 nodes · ETA 3.1 s").
    static func levelProgressLine(_ progress: TrainingSnapshot) -> String? {
        guard let running = progress.runningStep, case .engine(.level(let t)) = running.step,
              let level = progress.levels.first(where: { $0.level == t }) else { return nil }
        var text = "\(Format.count(level.nodesDone))/\(Format.count(level.nodesTotal)) nodes"
        if let eta = progress.estimatedRemainingSeconds { text += " · levels ETA \(Format.seconds(eta))" }
        return text
    }

    /// The results of a finished training.
    static func drawSummary(_ summary: TrainingSummary, from top: Int, inner: Rect, into buffer: inout ScreenBuffer) {
        var y = top
        let split = summary.evaluatedOnTest ? "test" : "training"
        guard y < inner.maxY else { return }
        buffer.write("Results on \(Format.count(summary.evaluatedPoints)) \(split) points", x: inner.x, y: y, style: .title,
                     maxWidth: inner.width)
        y += 1
        // Metrics two to a row, so a deep tree's progress and the results fit in 24 rows.
        let metrics = [("P@1", summary.precisionAt1), ("P@3", summary.precisionAt3),
                       ("P@5", summary.precisionAt5), ("R@5", summary.recallAt5)]
        for pair in stride(from: 0, to: metrics.count, by: 2) where y < inner.maxY {
            for (column, metric) in metrics[pair..<(pair + 2)].enumerated() {
                let x = inner.x + column * 15
                buffer.write(metric.0, x: x, y: y)
                buffer.write(Format.decimal(metric.1), x: x + 5, y: y, style: CellStyle(bold: true, role: .good))
            }
            y += 1
        }
        let lines: [(String, String)] = [
            // The training alone: the stages above without the evaluation and the save.
            ("Training", "\(Format.seconds(summary.trainingSeconds)) · \(Format.bytes(summary.modelBytes))"),
            ("Weights", Format.count(summary.weightCount)),
            ("Tree", summary.treeShape.map { Format.count($0) }.joined(separator: " → ")),
        ] + (summary.beamRecall.isEmpty ? [] : [
            // Where the beam loses true labels, level by level.
            ("Beam recall", summary.beamRecall.map { Format.decimal($0, digits: 2) }.joined(separator: " → ")),
        ])
        for (title, value) in lines where y < inner.maxY {
            buffer.write(title, x: inner.x, y: y)
            buffer.write(value, x: inner.x + 15, y: y, maxWidth: inner.width - 15)
            y += 1
        }
    }
}
