/// Scoring a prediction file made by any system.
extension RankingMetrics {
    /// The metrics of `file` (read from `path`) against `truth`, the split it predicts.
    ///
    /// The file must have one line per point of the split and declare the split's label count,
    /// else a `DatasetError` names the file. Only the first `maxK` labels of each ranking count.
    public init(predictions file: XCPredictionFile, path: String, truth: CSRMatrix, maxK: Int = 5,
                propensity: LabelPropensity? = nil) throws {
        guard file.count == truth.rows else {
            throw DatasetError(path: path, message: "has \(file.count) points but the split it is scored against has \(truth.rows)")
        }
        guard file.labelCount == truth.cols else {
            throw DatasetError(path: path, line: 1,
                               message: "declares \(file.labelCount) labels but the dataset has \(truth.cols)")
        }
        try self.init(predictions: file.rankings.map { $0.map { Int32($0.label) } }, truth: truth,
                      maxK: maxK, propensity: propensity)
    }
}
