import XMR

extension QueryResult {
    /// One row of the Query screen's label list: a returned label, or a true label that was missed.
    public enum LabelRow: Sendable, Hashable {
        /// The returned label at `rank` (0-based) in `ranked`.
        case ranked(Int)
        /// A true label that was not returned, with its chain.
        case missed(BeamExplanation.LabelFate)
    }

    /// The returned labels, then the true labels that were missed (those lost earliest last).
    public var labelRows: [LabelRow] {
        let missed = (explanation?.lostFates ?? []).sorted { a, b in
            (a.lostAtLevel ?? Int.max, a.label) > (b.lostAtLevel ?? Int.max, b.label)
        }
        return ranked.indices.map { .ranked($0) } + missed.map { .missed($0) }
    }

    /// The beam tree's rows as the Query screen shows them.
    public func beamRows(expanded: Set<BeamGroupID>, expandAll: Bool) -> [BeamTreeRow] {
        guard let explanation else { return [] }
        return BeamTreeLayout.rows(explanation, expanded: expanded, expandAll: expandAll)
    }

    /// The chain of true label `label`, when it is one of this point's.
    public func fate(ofLabel label: Int) -> BeamExplanation.LabelFate? {
        explanation?.fates.first { $0.label == label }
    }

    /// The first missed true label whose path runs through `node` at `level`.
    public func lostLabel(through node: Int, atLevel level: Int) -> Int? {
        explanation?.lostFates.first { fate in
            fate.steps.contains { $0.level == level && $0.node == node }
        }?.label
    }
}
