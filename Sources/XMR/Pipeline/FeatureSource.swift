/// Which features a model is trained on: the one rule for when texts are vectorized or embedded.
public enum FeatureSource: String, Codable, Sendable, CaseIterable {
    /// With an encoder: `tfidfWithDense`. Without one: TF-IDF of the raw texts when the training
    /// split has texts and every other split that has points has texts too (so any raw query is
    /// answered in the training's feature space); otherwise the dataset's feature vectors.
    case auto
    /// The dataset's feature vectors (`train.txt`); fails when there are none.
    case vectors
    /// TF-IDF of the raw texts (`train_texts.txt`), fitted on the training texts; fails without
    /// texts. `tfidf` is accepted as another name.
    case texts
    /// The encoder's embeddings of the raw texts (needs an encoder).
    case dense
    /// [TF-IDF ⊕ embedding] of the raw texts, each part l2-normalized and the row renormalized
    /// (needs an encoder).
    case tfidfWithDense = "tfidf+dense"

    /// The source named `name`: a raw value, or `tfidf` for `texts`.
    public init?(name: String) {
        self.init(rawValue: name == "tfidf" ? Self.texts.rawValue : name)
    }

    /// Whether `dataset` is trained on its texts under this rule (without an encoder for `auto`).
    public func usesTexts(_ dataset: Dataset) -> Bool {
        switch self {
        case .vectors: false
        case .texts, .dense, .tfidfWithDense: true
        case .auto:
            dataset.train.texts != nil && (dataset.test.map { $0.texts != nil || $0.count == 0 } ?? true)
        }
    }

    /// Whether the features hold the encoder's embeddings (`auto` means yes when there is an encoder).
    public func embedsTexts(hasEncoder: Bool) -> Bool {
        switch self {
        case .dense, .tfidfWithDense: true
        case .auto: hasEncoder
        case .vectors, .texts: false
        }
    }

    /// The source this one stands for on `dataset`, given whether the pipeline has an encoder:
    /// `auto` becomes `tfidfWithDense`, `texts` or `vectors`; the others stay.
    public func resolved(for dataset: Dataset, hasEncoder: Bool) -> FeatureSource {
        guard self == .auto else { return self }
        if hasEncoder { return .tfidfWithDense }
        return usesTexts(dataset) ? .texts : .vectors
    }
}
