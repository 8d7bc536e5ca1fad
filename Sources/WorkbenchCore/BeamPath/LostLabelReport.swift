import XMR

/// The drill-down for one true label: its chain from the root, one line per level (node, score,
/// rank among the level's candidates, the cutoff, and kept or "PRUNED: beam ≥ R keeps it"), then
/// its rank among the final labels. Shared by the Query screen and `xmr predict --trace`.
public struct LostLabelReport: Sendable, Hashable {
    /// How a line is meant to look.
    public enum Tone: Sendable, Hashable {
        /// Ordinary text.
        case plain
        /// The label's ancestor stayed in the beam.
        case kept
        /// Where the label's path was pruned.
        case pruned
        /// Never scored.
        case muted
        /// Column headings.
        case heading
    }

    /// One table line: level, node, score, rank, cutoff, outcome.
    public struct Line: Sendable, Hashable {
        /// The cells, in column order.
        public var cells: [String]
        /// How the line looks.
        public var tone: Tone
    }

    /// "Why "python" was missed" or "How "python" was found".
    public let title: String
    /// The heading and one line per level.
    public let lines: [Line]
    /// The conclusion: where the path was lost and what would have kept it, or the final rank.
    public let summary: [String]

    /// Explains `fate` from `explanation`, naming nodes with `names` and the label with `labelName`.
    public init(fate: BeamExplanation.LabelFate, explanation: BeamExplanation, names: BeamNodeNames, labelName: String) {
        let depth = explanation.depth
        title = fate.returnedRank == nil ? "Why \"\(labelName)\" was missed" : "How \"\(labelName)\" was found"
        var lines = [Line(cells: ["level", "node", "score", "rank", "cutoff", ""], tone: .heading)]
        for step in fate.steps {
            let isLast = step.level == depth
            let outcome: String
            let tone: Tone
            switch step.outcome {
            case .kept:
                outcome = isLast ? "returned #\(fate.returnedRank ?? step.rank ?? 0)" : "kept"
                tone = .kept
            case .pruned(let width):
                outcome = isLast ? "PRUNED: top-k ≥ \(width) returns it" : "PRUNED: beam ≥ \(width) keeps it"
                tone = .pruned
            case .notScored:
                outcome = "not scored: parent pruned"
                tone = .muted
            }
            lines.append(Line(cells: [isLast ? "labels" : "L\(step.level)",
                                      isLast ? labelName : names.name(ofNode: step.node, atLevel: step.level),
                                      step.score.map(Format.score) ?? "–",
                                      step.rank.map { "\($0)/\(step.candidates)" } ?? "–",
                                      step.cutoff.map(Format.score) ?? "–", outcome], tone: tone))
        }
        self.lines = lines
        let topK = explanation.levels.last?.width ?? 0
        var summary: [String] = []
        if let rank = fate.returnedRank {
            summary.append("Returned at rank \(rank) of \(explanation.results.count).")
        } else if let lost = fate.lostAtLevel, let step = fate.steps.first(where: { $0.level == lost }),
                  let rank = step.rank {
            if lost == depth {
                summary.append("It reached the labels: rank \(rank) among the \(step.candidates) final labels scored, "
                               + "below the top \(topK).")
            } else {
                let width = explanation.levels[lost - 1].width
                summary.append("Lost at level \(lost): rank \(rank) of \(step.candidates) candidates with beam \(width); "
                               + "a beam of at least \(rank) keeps it at that level.")
            }
        } else if fate.steps.isEmpty {
            summary.append("The label is not in the model's tree.")
        }
        self.summary = summary
    }

    /// The table as text lines, columns padded to their widest cell; with `width`, the node column
    /// is truncated so every line fits.
    public func textLines(width: Int? = nil) -> [(text: String, tone: Tone)] {
        let columns = lines.first?.cells.count ?? 0
        var widths = (0..<columns).map { c in lines.map { $0.cells[c].displayWidth }.max() ?? 0 }
        if let width, columns > 1 {
            let others = widths.enumerated().filter { $0.offset != 1 }.map(\.element).reduce(0, +) + 2 * (columns - 1)
            widths[1] = max(6, min(widths[1], width - others))
        }
        let table = lines.map { line -> (text: String, tone: Tone) in
            let cells = line.cells.enumerated().map { c, cell -> String in
                let alignment: TextAlignment = (2...4).contains(c) ? .right : .left
                return c == columns - 1 ? cell : cell.truncated(toWidth: widths[c]).padded(toWidth: widths[c], alignment: alignment)
            }
            return (cells.joined(separator: "  "), line.tone)
        }
        return [(title, Tone.heading)] + table + summary.map { ($0, Tone.plain) }
    }
}
