/// What the Query screen remembers: the prompt, the chosen test point, beam settings, the result.
public struct QueryScreenState: Sendable, Hashable {
    /// The free-text prompt (with its history).
    public var prompt = LineEditor()
    /// readline's prompt while it differs from "> " (its Ctrl-R search).
    public var promptLabel: String?
    /// The test point picked with n/p or by number (0-based).
    public var testPoint = 0
    /// Digits typed to jump to a test point, while typing them.
    public var pointEntry: String?
    /// Beam width for queries (changed with + and -).
    public var beamWidth = 10
    /// Labels returned per query.
    public var topK = 10
    /// The last request (re-run when the beam width changes).
    public var lastRequest: QueryRequest?
    /// The last answer.
    public var result: QueryResult?
    /// An error or remark to show instead of results.
    public var message: String?
    /// Selected row in the ranked labels.
    public var labelSelection = 0
    /// Scroll position of the drill-down, in lines.
    public var beamScroll = 0
    /// The selected row of the beam tree.
    public var beamSelection = 0
    /// Pruned groups of the beam tree shown node by node.
    public var beamExpanded: Set<BeamGroupID> = []
    /// Every pruned group shown (`e`).
    public var beamExpandAll = false
    /// The true label whose chain the beam pane shows instead of the tree (the drill-down).
    public var drillDownLabel: Int?

    /// The initial state.
    public init() {}
}
