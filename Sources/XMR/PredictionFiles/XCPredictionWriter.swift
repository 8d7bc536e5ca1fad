/// Writes the Extreme Classification Repository sparse format: a header `points labels`, then one
/// line per point of `label:score` pairs (separated by spaces; empty for no labels).
///
/// Pairs are in ascending label id, not by rank: the format's readers (pyxclib's
/// `read_sparse_file`, like scikit-learn's svmlight reader) reject a line whose ids are not sorted;
/// the scores carry the ranking. `XCPredictionFile` reads it back. The header needs the point count:
/// given it, lines stream out block by block; without it (a stream of unknown length), they are
/// held until `finish()` and written after the header then.
public struct XCPredictionWriter: PredictionWriter {
    private let output: any TextOutput
    private let labelCount: Int
    private let pointCount: Int?
    private var held: [String] = []
    private var written = 0

    /// A writer to `output` of predictions over `labelCount` labels for `pointCount` points (nil: unknown).
    public init(output: any TextOutput, labelCount: Int, pointCount: Int?) {
        self.output = output
        self.labelCount = labelCount
        self.pointCount = pointCount
    }

    /// Writes (or, without a point count, holds) the block's lines.
    public mutating func write(_ block: PredictionBlock) throws {
        var text = ""
        for ranking in block.rankings {
            text += ranking.sorted { $0.label < $1.label }.map { "\($0.label):\($0.score)" }.joined(separator: " ") + "\n"
        }
        if let pointCount {
            if written == 0 { text = "\(pointCount) \(labelCount)\n" + text }
            try output.write(text)
            try output.flush()
        } else {
            held.append(text)
        }
        written += block.count
    }

    /// Writes held lines after their header (and an empty header for no points) and flushes.
    public mutating func finish() throws {
        if pointCount == nil {
            try output.write("\(written) \(labelCount)\n")
            for text in held { try output.write(text) }
            held = []
        } else if written == 0 {
            try output.write("\(pointCount ?? 0) \(labelCount)\n")
        }
        try output.flush()
    }
}
