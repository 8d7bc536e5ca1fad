/// Writes `point\trank\tlabel_id\tlabel_name\tscore` rows (plus `\tprobability` when calibrated).
///
/// A header row names the columns. `rank` counts from 1; `label_name` is empty when the model has
/// no names, and tabs or line breaks inside a name become spaces so every row keeps its columns.
/// Scores are the shortest decimal that reads back as the same `Float`.
public struct TSVPredictionWriter: PredictionWriter {
    private let output: any TextOutput
    private let labelNames: [String]?
    private var wroteHeader = false

    /// A writer to `output` naming labels by `labelNames`.
    public init(output: any TextOutput, labelNames: [String]?) {
        self.output = output
        self.labelNames = labelNames
    }

    /// Writes the block's rows (the header before the first block) and flushes.
    public mutating func write(_ block: PredictionBlock) throws {
        var text = ""
        if !wroteHeader {
            text += "point\trank\tlabel_id\tlabel_name\tscore" + (block.probabilities == nil ? "" : "\tprobability") + "\n"
            wroteHeader = true
        }
        for (i, ranking) in block.rankings.enumerated() {
            let point = block.firstPoint + i
            for (r, ranked) in ranking.enumerated() {
                text += "\(point)\t\(r + 1)\t\(ranked.label)\t\(name(ranked.label))\t\(ranked.score)"
                if let probabilities = block.probabilities { text += "\t\(probabilities[i][r])" }
                text += "\n"
            }
        }
        try output.write(text)
        try output.flush()
    }

    /// Flushes (nothing is held back).
    public mutating func finish() throws { try output.flush() }

    private func name(_ label: Int) -> String {
        guard let labelNames, label >= 0, label < labelNames.count else { return "" }
        let name = labelNames[label]
        guard name.contains(where: { $0 == "\t" || $0.isNewline }) else { return name }
        return String(name.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }
}
