/// One query's beam search explained: every level's candidates with their ranks and the cutoff,
/// the tree the beam walked (kept nodes and their pruned children), and for each true label the
/// chain from the root down to where its path was kept or pruned.
///
/// It is plain data computed from a `BeamTrace`, so the workbench's Query screen and
/// `xmr predict --trace` show the same thing.
public struct BeamExplanation: Sendable, Hashable {
    /// How a node relates to the query's true labels.
    public enum TruthMark: Sendable, Hashable {
        /// No true label lies under the node.
        case none
        /// A true label lies under the node, and the node was kept.
        case keptAncestor
        /// A true label lies under the node, and the node was pruned: that label's path ends here.
        case prunedAncestor
    }

    /// One candidate at one level.
    public struct Node: Sendable, Hashable {
        /// The level, 1...depth.
        public var level: Int
        /// The node id at its level (a label id at the last level).
        public var node: Int
        /// Its parent at the level above.
        public var parent: Int
        /// The path score (the parent's times the post-processed raw score).
        public var score: Float
        /// The raw linear score wᵀx.
        public var rawScore: Float
        /// 1-based rank among the level's candidates.
        public var rank: Int
        /// Whether the node stayed in the beam (at the last level: made the top k).
        public var kept: Bool
        /// Whether a true label lies under it, and its fate.
        public var truth: TruthMark
    }

    /// One level of the search.
    public struct Level: Sendable, Hashable {
        /// The level, 1...depth.
        public var level: Int
        /// Every candidate (the children of the level above's beam), best first.
        public var candidates: [Node]
        /// How many the level keeps at most: the beam width, or top-k at the last level.
        public var width: Int
        /// How many were kept.
        public var keptCount: Int { min(width, candidates.count) }
        /// The score of the last kept candidate: a candidate needs more to stay (ties go to the lower id).
        public var cutoff: Float? { keptCount > 0 ? candidates[keptCount - 1].score : nil }
    }

    /// What happened at one level on the way to a true label.
    public enum StepOutcome: Sendable, Hashable {
        /// The ancestor was a candidate and stayed in the beam.
        case kept
        /// The ancestor was a candidate and was pruned; a width of at least `neededWidth` (its rank)
        /// at this level would have kept it.
        case pruned(neededWidth: Int)
        /// The ancestor was never scored: its parent had been pruned above.
        case notScored
    }

    /// A true label's ancestor at one level.
    public struct Step: Sendable, Hashable {
        /// The level, 1...depth.
        public var level: Int
        /// The ancestor's node id at that level (the label itself at the last level).
        public var node: Int
        /// Its path score, when it was a candidate.
        public var score: Float?
        /// Its 1-based rank among the level's candidates, when it was one.
        public var rank: Int?
        /// The number of candidates at that level.
        public var candidates: Int
        /// The level's cutoff (the last kept score).
        public var cutoff: Float?
        /// Kept, pruned or never scored.
        public var outcome: StepOutcome
    }

    /// The chain from the root to one true label.
    public struct LabelFate: Sendable, Hashable {
        /// The label id.
        public var label: Int
        /// Its ancestors at levels 1...depth (the last step is the label itself).
        public var steps: [Step]
        /// 1-based rank in the returned ranking, when it was returned.
        public var returnedRank: Int?

        /// The first level where the path was pruned (the last level means: scored, below top-k).
        public var lostAtLevel: Int? {
            steps.first { if case .pruned = $0.outcome { true } else { false } }?.level
        }

        /// The label's rank among the last level's candidates, when its path reached that level.
        public var finalRank: Int? { steps.last?.rank }
    }

    /// Levels 1...depth.
    public var levels: [Level]
    /// The true labels' chains, in the order given.
    public var fates: [LabelFate]
    /// The returned ranking.
    public var results: [LabelScore]
    /// `childIndex[t - 1][parent]`: positions in `levels[t - 1].candidates` of `parent`'s children.
    private var childIndex: [[Int: [Int]]]

    /// Explains `trace` (made with every candidate kept, as `XRLinearModel.trace` does) on `tree`
    /// for the point's `trueLabels`, with the widths the search used.
    public init(trace: BeamTrace, tree: LabelTree, trueLabels: [Int], beamWidth: Int, topK: Int) {
        let depth = trace.levels.count
        // Every level's ancestor of each true label, to mark nodes on true paths.
        let paths = trueLabels.filter { $0 >= 0 && $0 < tree.labelCount }.map { tree.path(toLabel: $0) }
        var levels: [Level] = []
        var childIndex: [[Int: [Int]]] = []
        for level in trace.levels {
            let onTruePath = Set(paths.compactMap { level.level - 1 < $0.count ? $0[level.level - 1] : nil })
            var children: [Int: [Int]] = [:]
            let nodes = level.candidates.enumerated().map { i, c -> Node in
                children[c.parent, default: []].append(i)
                let truth: TruthMark = onTruePath.contains(c.node) ? (c.kept ? .keptAncestor : .prunedAncestor) : .none
                return Node(level: level.level, node: c.node, parent: c.parent, score: c.score, rawScore: c.rawScore,
                            rank: i + 1, kept: c.kept, truth: truth)
            }
            levels.append(Level(level: level.level, candidates: nodes,
                                width: max(1, level.level == depth ? topK : beamWidth)))
            childIndex.append(children)
        }
        self.levels = levels
        self.childIndex = childIndex
        self.results = trace.results
        let returned = Dictionary(trace.results.enumerated().map { ($1.label, $0 + 1) }, uniquingKeysWith: min)
        fates = trueLabels.map { label in
            guard label >= 0, label < tree.labelCount else {
                return LabelFate(label: label, steps: [], returnedRank: nil)
            }
            let path = tree.path(toLabel: label)
            var steps: [Step] = []
            var alive = true
            for (t, node) in path.enumerated() where t < levels.count {
                let level = levels[t]
                let position = alive ? level.candidates.firstIndex { $0.node == node } : nil
                let outcome: StepOutcome
                if let position {
                    outcome = level.candidates[position].kept ? .kept : .pruned(neededWidth: position + 1)
                    if !level.candidates[position].kept { alive = false }
                } else {
                    outcome = .notScored
                    alive = false
                }
                steps.append(Step(level: level.level, node: node, score: position.map { level.candidates[$0].score },
                                  rank: position.map { $0 + 1 }, candidates: level.candidates.count,
                                  cutoff: level.cutoff, outcome: outcome))
            }
            return LabelFate(label: label, steps: steps, returnedRank: returned[label])
        }
    }

    /// Number of levels below the root.
    public var depth: Int { levels.count }

    /// The candidates at level `level + 1` whose parent is `node` at `level` (0 is the root), best first.
    public func children(ofNode node: Int, atLevel level: Int) -> [Node] {
        guard level >= 0, level < levels.count else { return [] }
        return (childIndex[level][node] ?? []).map { levels[level].candidates[$0] }
    }

    /// The true labels that were not returned.
    public var lostFates: [LabelFate] { fates.filter { $0.returnedRank == nil } }
}
