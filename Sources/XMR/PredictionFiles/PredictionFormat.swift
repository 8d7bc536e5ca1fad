/// A text format for ranked predictions, one writer each (`xmr predict --format`).
public enum PredictionFormat: String, CaseIterable, Sendable {
    /// One `point\trank\tlabel_id\tlabel_name\tscore` row per ranked label, after a header row.
    case tsv
    /// One JSON object per point.
    case jsonl
    /// The Extreme Classification Repository sparse format: `points labels`, then `id:score` pairs a line.
    case xc

    /// A writer of this format to `output`.
    ///
    /// `labelNames` name label ids (nil: none); `labelCount` and `pointCount` go into the `xc`
    /// header, and without a `pointCount` (a stream of unknown length) `xc` holds its lines until
    /// `finish()`, because the count comes first.
    public func writer(to output: any TextOutput, labelNames: [String]?, labelCount: Int,
                       pointCount: Int?) -> any PredictionWriter {
        switch self {
        case .tsv: return TSVPredictionWriter(output: output, labelNames: labelNames)
        case .jsonl: return JSONLPredictionWriter(output: output, labelNames: labelNames)
        case .xc: return XCPredictionWriter(output: output, labelCount: labelCount, pointCount: pointCount)
        }
    }
}
