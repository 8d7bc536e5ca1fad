/// What a beam search did for one query: per level, every candidate and whether it stayed.
public struct BeamTrace: Sendable, Equatable, Codable {
    /// One expanded node at one level.
    public struct Candidate: Sendable, Equatable, Codable {
        /// The node id at this level (a label id at the last level).
        public var node: Int
        /// Its parent at the level above.
        public var parent: Int
        /// The raw linear score wᵀx.
        public var rawScore: Float
        /// The path score: the parent's path score times the post-processed raw score.
        public var score: Float
        /// Whether the node stayed in the beam (at the last level: made the top k).
        public var kept: Bool
    }

    /// The candidates of one level, best path score first.
    public struct Level: Sendable, Equatable, Codable {
        /// The level, 1...depth.
        public var level: Int
        /// Every child of every beam node of the level above.
        public var candidates: [Candidate]
    }

    /// Levels 1...depth.
    public var levels: [Level]
    /// The returned ranking.
    public var results: [LabelScore]
}
