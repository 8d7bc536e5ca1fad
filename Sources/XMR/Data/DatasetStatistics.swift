/// Everything `xmr info` and the workbench's Data screen show about a dataset; `Codable` for JSON.
public struct DatasetStatistics: Codable, Sendable, Equatable {
    /// The dataset's name.
    public var name: String
    /// The folder it was loaded from, when known.
    public var directory: String?
    /// Number of features (0 for a text-only dataset not vectorized yet).
    public var featureCount: Int
    /// Number of labels.
    public var labelCount: Int
    /// Whether the labels have names.
    public var hasLabelNames: Bool
    /// Whether the features have names.
    public var hasFeatureNames: Bool
    /// The training split.
    public var train: SplitStatistics
    /// The test split, when there is one.
    public var test: SplitStatistics?
    /// The distribution of label frequencies over the training split.
    public var labelFrequency: LabelFrequencyStatistics

    /// Computes the statistics of `dataset`, listing `listLength` most and least frequent labels.
    public init(dataset: Dataset, listLength: Int = 10) {
        name = dataset.name
        directory = dataset.directory?.path
        featureCount = dataset.featureCount
        labelCount = dataset.labelCount
        hasLabelNames = dataset.labelNames != nil
        hasFeatureNames = dataset.featureNames != nil
        train = SplitStatistics(split: dataset.train)
        test = dataset.test.map(SplitStatistics.init(split:))
        labelFrequency = LabelFrequencyStatistics(labels: dataset.train.labels, labelName: dataset.labelName,
                                                  listLength: listLength)
    }
}
