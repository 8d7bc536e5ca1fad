import Foundation

/// Screen 4: the query prompt, ranked labels with true ones marked, and the beam path.
public enum QueryScreen {
    /// Draws the Query screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        drawPrompt(state, rect: layout.queryPrompt, into: &buffer)
        drawRanked(state, layout: layout, into: &buffer)
        drawBeam(state, rect: layout.queryBeam, into: &buffer)
    }

    /// The prompt, the test-point line and the text that was asked.
    static func drawPrompt(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .queryPrompt
        let query = state.queryScreen
        buffer.drawBox(rect, title: "Query", focused: focused)
        let inner = rect.inset(dx: 2, dy: 1)
        buffer.drawLineEditor(query.prompt, prompt: "> ", x: inner.x, y: inner.y, width: inner.width, focused: focused,
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

    /// The ranked labels: rank, ✓ for true labels, name, score.
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
        buffer.write(header, x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width - 7)
        buffer.write("score", x: inner.maxX - 7, y: inner.y, width: 6, alignment: .right, style: .muted)
        if let note = result.note, result.ranked.isEmpty {
            buffer.drawWrapped(note, in: layout.queryLabelList.inset(dx: 1, dy: 0), style: .warning)
            return
        }
        let items = result.ranked.enumerated().map { rank, label in
            ListItem(String(rank + 1).padded(toWidth: 3, alignment: .right) + (label.isTrue ? " ✓ " : "   ") + label.name,
                     detail: Format.score(label.score), style: label.isTrue ? CellStyle(bold: true, role: .good) : .plain)
        }
        let selection = min(query.labelSelection, max(0, items.count - 1))
        buffer.drawList(layout.queryLabelList, items: items, selected: focused ? selection : nil, focused: focused)
    }

    /// The beam path: per level the kept nodes and how many were pruned, then each true label's fate.
    static func drawBeam(_ state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .queryBeam
        buffer.drawBox(rect, title: "Beam path", focused: focused)
        let inner = rect.inset(dx: 2, dy: 1)
        guard let result = state.queryScreen.result else { return }
        // Every kept node when it all fits; otherwise as many lines per level as fit (at least one),
        // so the true labels stay in view.
        var lines = beamLines(result, width: inner.width, linesPerLevel: nil)
        var limit = lines.count
        while lines.count > inner.height, limit > 1 {
            limit -= 1
            lines = beamLines(result, width: inner.width, linesPerLevel: limit)
        }
        let scroll = min(state.queryScreen.beamScroll, max(0, lines.count - inner.height))
        for (i, line) in lines.dropFirst(scroll).prefix(inner.height).enumerated() {
            buffer.write(line.text, x: inner.x, y: inner.y + i, style: line.style, maxWidth: inner.width)
        }
        buffer.drawScrollMarks(inner, first: scroll, visible: inner.height, count: lines.count)
    }

    /// Packs `entries` into lines of at most `width` columns, three spaces apart, never splitting one.
    static func pack(_ entries: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for entry in entries {
            if line.isEmpty {
                line = entry.truncated(toWidth: width)
            } else if line.displayWidth + 3 + entry.displayWidth <= width {
                line += "   " + entry
            } else {
                lines.append(line)
                line = entry.truncated(toWidth: width)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The beam path as styled lines of at most `width` columns.
    static func beamLines(_ result: QueryResult, width: Int, linesPerLevel: Int?) -> [(text: String, style: CellStyle)] {
        var lines: [(text: String, style: CellStyle)] = []
        if let note = result.note {
            for line in TextWrap.lines(note, width: width) { lines.append((line, .warning)) }
        }
        let depth = result.levels.count
        for level in result.levels {
            let name = level.level == depth ? "Labels" : "Level \(level.level)"
            lines.append(("\(name): kept \(Format.count(level.kept.count)) of \(Format.count(level.candidates)), "
                          + "pruned \(Format.count(level.pruned))", .bold))
            let entries = level.kept.map { node -> String in
                let name = level.level == depth ? node.name : "#\(node.node) \(node.name)…"
                return "\(name.truncated(toWidth: 22)) \(Format.score(node.score))"
            }
            let packed = pack(entries, width: max(1, width - 2))
            let limit = linesPerLevel ?? packed.count
            for line in packed.prefix(limit) { lines.append(("  " + line, .plain)) }
            if packed.count > limit { lines.append(("  …", .muted)) }
        }
        if !result.trueLabels.isEmpty {
            lines.append(("", .plain))
            lines.append(("True labels", .title))
            // Found labels first (by rank), then the lost ones by the level where they left the beam.
            let ordered = result.trueLabels.sorted { a, b in
                (a.rank ?? Int.max, a.exitLevel ?? Int.max, a.name) < (b.rank ?? Int.max, b.exitLevel ?? Int.max, b.name)
            }
            for label in ordered {
                let line: (String, CellStyle)
                if let rank = label.rank {
                    line = ("✓ \(label.name): ranked #\(rank)", .good)
                } else if let exit = label.exitLevel {
                    let place = exit == depth
                        ? "reached the labels, below the top \(result.request.topK)"
                        : "left the beam at level \(exit)"
                    line = ("✗ \(label.name): \(place)", .bad)
                } else {
                    line = ("✗ \(label.name): kept to the end, outside the top \(result.request.topK)", .warning)
                }
                for (i, part) in TextWrap.lines(line.0, width: max(1, width - 2)).enumerated() {
                    lines.append(((i == 0 ? "" : "  ") + part, line.1))
                }
            }
        }
        return lines
    }
}
