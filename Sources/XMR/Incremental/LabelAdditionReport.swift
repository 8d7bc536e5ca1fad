/// What `LabelAdder.add` did: where each new label went and which nodes it trained.
public struct LabelAdditionReport: Sendable, Codable, Equatable {
    /// One new label.
    public struct AddedLabel: Sendable, Codable, Equatable {
        /// Its id in the new model.
        public var label: Int
        /// Its name, when labels have names.
        public var name: String?
        /// Training points that have it.
        public var positives: Int
        /// Training points its ranker learned to reject (the hard negatives of its cluster).
        public var negatives: Int
        /// Its leaf cluster (a node of level depth − 1).
        public var cluster: Int
        /// Whether that cluster was made for new labels (the nearest one was full).
        public var newCluster: Bool
        /// Whether that cluster is the copy of an existing one (see `NodeCopies`).
        public var inCopy: Bool
    }

    /// One matcher node trained or retrained.
    public struct TrainedNode: Sendable, Codable, Equatable {
        /// Its level.
        public var level: Int
        /// Its id at that level.
        public var node: Int
        /// Training points that are positive for it only because of the new labels (for a new
        /// node: all its positives).
        public var newPositives: Int
        /// Rows of its problem.
        public var rows: Int
        /// Whether it was trained from scratch (a node made for the new labels); else it is the
        /// copy of an existing node, trained on from that node's weights.
        public var isNew: Bool
        /// The existing node it is a copy of (which keeps its weights), when not new.
        public var copyOf: Int?
    }

    /// The new labels, in id order.
    public var labels: [AddedLabel]
    /// The matcher nodes on the new labels' paths that were trained: new nodes, and the copies of
    /// existing nodes that the new labels' points made positive where they were not before.
    public var nodes: [TrainedNode]
    /// Existing matcher nodes on the new labels' paths left as they were (no new positive).
    public var unchangedPathNodes: Int
    /// New labels placed in a full cluster because no ancestor had room for a new one.
    public var overCapacity: Int
    /// The leaf capacity and branching that placement respected.
    public var leafCapacity: Int
    /// Children per node at most.
    public var branching: Int
    /// Training points read.
    public var points: Int
    /// Seconds spent (matching, placing, training, assembling; not loading or saving).
    public var seconds: Double
}
