import XMR

/// `xmr predict`'s plain output: for one text, `score<TAB>label` lines; otherwise one line per
/// point, `point<TAB>label (score), …` (with `p=probability` when the model is calibrated).
struct RankedListWriter: PredictionWriter {
    /// Whether the output is one text's ranking (a line per label) rather than a line per point.
    var singleText: Bool
    /// Names of the model's labels.
    var labelName: (Int) -> String
    /// Where the lines go.
    var output: any TextOutput

    mutating func write(_ block: PredictionBlock) throws {
        var text = ""
        for (i, ranking) in block.rankings.enumerated() {
            let probabilities = block.probabilities?[i]
            if singleText {
                for (r, ranked) in ranking.enumerated() {
                    text += String(format: "%.4f", ranked.score)
                        + (probabilities.map { String(format: "\t%.4f", $0[r]) } ?? "") + "\t\(labelName(ranked.label))\n"
                }
            } else {
                let labels = ranking.enumerated().map { r, ranked in
                    "\(labelName(ranked.label)) (" + String(format: "%.4f", ranked.score)
                        + (probabilities.map { String(format: ", p=%.3f", $0[r]) } ?? "") + ")"
                }
                text += "\(block.firstPoint + i)\t" + labels.joined(separator: ", ") + "\n"
            }
        }
        try output.write(text)
        try output.flush()
    }

    mutating func finish() throws { try output.flush() }
}
