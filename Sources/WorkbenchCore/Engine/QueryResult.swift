import XMR

/// The answer to a query: ranked labels, the beam path, and where true labels left the beam.
public struct QueryResult: Sendable, Hashable {
    /// One ranked label.
    public struct RankedLabel: Sendable, Hashable {
        /// Label id.
        public var label: Int
        /// Label name.
        public var name: String
        /// Final score.
        public var score: Float
        /// True when the point has this label (test points only).
        public var isTrue: Bool
        /// The calibrated probability of the label, when the model has a calibration.
        public var probability: Double?

        /// Creates a ranked label.
        public init(label: Int, name: String, score: Float, isTrue: Bool) {
            self.label = label
            self.name = name
            self.score = score
            self.isTrue = isTrue
        }
    }

    /// One node kept in the beam.
    public struct BeamNode: Sendable, Hashable {
        /// Node index at its level (a label id at the last level).
        public var node: Int
        /// Beam score.
        public var score: Float
        /// The node's name: the label name at the last level, else its most frequent label.
        public var name: String

        /// Creates a beam node.
        public init(node: Int, score: Float, name: String) {
            self.node = node
            self.score = score
            self.name = name
        }
    }

    /// The beam at one level.
    public struct Level: Sendable, Hashable {
        /// Level number (1 = the root's children; the last level holds labels).
        public var level: Int
        /// Candidates scored at this level (children of the previous beam).
        public var candidates: Int
        /// Nodes kept, best first.
        public var kept: [BeamNode]

        /// Creates a level.
        public init(level: Int, candidates: Int, kept: [BeamNode]) {
            self.level = level
            self.candidates = candidates
            self.kept = kept
        }

        /// Candidates that were pruned.
        public var pruned: Int { max(0, candidates - kept.count) }
    }

    /// What happened to one true label.
    public struct TrueLabel: Sendable, Hashable {
        /// Label id.
        public var label: Int
        /// Label name.
        public var name: String
        /// The first level where the label's path left the beam, nil when it stayed to the end.
        public var exitLevel: Int?
        /// 1-based rank among the returned labels, when returned.
        public var rank: Int?

        /// Creates a true-label record.
        public init(label: Int, name: String, exitLevel: Int?, rank: Int?) {
            self.label = label
            self.name = name
            self.exitLevel = exitLevel
            self.rank = rank
        }
    }

    /// The request this answers.
    public var request: QueryRequest
    /// The text that was asked (the typed text, or the test point's text when known).
    public var text: String
    /// Ranked labels, best first.
    public var ranked: [RankedLabel]
    /// The beam, level by level.
    public var levels: [Level]
    /// True labels (empty for free text).
    public var trueLabels: [TrueLabel]
    /// A remark such as "no known words in the query", shown above the results.
    public var note: String?
    /// The whole search explained (every candidate, cutoffs, true labels' chains), when known.
    public var explanation: BeamExplanation?
    /// Names of the nodes `explanation` mentions.
    public var nodeNames: BeamNodeNames
    /// The matcher that chose the clusters.
    public var matcher: MatcherAlgorithm = .linear

    /// Creates a result.
    public init(request: QueryRequest, text: String, ranked: [RankedLabel], levels: [Level],
                trueLabels: [TrueLabel], note: String? = nil, explanation: BeamExplanation? = nil,
                nodeNames: BeamNodeNames = BeamNodeNames()) {
        self.request = request
        self.text = text
        self.ranked = ranked
        self.levels = levels
        self.trueLabels = trueLabels
        self.note = note
        self.explanation = explanation
        self.nodeNames = nodeNames
    }
}
