/// Ranked labels are hashable, so results that carry them (a `BeamExplanation`) can be too.
extension LabelScore: Hashable {
    /// Hashes the label and its score.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(label)
        hasher.combine(score)
    }
}
