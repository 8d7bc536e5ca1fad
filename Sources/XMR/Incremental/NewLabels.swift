import Foundation

/// What `LabelAdder` adds to a model: training points in the model's feature space, their labels
/// in the model's label ids extended by the new ones, and the new labels' names.
///
/// Label ids below the model's label count are the model's labels; ids from there on are new.
/// `read(_:for:)` builds it from a dataset folder and checks it against the model.
public struct NewLabels: Sendable {
    /// Points × features (as the dataset gives them; the model's row scaling is applied later).
    public var features: CSRMatrix
    /// Points × (the model's labels + the new ones).
    public var labels: CSRMatrix
    /// The names of every label (old, then new) when the model or the dataset has names.
    public var labelNames: [String]?
    /// The model's label count: ids from here on are new.
    public var firstNewLabel: Int

    /// Number of new labels.
    public var count: Int { labels.cols - firstNewLabel }

    /// Creates the input from its parts; checks the shapes and that every new label has a point.
    public init(features: CSRMatrix, labels: CSRMatrix, labelNames: [String]?, firstNewLabel: Int) throws {
        guard features.rows == labels.rows else {
            throw XRLinearError.invalidInput("features have \(features.rows) rows but labels have \(labels.rows)")
        }
        guard labels.cols > firstNewLabel else {
            throw XRLinearError.invalidInput("there are \(labels.cols) labels and the model has \(firstNewLabel): no new label to add")
        }
        if let labelNames, labelNames.count != labels.cols {
            throw XRLinearError.invalidInput("\(labelNames.count) label names for \(labels.cols) labels")
        }
        self.features = features
        self.labels = labels
        self.labelNames = labelNames
        self.firstNewLabel = firstNewLabel
    }

    /// The PIFA vectors of the new labels over `features` (these points' rows, scaled as the
    /// model scales them), one row per label: as training makes them (the l2-normalized sum of
    /// the rows of a label's points, each weighted by 1/√(its label count, old labels
    /// included)), with the old labels' rows left empty: only the new labels are placed, so
    /// only their products are computed.
    func newLabelVectors(features: CSRMatrix, threads: Int) throws -> CSRMatrix {
        try LabelRepresentation.pifa(features: features, labels: labels, threads: threads, fromLabel: firstNewLabel)
    }

    /// The training split of `dataset`, checked against `model`: the features must be in the
    /// model's space (TF-IDF of the texts for a text model, else exactly the model's feature
    /// count), label ids below the model's label count are the model's labels (and where both
    /// have names, `label_names.txt` must give the model's names there), the ids above are new,
    /// each with a name not used before and at least one training point.
    public static func read(_ dataset: Dataset, for model: TrainedModel) throws -> NewLabels {
        let folder = dataset.directory ?? URL(fileURLWithPath: dataset.name)
        let split = dataset.train
        let features: CSRMatrix
        if model.vectorizer != nil {
            guard split.texts != nil else {
                throw DatasetError(path: folder.path, message: "the model reads raw text, but the training split has no texts (train_texts.txt): it cannot be put in the model's feature space")
            }
            features = try model.features(of: split, name: "train")
        } else {
            guard let vectors = split.features else {
                throw DatasetError(path: folder.path, message: "the training split has no feature vectors (train.txt), and the model has no vectorizer to read its texts")
            }
            guard vectors.cols == model.model.featureCount else {
                throw DatasetError(path: sourceFile(in: folder), message: "has \(vectors.cols) features but the model has \(model.model.featureCount): another feature space (the model is unchanged)")
            }
            features = vectors
        }
        let old = model.model.labelCount
        guard dataset.labelCount > old else {
            let source = sourceFile(in: folder)
            throw DatasetError(path: source, line: source.hasSuffix("/train.txt") ? 1 : nil, message: "declares \(dataset.labelCount) labels and the model has \(old): new labels take the ids from \(old) on, so there is none to add")
        }
        let names = try checkedNames(dataset, model: model.model, folder: folder)
        var counts = [Int](repeating: 0, count: dataset.labelCount)
        for j in split.labels.columnIndices { counts[Int(j)] += 1 }
        if let empty = (old..<dataset.labelCount).first(where: { counts[$0] == 0 }) {
            let name = names.map { " (\(PrintableText.escaped($0[empty])))" } ?? ""
            throw DatasetError(path: sourceFile(in: folder), message: "new label \(empty)\(name) has no training point; every new label needs at least one")
        }
        return try NewLabels(features: features, labels: split.labels, labelNames: names, firstNewLabel: old)
    }

    /// The dataset's label names, checked against the model's: the first lines must be the
    /// model's names, the rest new names. Required when the model has names.
    private static func checkedNames(_ dataset: Dataset, model: XRLinearModel, folder: URL) throws -> [String]? {
        let file = folder.appendingPathComponent("label_names.txt").path
        guard let names = dataset.labelNames else {
            if model.labelNames != nil {
                throw DatasetError(path: file, message: "missing: the model names its labels, so the new labels need names (line i names label i; the first \(model.labelCount) lines are the model's names)")
            }
            return nil
        }
        guard let known = model.labelNames else { return names }
        var seen: [String: Int] = [:]
        for (i, name) in known.enumerated() where seen[name] == nil { seen[name] = i }
        for i in 0..<model.labelCount where names[i] != known[i] {
            throw DatasetError(path: file, line: i + 1, message: "names label \(i) '\(PrintableText.escaped(names[i]))', but the model's label \(i) is '\(PrintableText.escaped(known[i]))' (the first \(model.labelCount) lines must be the model's names, in its order)")
        }
        for i in model.labelCount..<names.count {
            if let j = seen[names[i]] {
                throw DatasetError(path: file, line: i + 1, message: "new label \(i) is named '\(PrintableText.escaped(names[i]))', which already names label \(j)")
            }
            seen[names[i]] = i
        }
        return names
    }

    /// The file the training split's labels came from, for messages.
    static func sourceFile(in folder: URL) -> String {
        for name in ["train.txt", "X.trn.npz", "X.npz", "train_labels.txt"] {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { return url.path }
        }
        return folder.path
    }
}
