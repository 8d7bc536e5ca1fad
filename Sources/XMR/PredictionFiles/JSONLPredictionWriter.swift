import Foundation

/// Writes one JSON object a line per point: `{"labels":[{"label":…,"name":…,"score":…},…],"point":…,"text":…}`.
///
/// Keys come from `JSONStyle` (snake_case, sorted); `name` is left out when the model has no
/// names, `text` when the queries were not texts, and `probability` when the model has no calibration.
public struct JSONLPredictionWriter: PredictionWriter {
    /// One ranked label of a line.
    struct Ranked: Encodable {
        var label: Int
        var name: String?
        var score: Float
        var probability: Double?
    }

    /// One line: a point and its ranked labels.
    struct Line: Encodable {
        var point: Int
        var text: String?
        var labels: [Ranked]
    }

    private let output: any TextOutput
    private let labelNames: [String]?
    private let encoder = JSONStyle.encoder(pretty: false)

    /// A writer to `output` naming labels by `labelNames`.
    public init(output: any TextOutput, labelNames: [String]?) {
        self.output = output
        self.labelNames = labelNames
    }

    /// Writes one line per point of the block and flushes.
    public mutating func write(_ block: PredictionBlock) throws {
        var text = ""
        for (i, ranking) in block.rankings.enumerated() {
            let labels = ranking.enumerated().map { r, ranked in
                Ranked(label: ranked.label,
                       name: labelNames.flatMap { ranked.label < $0.count && ranked.label >= 0 ? $0[ranked.label] : nil },
                       score: ranked.score, probability: block.probabilities?[i][r])
            }
            let line = Line(point: block.firstPoint + i, text: block.texts?[i], labels: labels)
            text += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
        }
        try output.write(text)
        try output.flush()
    }

    /// Flushes (nothing is held back).
    public mutating func finish() throws { try output.flush() }
}
