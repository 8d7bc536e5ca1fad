/// Where every pane of every screen goes for a terminal size; shared by the renderer and by the
/// reducer's mouse handling so clicks land on what is drawn.
public struct WorkbenchLayout: Sendable, Hashable {
    /// Terminal width.
    public let width: Int
    /// Terminal height.
    public let height: Int

    /// Computes the layout for `width` × `height`.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Everything between the tab row and the status line.
    public var content: Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }
    /// Rows beyond the minimum 22 content rows, shared out to panes that can use them.
    private var extraRows: Int { max(0, content.height - 22) }

    // MARK: Data

    /// Data: dataset statistics.
    public var dataStats: Rect {
        Rect(x: 0, y: content.y, width: min(36, width / 2), height: 9 + extraRows / 3)
    }
    /// Data: label-frequency histogram.
    public var dataHistogram: Rect {
        let stats = dataStats
        return Rect(x: stats.maxX, y: stats.y, width: width - stats.width, height: stats.height)
    }
    /// Data: labels by frequency (scrollable).
    public var dataLabels: Rect {
        Rect(x: 0, y: dataStats.maxY, width: width / 2, height: 7 + extraRows / 3)
    }
    /// Data: least frequent labels.
    public var dataRareLabels: Rect {
        let labels = dataLabels
        return Rect(x: labels.maxX, y: labels.y, width: width - labels.width, height: labels.height)
    }
    /// Data: example browser.
    public var dataExample: Rect {
        let top = dataLabels.maxY
        return Rect(x: 0, y: top, width: width, height: content.maxY - top)
    }

    // MARK: Train

    /// Train: hyperparameter form.
    public var trainForm: Rect {
        Rect(x: 0, y: content.y, width: width >= 110 ? 46 : 38, height: content.height)
    }
    /// Train: progress and results.
    public var trainProgress: Rect {
        let form = trainForm
        return Rect(x: form.maxX, y: content.y, width: width - form.width, height: content.height)
    }
    /// Train: the first form row (field `i` is drawn on row `trainFieldRow + i`).
    public var trainFieldRow: Int { trainForm.y + 1 }

    // MARK: Tree

    /// Tree: the outline.
    public var treeOutline: Rect { Rect(x: 0, y: content.y, width: width * 55 / 100, height: content.height) }
    /// Tree: the selected node's details.
    public var treeDetails: Rect {
        let outline = treeOutline
        return Rect(x: outline.maxX, y: content.y, width: width - outline.width, height: content.height)
    }
    /// Tree: rows of the outline list itself (inside the box, above the search line).
    public var treeOutlineList: Rect {
        let inner = treeOutline.interior
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
    }

    // MARK: Query

    /// Query: the prompt and the test-point line.
    public var queryPrompt: Rect { Rect(x: 0, y: content.y, width: width, height: 5) }
    /// Query: the beam path as a tree (the main pane, on the left).
    public var queryBeam: Rect {
        let top = queryPrompt.maxY
        return Rect(x: 0, y: top, width: width - max(30, width * 36 / 100), height: content.maxY - top)
    }
    /// Query: ranked labels and the missed true labels (on the right).
    public var queryLabels: Rect {
        let beam = queryBeam
        return Rect(x: beam.maxX, y: beam.y, width: width - beam.width, height: beam.height)
    }
    /// Query: rows of the ranked-label list (inside the box, below the header line).
    public var queryLabelList: Rect {
        let inner = queryLabels.interior
        return Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    }

    // MARK: Runs

    /// Runs: the table of runs.
    public var runsTable: Rect { Rect(x: 0, y: content.y, width: width, height: 9 + extraRows / 3) }
    /// Runs: the selected run's sweep chart, two marked runs compared, or a sweep form.
    public var runsDetails: Rect {
        let top = runsTable.maxY
        return Rect(x: 0, y: top, width: width, height: content.maxY - top)
    }
}
