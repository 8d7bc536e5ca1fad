/// The five workbench screens, in tab order (keys 1–5).
public enum Screen: Int, Sendable, Hashable, CaseIterable {
    /// Dataset statistics, the label long tail and an example browser.
    case data
    /// Hyperparameter form and live training progress.
    case train
    /// The label tree as an outline.
    case tree
    /// Free-text or test-point queries with the beam path.
    case query
    /// Runs of this session.
    case runs

    /// The tab title.
    public var title: String {
        switch self {
        case .data: "Data"
        case .train: "Train"
        case .tree: "Tree"
        case .query: "Query"
        case .runs: "Runs"
        }
    }

    /// The panes that Tab and Shift-Tab cycle through on this screen, first one focused initially.
    public var panes: [Pane] {
        switch self {
        case .data: [.dataExample, .dataLabels]
        case .train: [.trainForm, .trainProgress]
        case .tree: [.treeOutline, .treeDetails]
        case .query: [.queryBeam, .queryLabels, .queryPrompt]
        case .runs: [.runsTable]
        }
    }
}

/// A focusable region of a screen.
public enum Pane: Sendable, Hashable {
    /// Data: the example browser.
    case dataExample
    /// Data: labels ranked by frequency.
    case dataLabels
    /// Train: the hyperparameter form.
    case trainForm
    /// Train: progress and results.
    case trainProgress
    /// Tree: the outline.
    case treeOutline
    /// Tree: the selected node's summary.
    case treeDetails
    /// Query: the text prompt.
    case queryPrompt
    /// Query: the ranked labels.
    case queryLabels
    /// Query: the beam path.
    case queryBeam
    /// Runs: the table of runs.
    case runsTable
}
