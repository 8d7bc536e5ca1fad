import Foundation
import XMR

/// Screen 4: the query prompt, ranked labels with true ones marked, and the beam path.
public enum QueryScreen {
    /// Draws the Query screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        drawPrompt(state, rect: layout.queryPrompt, into: &buffer)
        let query = state.queryScreen
        if let label = query.drillDownLabel, let result = query.result, let explanation = result.explanation,
           let fate = result.fate(ofLabel: label) {
            // The drill-down needs the width: it covers both panes until Esc.
            let rect = Rect(x: 0, y: layout.queryBeam.y, width: layout.width, height: layout.queryBeam.height)
            drawDrillDown(fate, result: result, explanation: explanation, scroll: query.beamScroll, rect: rect,
                          focused: state.focus == .queryBeam, into: &buffer)
            return
        }
        drawRanked(state, layout: layout, into: &buffer)
        drawBeam(state, rect: layout.queryBeam, into: &buffer)
    }

    /// The prompt, the test-point line and the text that was asked.
    static func drawPrompt(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .queryPrompt
        let query = state.queryScreen
        buffer.drawBox(rect, title: "Query", focused: focused)
        let inner = rect.inset(dx: 2, dy: 1)
        buffer.drawLineEditor(query.prompt, prompt: query.promptLabel ?? "> ", x: inner.x, y: inner.y, width: inner.width, focused: focused,
                              placeholder: "press / and type a text, or n/p for test points")
        let testCount = state.data?.testCount ?? 0
        var info = testCount > 0
            ? "Test point \(Format.count(query.testPoint + 1)) of \(Format.count(testCount)) (n/p, #N)"
            : "No test split"
        info += "   Beam \(query.beamWidth) (+/-)   Top \(query.topK)"
        buffer.write(info, x: inner.x, y: inner.y + 1, style: .muted, maxWidth: inner.width)
        if let result = query.result {
            let asked: String
            switch result.request.input {
            case .text: asked = "Asked: "
            case .testPoint(let index): asked = "Test point \(Format.count(index + 1)): "
            }
            let used = buffer.write(asked, x: inner.x, y: inner.y + 2, style: .bold)
            let text = result.text.isEmpty ? "(no text)" : result.text.replacingOccurrences(of: "\n", with: " ")
            buffer.write(text.truncated(toWidth: inner.width - used), x: inner.x + used, y: inner.y + 2)
        }
    }

    /// The probability the ranked list draws its line at when the run has no tuned threshold:
    /// under the last label more likely than not.
    public static let defaultProbabilityThreshold = 0.5

    /// The current run's tuned micro-F1 threshold (from its calibration), else 0.5.
    public static func probabilityThreshold(_ state: WorkbenchState) -> Double {
        state.session.currentRun.flatMap(state.session.run(numbered:))?.calibration?.threshold ?? defaultProbabilityThreshold
    }

    /// The ranked labels (rank, ✓ for true labels, name, score or probability, a line at the
    /// threshold when the model is calibrated), then the missed true labels (✗).
    static func drawRanked(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        let rect = layout.queryLabels
        let focused = state.focus == .queryLabels
        let query = state.queryScreen
        buffer.drawBox(rect, title: "Ranked labels", focused: focused)
        let inner = rect.interior
        guard let result = query.result else {
            let text = query.message ?? (state.treeOverview == nil
                ? "No model yet: train one on the Train screen (press 2, then s)."
                : "Ask something: press / and type a text, or press n for the first test point.")
            buffer.drawWrapped(text, in: inner.inset(dx: 1, dy: 0), style: query.message != nil ? .warning : .muted)
            return
        }
        let hits = result.ranked.filter(\.isTrue).count
        let header = result.trueLabels.isEmpty
            ? "   #   label"
            : "   #   label (✓ \(hits) of \(result.trueLabels.count) true)"
        // A calibrated model shows probabilities, and a line under the last label at or above the threshold.
        let calibrated = result.ranked.contains { $0.probability != nil }
        let threshold = probabilityThreshold(state)
        let aboveThreshold = calibrated ? result.ranked.lastIndex { ($0.probability ?? 0) >= threshold } : nil
        buffer.write(header, x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width - 7)
        buffer.write(calibrated ? "prob" : "score", x: inner.maxX - 7, y: inner.y, width: 6, alignment: .right, style: .muted)
        if let note = result.note, result.ranked.isEmpty {
            buffer.drawWrapped(note, in: layout.queryLabelList.inset(dx: 1, dy: 0), style: .warning)
            return
        }
        let items = result.labelRows.map { row -> ListItem in
            switch row {
            case .ranked(let rank):
                let label = result.ranked[rank]
                var style = label.isTrue ? CellStyle(bold: true, role: .good) : CellStyle.plain
                style.underline = rank == aboveThreshold
                return ListItem(String(rank + 1).padded(toWidth: 3, alignment: .right) + (label.isTrue ? " ✓ " : "   ") + label.name,
                                detail: label.probability.map { Format.decimal($0, digits: 2) } ?? Format.score(label.score),
                                style: style)
            case .missed(let fate):
                let name = result.trueLabels.first { $0.label == fate.label }?.name ?? "label \(fate.label)"
                let lost = fate.lostAtLevel.map { $0 == result.explanation?.depth ? "#\(fate.finalRank ?? 0)" : "L\($0)" } ?? ""
                return ListItem("  ✗ " + name, detail: lost, style: CellStyle(bold: true, role: .bad))
            }
        }
        let selection = min(query.labelSelection, max(0, items.count - 1))
        buffer.drawList(layout.queryLabelList, items: items, selected: focused ? selection : nil, focused: focused)
    }

    /// The beam path: the tree the search walked.
    static func drawBeam(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .queryBeam
        let query = state.queryScreen
        guard let result = query.result, let explanation = result.explanation else {
            buffer.drawBox(rect, title: "Beam path", focused: focused)
            return
        }
        buffer.drawBox(rect, title: "Beam path · \(result.matcher.rawValue) matcher · beam \(result.request.beamWidth), top \(result.request.topK)",
                       focused: focused)
        let inner = rect.inset(dx: 2, dy: 1)
        var y = inner.y
        if result.matcher == .hnsw, y < inner.maxY {
            // No beam search above the last cluster level: HNSW found those clusters directly.
            buffer.write("HNSW found these clusters; the levels above show their parents",
                         x: inner.x, y: y, style: .muted, maxWidth: inner.width)
            y += 1
        }
        if let note = result.note {
            buffer.write(note, x: inner.x, y: y, style: .warning, maxWidth: inner.width)
            y += 1
        }
        // One line of per-level cutoffs: the score the last kept node had.
        let cutoffs = explanation.levels.map { level -> String in
            let name = level.level == explanation.depth ? "labels" : "L\(level.level)"
            return "\(name) \(level.keptCount)/\(level.candidates.count) ≥\(level.cutoff.map(Format.score) ?? "–")"
        }
        buffer.write("cutoff " + cutoffs.joined(separator: " · "), x: inner.x, y: y, style: .muted, maxWidth: inner.width)
        y += 1
        // One column to the right of the rows is kept for the scroll marks.
        let list = Rect(x: inner.x, y: y, width: inner.width - 1, height: inner.maxY - y)
        let rows = result.beamRows(expanded: query.beamExpanded, expandAll: query.beamExpandAll)
        let selected = min(query.beamSelection, max(0, rows.count - 1))
        let first = ListViewport.firstRow(selected: selected, count: rows.count, height: list.height)
        let maxScores = explanation.levels.map { $0.candidates.first?.score ?? 1 }
        for (line, index) in (first..<min(rows.count, first + list.height)).enumerated() {
            drawBeamRow(rows[index], result: result, explanation: explanation, maxScores: maxScores,
                        selected: focused && index == selected, x: list.x, y: list.y + line, width: list.width, into: &buffer)
        }
        buffer.drawScrollMarks(Rect(x: list.x, y: list.y, width: list.width + 1, height: list.height), first: first,
                               visible: list.height, count: rows.count)
    }

    /// One tree row: connectors, rank and name, then a score bar scaled to the level's best score
    /// with a tick at the level's cutoff, and the score.
    static func drawBeamRow(_ row: BeamTreeRow, result: QueryResult, explanation: BeamExplanation, maxScores: [Float],
                            selected: Bool, x: Int, y: Int, width: Int, into buffer: inout ScreenBuffer) {
        let barWidth = width >= 60 ? 10 : 6
        let scoreWidth = 7
        var style = CellStyle.plain
        var text = ""
        var score: Float?
        var level = 0
        switch row.content {
        case .root:
            text = "root"
            style = .bold
        case .node(let node):
            text = "#\(node.rank) " + result.nodeNames.name(ofNode: node.node, atLevel: node.level)
            score = node.score
            level = node.level
            switch node.truth {
            case .keptAncestor: style = CellStyle(bold: true, role: .good)
            case .prunedAncestor: style = CellStyle(bold: true, role: .bad)
                text = "✗ " + text
            case .none: style = node.kept ? .plain : CellStyle(dim: true)
            }
        case .prunedGroup(let group, let count, let best):
            text = "▸ \(count) pruned" + (group.level + 1 == explanation.depth ? " labels" : "") + " · best \(Format.score(best))"
            style = CellStyle(dim: true)
        }
        if selected { style = style.reversed() }
        let prefixWidth = buffer.write(row.prefix, x: x, y: y, style: selected ? .reverse : .muted, maxWidth: width)
        let room = width - prefixWidth - (score == nil ? 0 : barWidth + scoreWidth + 1)
        buffer.write(text.truncated(toWidth: max(0, room)).padded(toWidth: max(0, room)), x: x + prefixWidth, y: y,
                     style: style, maxWidth: max(0, room))
        guard let score, level >= 1 else { return }
        let barX = x + width - barWidth - scoreWidth
        let top = max(maxScores[level - 1], Float.leastNormalMagnitude)
        let barStyle = style.role == .normal ? (style.dim ? CellStyle(dim: true) : .accent) : style.reversed(false)
        buffer.drawBar(x: barX, y: y, width: barWidth, fraction: Double(score / top), style: barStyle)
        if let cutoff = explanation.levels[level - 1].cutoff {
            let tick = min(barWidth - 1, max(0, Int((Double(cutoff / top) * Double(barWidth)).rounded(.down))))
            buffer.put("┊", x: barX + tick, y: y, style: .warning)
        }
        buffer.write(Format.score(score), x: barX + barWidth, y: y, width: scoreWidth, alignment: .right,
                     style: selected ? style : style.reversed(false))
    }

    /// The drill-down: one true label's chain from the root, one line per level.
    static func drawDrillDown(_ fate: BeamExplanation.LabelFate, result: QueryResult, explanation: BeamExplanation,
                              scroll: Int, rect: Rect, focused: Bool, into buffer: inout ScreenBuffer) {
        let name = result.trueLabels.first { $0.label == fate.label }?.name ?? "label \(fate.label)"
        let report = LostLabelReport(fate: fate, explanation: explanation, names: result.nodeNames, labelName: name)
        buffer.drawBox(rect, title: report.title + " · Esc: back to the tree", focused: focused)
        let inner = rect.inset(dx: 2, dy: 1)
        var lines: [(text: String, style: CellStyle)] = []
        for (i, line) in report.textLines(width: inner.width).enumerated() where i > 0 {
            let style: CellStyle
            switch line.tone {
            case .plain: style = .plain
            case .kept: style = CellStyle(role: .good)
            case .pruned: style = CellStyle(bold: true, role: .bad)
            case .muted: style = CellStyle(dim: true)
            case .heading: style = .muted
            }
            if line.tone == .plain {
                lines.append(("", .plain))
                for part in TextWrap.lines(line.text, width: inner.width) { lines.append((part, .bold)) }
            } else {
                lines.append((line.text, style))
            }
        }
        let first = min(scroll, max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            buffer.write(line.text, x: inner.x, y: inner.y + i, style: line.style, maxWidth: inner.width)
        }
        buffer.drawScrollMarks(inner, first: first, visible: inner.height, count: lines.count)
    }
}
