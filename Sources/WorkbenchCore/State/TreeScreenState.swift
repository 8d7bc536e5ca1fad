/// What the Tree screen remembers: expanded nodes, the selection and the label search.
public struct TreeScreenState: Sendable, Hashable {
    /// Nodes whose children are shown.
    public var expanded: Set<TreeNodeID> = [.root]
    /// The selected node.
    public var selected: TreeNodeID = .root
    /// The label-name search editor, while searching.
    public var search: LineEditor?
    /// readline's prompt for the search while it differs from "/ " (its Ctrl-R search).
    public var searchLabel: String?
    /// Earlier searches, oldest first (this run only).
    public var searchHistory: [String] = []
    /// The text of the last search (for repeating it with Enter).
    public var lastSearch = ""
    /// Which match of the last search is selected (0-based).
    public var matchIndex = 0
    /// A remark about the search ("4 matches", "no label matches …").
    public var searchMessage: String?

    /// The initial state.
    public init() {}
}
