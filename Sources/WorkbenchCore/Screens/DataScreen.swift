/// Screen 1: dataset statistics, the label long tail, frequent and rare labels, and examples.
public enum DataScreen {
    /// Draws the Data screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        guard let data = state.data else {
            let rect = layout.content
            buffer.drawBox(rect, title: "Data")
            if let error = state.loadError {
                buffer.drawWrapped("Cannot load the dataset: " + error, in: rect.inset(dx: 2, dy: 2), style: .bad)
                return
            }
            let text = state.isLoading ? "Loading the dataset…" : "No dataset loaded. Start with: xmr workbench --dataset DIR"
            buffer.write(text, x: rect.x + 2, y: rect.y + 2, style: state.isLoading ? .warning : .muted)
            return
        }
        drawStatistics(data, rect: layout.dataStats, into: &buffer)
        drawHistogram(data, rect: layout.dataHistogram, into: &buffer)
        drawLabels(data, state: state, rect: layout.dataLabels, into: &buffer)
        drawRareLabels(data, rect: layout.dataRareLabels, into: &buffer)
        drawExample(data, state: state, rect: layout.dataExample, into: &buffer)
    }

    /// The statistics table.
    static func drawStatistics(_ data: DatasetOverview, rect: Rect, into buffer: inout ScreenBuffer) {
        buffer.drawBox(rect, title: data.name)
        let inner = rect.inset(dx: 2, dy: 1)
        var rows: [(String, String)] = [
            ("Training points", Format.count(data.trainCount)),
            ("Test points", data.testCount > 0 ? Format.count(data.testCount) : "none"),
            ("Features", Format.count(data.dataset.featureCount)),
            ("Labels", Format.count(data.dataset.labelCount)),
            ("Labels per point", Format.decimal(data.labelsPerPoint, digits: 2)),
            ("Points per label", Format.decimal(data.pointsPerLabel, digits: 1)),
            ("Features per point", data.featuresPerPoint.map { Format.decimal($0, digits: 1) } ?? "text only"),
        ]
        rows.append(("Unused labels", Format.count(data.unusedLabels)))
        rows.append(("Raw texts", data.dataset.train.texts == nil ? "no" : "yes"))
        rows.append(("Label names", data.dataset.labelNames == nil ? "no" : "yes"))
        for (i, row) in rows.prefix(inner.height).enumerated() {
            buffer.write(row.0, x: inner.x, y: inner.y + i, style: .plain, maxWidth: inner.width)
            buffer.write(row.1, x: inner.x + inner.width - 12, y: inner.y + i, width: 12, alignment: .right, style: .bold)
        }
    }

    /// The long-tail histogram: labels per frequency bin.
    static func drawHistogram(_ data: DatasetOverview, rect: Rect, into buffer: inout ScreenBuffer) {
        buffer.drawBox(rect, title: "Label frequency: the long tail")
        let inner = rect.inset(dx: 2, dy: 1)
        guard inner.height >= 2 else { return }
        let bins = data.frequencyHistogram(maxBins: inner.height - 1)
        let peak = max(1, bins.map(\.labels).max() ?? 1)
        let titleWidth = max(7, bins.map { $0.title.displayWidth }.max() ?? 0)
        let countWidth = 7
        buffer.write("points", x: inner.x, y: inner.y, width: titleWidth, alignment: .right, style: .muted)
        buffer.write("labels", x: inner.maxX - countWidth, y: inner.y, width: countWidth, alignment: .right, style: .muted)
        let barX = inner.x + titleWidth + 1
        let barWidth = inner.width - titleWidth - countWidth - 2
        for (i, bin) in bins.enumerated() {
            let y = inner.y + 1 + i
            buffer.write(bin.title, x: inner.x, y: y, width: titleWidth, alignment: .right)
            buffer.drawBar(x: barX, y: y, width: barWidth, fraction: Double(bin.labels) / Double(peak),
                           style: bin.lower <= 4 ? .warning : .accent, showTrack: false)
            buffer.write(Format.count(bin.labels), x: inner.maxX - countWidth, y: y, width: countWidth, alignment: .right)
        }
    }

    /// Labels ranked by frequency, scrollable when focused.
    static func drawLabels(_ data: DatasetOverview, state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .dataLabels
        buffer.drawBox(rect, title: "Most frequent labels", focused: focused)
        let ranked = data.labelsByFrequency
        let items = ranked.enumerated().map { rank, label in
            ListItem("\(rank + 1). \(data.dataset.labelName(label))", detail: Format.count(data.labelFrequencies[label]))
        }
        let selection = min(state.dataScreen.labelSelection, max(0, items.count - 1))
        buffer.drawList(rect.inset(dx: 1, dy: 1), items: items, selected: focused ? selection : nil, focused: focused)
        buffer.drawBoxCaption(rect, "\(Format.count(selection + 1))/\(Format.count(items.count))")
    }

    /// The least frequent labels.
    static func drawRareLabels(_ data: DatasetOverview, rect: Rect, into buffer: inout ScreenBuffer) {
        // Labels without any training point are counted in the title, not listed: they say nothing.
        let title = data.unusedLabels > 0
            ? "Least frequent labels (\(Format.count(data.unusedLabels)) unused)"
            : "Least frequent labels"
        buffer.drawBox(rect, title: title)
        let inner = rect.inset(dx: 1, dy: 1)
        let ranked = data.labelsByFrequency.reversed().filter { data.labelFrequencies[$0] > 0 }
        let items = ranked.prefix(inner.height).map { label in
            ListItem(data.dataset.labelName(label), detail: Format.count(data.labelFrequencies[label]))
        }
        buffer.drawList(inner, items: Array(items), selected: nil, focused: false)
    }

    /// The names of training point `point`'s `count` largest features (ties: lower id first), when
    /// the dataset names its features.
    static func topFeatureWords(_ data: DatasetOverview, point: Int, count: Int) -> [String]? {
        guard let names = data.dataset.featureNames, let features = data.dataset.train.features, point < features.rows else {
            return nil
        }
        let row = features.row(point)
        let order = row.indices.indices.sorted { a, b in
            row.values[a] != row.values[b] ? row.values[a] > row.values[b] : row.indices[a] < row.indices[b]
        }
        return order.prefix(count).compactMap { i in
            let id = Int(row.indices[i])
            return id < names.count ? names[id] : nil
        }
    }

    /// The example browser: the text of one training point (or its top feature words) and its label names.
    static func drawExample(_ data: DatasetOverview, state: WorkbenchState, rect: Rect, into buffer: inout ScreenBuffer) {
        let focused = state.focus == .dataExample
        let index = min(state.dataScreen.exampleIndex, max(0, data.trainCount - 1))
        buffer.drawBox(rect, title: "Example \(Format.count(index + 1)) of \(Format.count(data.trainCount)) (training split)",
                       focused: focused)
        let inner = rect.inset(dx: 2, dy: 1)
        guard data.trainCount > 0, inner.height >= 2 else { return }
        let names = data.labels(ofTrainPoint: index).map { data.dataset.labelName($0) }
        let labelText = names.isEmpty ? "Labels: none" : "Labels: " + names.joined(separator: ", ")
        let allLabelLines = TextWrap.lines(labelText, width: inner.width)
        var labelLines = Array(allLabelLines.prefix(max(2, inner.height / 3)))
        if labelLines.count < allLabelLines.count, let last = labelLines.popLast() {
            labelLines.append((last + " …").truncated(toWidth: inner.width))
        }
        let textHeight = inner.height - labelLines.count
        if let texts = data.dataset.train.texts, index < texts.count {
            let lines = TextWrap.lines(texts[index], width: inner.width)
            let scroll = min(state.dataScreen.exampleScroll, max(0, lines.count - textHeight))
            for (i, line) in lines.dropFirst(scroll).prefix(textHeight).enumerated() {
                buffer.write(line, x: inner.x, y: inner.y + i)
            }
            buffer.drawScrollMarks(Rect(x: inner.x, y: inner.y, width: inner.width + 1, height: textHeight),
                                   first: scroll, visible: textHeight, count: lines.count)
        } else if let words = topFeatureWords(data, point: index, count: 30), !words.isEmpty {
            // No raw text: the point's heaviest features, named, stand in for it.
            buffer.write("No raw text; its top feature words:", x: inner.x, y: inner.y, style: .muted, maxWidth: inner.width)
            let lines = TextWrap.lines(words.joined(separator: ", "), width: inner.width)
            for (i, line) in lines.prefix(max(0, textHeight - 1)).enumerated() {
                buffer.write(line, x: inner.x, y: inner.y + 1 + i)
            }
        } else {
            buffer.write("This dataset has no raw texts; only its feature vectors.", x: inner.x, y: inner.y, style: .muted)
        }
        for (i, line) in labelLines.enumerated() {
            buffer.write(line, x: inner.x, y: inner.y + textHeight + i, style: .good, maxWidth: inner.width)
        }
    }
}
