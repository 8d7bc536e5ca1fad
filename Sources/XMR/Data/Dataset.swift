import Foundation

/// A loaded dataset folder: a training split, an optional test split, and optional names.
public struct Dataset: Sendable {
    /// A short name, usually the folder's last path component.
    public var name: String
    /// The folder the dataset was loaded from, if any.
    public var directory: URL?
    /// Number of features (columns of every split's feature matrix).
    public var featureCount: Int
    /// Number of labels (columns of every split's label matrix).
    public var labelCount: Int
    /// The training split.
    public var train: DatasetSplit
    /// The test split, when the folder has one.
    public var test: DatasetSplit?
    /// `labelNames[i]` names label `i`, when `label_names.txt` exists.
    public var labelNames: [String]?
    /// `featureNames[j]` names feature `j`, when `feature_names.txt` exists.
    public var featureNames: [String]?

    /// Creates a dataset from its parts.
    public init(name: String, directory: URL? = nil, featureCount: Int, labelCount: Int,
                train: DatasetSplit, test: DatasetSplit? = nil,
                labelNames: [String]? = nil, featureNames: [String]? = nil) {
        self.name = name
        self.directory = directory
        self.featureCount = featureCount
        self.labelCount = labelCount
        self.train = train
        self.test = test
        self.labelNames = labelNames
        self.featureNames = featureNames
    }

    /// The name of label `i`, or `#i` when the dataset has no label names.
    public func labelName(_ i: Int) -> String {
        if let names = labelNames, i >= 0, i < names.count { return names[i] }
        return "#\(i)"
    }
}
