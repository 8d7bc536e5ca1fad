/// Screen 2: the hyperparameter form, live training progress, and the results.
public enum TrainScreen {
    /// Draws the Train screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        drawForm(state, rect: layout.trainForm, into: &buffer)
        drawProgress(state, rect: layout.trainProgress, into: &buffer)
    }

    /// The form: one row per hyperparameter, the selected one highlighted, non-defaults in bold.
    static func drawForm(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .trainForm
        buffer.drawBox(rect, title: "Hyperparameters", focused: focused)
        let inner = rect.inset(dx: 1, dy: 1)
        let parameters = state.trainScreen.parameters
        let titleWidth = 15
        let valueX = inner.x + titleWidth + 2
        let valueWidth = inner.maxX - valueX - 1
        for (i, field) in TrainingField.allCases.enumerated() {
            let y = inner.y + i
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
            let marker = field.choices != nil ? "‹\(field.value(in: parameters))›" : field.value(in: parameters)
            buffer.write(marker, x: valueX, y: y, style: valueStyle, maxWidth: valueWidth)
        }
        var y = inner.y + TrainingField.allCases.count + 1
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
            y = drawLevels(progress, from: y + 1, inner: inner, into: &buffer)
        case .finished(let progress, let summary):
            var y = drawStatus("finished", style: .good, inner: inner, into: &buffer)
            y = drawLevels(progress, from: y + 1, inner: inner, into: &buffer)
            drawSummary(summary, from: y + 1, inner: inner, into: &buffer)
        case .cancelled(let progress):
            var y = drawStatus("cancelled", style: .warning, inner: inner, into: &buffer)
            y = drawLevels(progress, from: y + 1, inner: inner, into: &buffer)
            buffer.write("Press s to start again.", x: inner.x, y: y + 1, style: .muted)
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
        let text = "Press s to train an XR-Linear model on \(data.name): \(Format.count(data.trainCount)) training points, "
            + "\(Format.count(data.dataset.labelCount)) labels"
            + (data.testCount > 0 ? ", evaluated on \(Format.count(data.testCount)) test points." : ".")
        let features = data.dataset.train.texts != nil
            ? "Features: TF-IDF of the training texts, fitted when training starts, so a typed query is vectorized the same way."
            : "Features: the dataset's feature vectors (no raw texts, so queries pick test points)."
        let progress = "Progress appears here: clustering the labels into a tree, then one bar per tree level. "
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

    /// What the training is doing now.
    static func describe(_ progress: TrainingSnapshot) -> String {
        switch progress.phase {
        case .preparing: progress.detail.isEmpty ? "preparing" : progress.detail
        case .clustering: "clustering the labels"
        case .training: "training level \(progress.levels.last?.level ?? 1)"
        case .evaluating: "evaluating on the test split"
        case .finished: "finishing"
        }
    }

    /// The clustering bar and one bar per level; returns the next free row. Wide panes show
    /// nodes, time and weights in columns; narrow ones put time and weights on a second line.
    static func drawLevels(_ progress: TrainingSnapshot, from top: Int, inner: Rect, into buffer: inout ScreenBuffer) -> Int {
        var y = top
        guard y < inner.maxY else { return y }
        let wide = inner.width >= 56
        var columns: [TableColumn] = [TableColumn("", width: 10), TableColumn("", width: nil),
                                      TableColumn("nodes", width: 9, alignment: .right)]
        if wide {
            columns += [TableColumn("time", width: 7, alignment: .right), TableColumn("weights", width: 9, alignment: .right)]
        }
        let widths = TableColumn.widths(columns, total: inner.width, gap: 1)
        func cellX(_ column: Int) -> Int { inner.x + widths[..<column].reduce(0, +) + column }
        for (i, column) in columns.enumerated() where !column.title.isEmpty {
            buffer.write(column.title, x: cellX(i), y: y, width: widths[i], alignment: column.alignment, style: .muted)
        }
        y += 1
        func row(_ title: String, fraction: Double, done: Bool, nodes: String, seconds: Double?, weights: Int?) {
            guard y < inner.maxY else { return }
            buffer.write(title, x: cellX(0), y: y)
            buffer.drawBar(x: cellX(1), y: y, width: widths[1], fraction: fraction, style: done ? .good : .warning)
            buffer.write(nodes, x: cellX(2), y: y, width: widths[2], alignment: .right)
            if wide {
                if let seconds { buffer.write(Format.seconds(seconds), x: cellX(3), y: y, width: widths[3], alignment: .right) }
                if let weights { buffer.write(Format.count(weights), x: cellX(4), y: y, width: widths[4], alignment: .right) }
                y += 1
                return
            }
            y += 1
            var detail: [String] = []
            if let seconds { detail.append(Format.seconds(seconds)) }
            if let weights { detail.append("\(Format.count(weights)) weights") }
            if !detail.isEmpty, y < inner.maxY {
                buffer.write(detail.joined(separator: " · "), x: cellX(1), y: y, style: .muted, maxWidth: inner.maxX - cellX(1))
                y += 1
            }
        }
        let clusteringDone = progress.phase != .preparing && progress.phase != .clustering
        row("Clustering", fraction: clusteringDone ? 1 : progress.clusteringFraction, done: clusteringDone, nodes: "",
            seconds: progress.phase == .preparing ? nil : progress.clusteringSeconds, weights: nil)
        for level in progress.levels {
            let done = level.nodesDone >= level.nodesTotal && level.nodesTotal > 0
            row("Level \(level.level)", fraction: level.fraction, done: done,
                nodes: "\(Format.count(level.nodesDone))/\(Format.count(level.nodesTotal))",
                seconds: level.seconds, weights: level.weightsKept)
        }
        if progress.phase == .evaluating, y < inner.maxY {
            buffer.write("Evaluating on the test split…", x: inner.x, y: y, style: .warning)
            y += 1
        }
        return y
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
            ("Training time", Format.seconds(summary.trainingSeconds)),
            ("Model size", Format.bytes(summary.modelBytes)),
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
