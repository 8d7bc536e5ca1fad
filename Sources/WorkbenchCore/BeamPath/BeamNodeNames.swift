import XMR

/// The names of the nodes one `BeamExplanation` mentions: a label's name at the last level, and
/// for a cluster its level, id and top labels ("L2 #37 python, xml, parsing").
public struct BeamNodeNames: Sendable, Hashable {
    /// `names[t - 1][node]` for every candidate and every true label's ancestor at level t.
    private var names: [[Int: String]]

    /// Names every node `explanation` mentions: `labelName` names labels, `clusterLabels` gives a
    /// cluster's most frequent labels.
    public init(_ explanation: BeamExplanation, clusterLabels: ClusterLabels, labelName: (Int) -> String) {
        let depth = explanation.depth
        var names = [[Int: String]](repeating: [:], count: depth)
        func name(_ node: Int, _ level: Int) -> String {
            if level == depth { return labelName(node) }
            let top = clusterLabels.labels(ofNode: node, atLevel: level).prefix(3).map(labelName)
            return "L\(level) #\(node)" + (top.isEmpty ? " (empty)" : " " + top.joined(separator: ", "))
        }
        for level in explanation.levels {
            for candidate in level.candidates { names[level.level - 1][candidate.node] = name(candidate.node, level.level) }
        }
        for fate in explanation.fates {
            for step in fate.steps where names[step.level - 1][step.node] == nil {
                names[step.level - 1][step.node] = name(step.node, step.level)
            }
        }
        self.names = names
    }

    /// No names (for a result without an explanation).
    public init() { names = [] }

    /// The name of `node` at `level` (1...depth).
    public func name(ofNode node: Int, atLevel level: Int) -> String {
        guard level >= 1, level <= names.count, let name = names[level - 1][node] else { return "L\(level) #\(node)" }
        return name
    }
}
