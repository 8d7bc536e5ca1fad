/// Screen 3: the label tree as an outline, and the selected node's summary.
public enum TreeScreen {
    /// Draws the Tree screen.
    public static func draw(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout ScreenBuffer) {
        guard let overview = state.treeOverview else {
            let rect = layout.content
            buffer.drawBox(rect, title: "Label tree")
            let text = state.isTraining
                ? "A training is running; its label tree appears here when it finishes."
                : "No label tree yet. Train a model on the Train screen (press 2, then s); its tree appears here."
            buffer.drawWrapped(text, in: rect.inset(dx: 2, dy: 2), style: .muted)
            return
        }
        drawOutline(state, overview: overview, layout: layout, into: &buffer)
        drawDetails(state, overview: overview, rect: layout.treeDetails, into: &buffer)
    }

    /// The outline with the search line at its bottom.
    static func drawOutline(_ state: WorkbenchState, overview: TreeOverview, layout: WorkbenchLayout,
                            into buffer: inout ScreenBuffer) {
        let focused = state.focus == .treeOutline
        let tree = overview.tree
        buffer.drawBox(layout.treeOutline, title: "Label tree: depth \(tree.depth), \(Format.count(tree.labelCount)) labels",
                       focused: focused)
        let nodes = TreeOutline.visibleNodes(of: overview, expanded: state.treeScreen.expanded)
        let rows = nodes.map { node -> OutlineRow in
            let isLeaf = node.level >= tree.depth
            let marker: OutlineRow.Marker = isLeaf ? .leaf : (state.treeScreen.expanded.contains(node) ? .expanded : .collapsed)
            if node.level == 0 {
                return OutlineRow(depth: 0, marker: marker, text: "root", detail: "\(Format.count(tree.labelCount)) labels")
            }
            if isLeaf {
                let frequency = overview.labelFrequencies[node.index]
                return OutlineRow(depth: node.level, marker: marker, text: overview.name(ofNode: node.index, atLevel: node.level),
                                  detail: "\(Format.count(frequency)) pts", style: frequency == 0 ? .muted : .plain)
            }
            let size = overview.labels(underNode: node.index, atLevel: node.level).count
            return OutlineRow(depth: node.level, marker: marker,
                              text: "\(node.index) · \(overview.name(ofNode: node.index, atLevel: node.level)) …",
                              detail: "\(Format.count(size)) labels")
        }
        let list = layout.treeOutlineList
        let selected = nodes.firstIndex(of: state.treeScreen.selected)
        buffer.drawOutline(list, rows: rows, selected: selected, focused: focused)
        let searchY = list.maxY
        if let editor = state.treeScreen.search {
            buffer.drawLineEditor(editor, prompt: state.treeScreen.searchLabel ?? "/ ", x: list.x + 1, y: searchY, width: list.width - 2, focused: true)
            if let message = state.treeScreen.searchMessage, list.width > 50 {
                let text = message.truncated(toWidth: list.width / 2)
                buffer.write(text, x: list.maxX - text.displayWidth, y: searchY, style: .muted)
            }
        } else if let message = state.treeScreen.searchMessage {
            buffer.write(message, x: list.x + 1, y: searchY,
                         style: state.treeScreen.matchIndex < 0 ? .bad : .muted, maxWidth: list.width - 2)
        } else {
            buffer.write("/ searches label names", x: list.x + 1, y: searchY, style: .muted, maxWidth: list.width - 2)
        }
    }

    /// The selected node's summary: size, path, most frequent labels, top features.
    static func drawDetails(_ state: WorkbenchState, overview: TreeOverview, rect: Rect, into buffer: inout ScreenBuffer) {
        let node = state.treeScreen.selected
        let tree = overview.tree
        let isLeaf = node.level >= tree.depth
        let title = node.level == 0 ? "Root" : isLeaf ? "Label \(node.index)" : "Node \(node.index) at level \(node.level)"
        buffer.drawBox(rect, title: title, focused: state.focus == .treeDetails)
        let inner = rect.inset(dx: 2, dy: 1)
        var y = inner.y
        let listLimit = max(1, (inner.height - 6) / 2)
        let summary = overview.summary(ofNode: node.index, atLevel: node.level, labelLimit: listLimit, featureLimit: listLimit)
        func line(_ title: String, _ value: String) {
            guard y < inner.maxY else { return }
            buffer.write(title, x: inner.x, y: y)
            buffer.write(value, x: inner.x + 14, y: y, style: .bold, maxWidth: inner.width - 14)
            y += 1
        }
        if isLeaf {
            line("Name", overview.name(ofNode: node.index, atLevel: node.level))
            line("Training pts", Format.count(overview.labelFrequencies[node.index]))
        } else {
            line("Labels", Format.count(summary.size))
            line("Occurrences", Format.count(summary.occurrences))
        }
        let path = TreeOutline.ancestors(of: node, in: overview).dropFirst().map { "\($0.index)" } + (node.level > 0 ? ["\(node.index)"] : [])
        line("Path", (["root"] + path).joined(separator: " › "))
        y += 1
        if !isLeaf, y < inner.maxY {
            buffer.write("Most frequent labels", x: inner.x, y: y, style: .title)
            y += 1
            for entry in summary.topLabels where y < inner.maxY {
                buffer.write(entry.name, x: inner.x, y: y, maxWidth: inner.width - 9)
                buffer.write(Format.count(entry.frequency), x: inner.maxX - 8, y: y, width: 8, alignment: .right, style: .muted)
                y += 1
            }
            y += 1
        }
        guard y < inner.maxY else { return }
        if !summary.rankerFeatures.isEmpty {
            // The model's own view of the node: its ranker's heaviest words.
            buffer.write("Ranker's top words", x: inner.x, y: y, style: .title, maxWidth: inner.width - 9)
            buffer.write("weight", x: inner.maxX - 8, y: y, width: 8, alignment: .right, style: .muted)
            y += 1
            for entry in summary.rankerFeatures where y < inner.maxY {
                buffer.write(entry.name, x: inner.x, y: y, maxWidth: inner.width - 9)
                buffer.write(Format.decimal(Double(entry.weight), digits: 2), x: inner.maxX - 8, y: y, width: 8,
                             alignment: .right, style: .muted)
                y += 1
            }
            return
        }
        let isRoot = node.level == 0
        buffer.write(isRoot ? "Heaviest features" : "Key features", x: inner.x, y: y, style: .title,
                     maxWidth: inner.width - 16)
        buffer.write(isRoot ? "share" : "share   lift", x: inner.maxX - 16, y: y, width: 16, alignment: .right, style: .muted)
        y += 1
        if summary.topFeatures.isEmpty, y < inner.maxY {
            buffer.write("no feature vectors in this dataset", x: inner.x, y: y, style: .muted)
        }
        for entry in summary.topFeatures where y < inner.maxY {
            buffer.write(entry.name, x: inner.x, y: y, maxWidth: inner.width - 17)
            let share = Format.decimal(entry.share * 100, digits: 1) + "%"
            let text = isRoot ? share : share + "  " + (Format.decimal(entry.lift, digits: 1) + "×").padded(toWidth: 6, alignment: .right)
            buffer.write(text, x: inner.maxX - 16, y: y, width: 16, alignment: .right, style: .muted)
            y += 1
        }
    }
}
