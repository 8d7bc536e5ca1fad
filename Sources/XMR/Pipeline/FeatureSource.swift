/// Which features a model is trained on: the one rule for when texts are vectorized.
public enum FeatureSource: String, Codable, Sendable, CaseIterable {
    /// TF-IDF of the raw texts when the training split has texts and every other split that has
    /// points has texts too (so any raw query is answered in the training's feature space);
    /// otherwise the dataset's feature vectors.
    case auto
    /// The dataset's feature vectors (`train.txt`); fails when there are none.
    case vectors
    /// TF-IDF of the raw texts (`train_texts.txt`), fitted on the training texts; fails without texts.
    case texts

    /// Whether `dataset` is trained on its texts under this rule.
    public func usesTexts(_ dataset: Dataset) -> Bool {
        switch self {
        case .vectors: false
        case .texts: true
        case .auto:
            dataset.train.texts != nil && (dataset.test.map { $0.texts != nil || $0.count == 0 } ?? true)
        }
    }
}
