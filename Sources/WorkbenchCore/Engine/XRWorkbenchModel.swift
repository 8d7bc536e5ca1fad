import Foundation
import XMR

/// A trained model folder with what the workbench needs to explain its answers.
public struct XRWorkbenchModel: TrainedWorkbenchModel {
    /// The trained pipeline (model and vectorizer).
    public let trained: TrainedModel
    /// The tree, weights and label names.
    public var model: XRLinearModel { trained.model }
    /// The TF-IDF vectorizer fitted on the training texts, when the model was trained on texts.
    public var vectorizer: TfidfVectorizer? { trained.vectorizer }
    /// Metrics, time and size.
    public let summary: TrainingSummary
    /// The test split's features in the model's feature space.
    public let testFeatures: CSRMatrix?
    /// Names of the model's input features (the vectorizer's vocabulary, or the dataset's names).
    public let featureNames: [String]?
    /// Free text through the dataset's feature names, for a model trained on feature vectors
    /// without a text vectorizer (delicious, bibtex).
    let featureVocabulary: FeatureVocabularyVectorizer?
    /// The most frequent training labels of every cluster, to name clusters.
    let clusterLabels: ClusterLabels
    /// Score → probability, when the model folder has a calibration (`calibration.json`).
    public var calibration: ScoreCalibration?

    /// Wraps a trained model.
    public init(trained: TrainedModel, summary: TrainingSummary,
                testFeatures: CSRMatrix?, featureNames: [String]?, labelFrequencies: [Int],
                trainingFeatures: CSRMatrix? = nil) {
        self.trained = trained
        let model = trained.model
        self.featureNames = featureNames
        self.summary = summary
        self.testFeatures = testFeatures
        clusterLabels = ClusterLabels(tree: model.tree, frequencies: labelFrequencies)
        if !trained.readsText, let featureNames, featureNames.count == model.featureCount, let trainingFeatures {
            featureVocabulary = FeatureVocabularyVectorizer(featureNames: featureNames, trainingFeatures: trainingFeatures)
        } else {
            featureVocabulary = nil
        }
    }

    /// The model's label tree.
    public var tree: LabelTree { model.tree }

    /// Ranks the labels of a typed text or a test point, with the beam path and true labels' fates.
    public func answer(_ request: QueryRequest, dataset: Dataset) throws -> QueryResult {
        let query: Query
        var text = ""
        var truth: [Int] = []
        var note: String?
        switch request.input {
        case .text(let typed):
            if let typedQuery = try trained.query(text: typed) {
                query = typedQuery
                if query.features.nonzeros == 0 { note = "None of these words occurs in the training texts; the ranking reflects only the bias." }
            } else if let featureVocabulary {
                query = Query(features: featureVocabulary.transform(typed), text: typed)
                if query.features.nonzeros == 0 { note = "None of these words is one of the dataset's features; the ranking reflects only the bias." }
            } else {
                throw XRWorkbenchEngineError.noVectorizer
            }
            text = typed
        case .testPoint(let index):
            guard let features = testFeatures, let test = dataset.test, index >= 0, index < features.rows else {
                throw XRWorkbenchEngineError.noSuchTestPoint(index)
            }
            text = test.texts.map { index < $0.count ? $0[index] : "" } ?? ""
            query = Query(features: features.row(index), text: text.isEmpty ? nil : text)
            truth = test.labels.range(ofRow: index).map { Int(test.labels.columnIndices[$0]) }
        }
        let trace = try trained.trace(query, beamWidth: request.beamWidth, topK: request.topK)
        let truthSet = Set(truth)
        let ranked = trace.results.map { result -> QueryResult.RankedLabel in
            var label = QueryResult.RankedLabel(label: result.label, name: model.labelName(result.label), score: result.score,
                                                isTrue: truthSet.contains(result.label))
            label.probability = calibration?.probability(result.score)
            return label
        }
        var keptByLevel: [Set<Int>] = []
        let levels = trace.levels.map { level -> QueryResult.Level in
            let kept = level.candidates.filter(\.kept)
            keptByLevel.append(Set(kept.map(\.node)))
            return QueryResult.Level(level: level.level, candidates: level.candidates.count, kept: kept.map {
                QueryResult.BeamNode(node: $0.node, score: $0.score, name: name(ofNode: $0.node, atLevel: level.level))
            })
        }
        let trueLabels = truth.map { label -> QueryResult.TrueLabel in
            let path = model.tree.path(toLabel: label)
            var exit: Int?
            for (i, node) in path.enumerated() where i < keptByLevel.count && !keptByLevel[i].contains(node) {
                exit = i + 1
                break
            }
            let rank = ranked.firstIndex { $0.label == label }.map { $0 + 1 }
            return QueryResult.TrueLabel(label: label, name: model.labelName(label), exitLevel: rank == nil ? exit : nil,
                                         rank: rank)
        }
        let explanation = BeamExplanation(trace: trace, tree: model.tree, trueLabels: truth,
                                          beamWidth: request.beamWidth, topK: request.topK)
        let names = BeamNodeNames(explanation, clusterLabels: clusterLabels, labelName: model.labelName)
        var result = QueryResult(request: request, text: text, ranked: ranked, levels: levels, trueLabels: trueLabels,
                                 note: note, explanation: explanation, nodeNames: names)
        result.matcher = trained.pipeline.matcher.algorithm
        return result
    }

    /// The heaviest positive weights of a node's ranker, named.
    public func rankerFeatures(ofNode node: Int, atLevel level: Int, count: Int) -> [(name: String, weight: Float)] {
        guard level >= 1, level <= model.depth, node >= 0, node < model.tree.nodeCount(atLevel: level) else { return [] }
        return model.topFeatures(ofNode: node, atLevel: level, count: count).map { entry in
            let name = featureNames.flatMap { entry.feature < $0.count ? $0[entry.feature] : nil } ?? "f\(entry.feature)"
            return (name: name, weight: entry.weight)
        }
    }

    /// The name of node `node` at `level`: its most frequent labels.
    func name(ofNode node: Int, atLevel level: Int) -> String {
        let labels = clusterLabels.labels(ofNode: node, atLevel: level).prefix(3)
        return labels.isEmpty ? "#\(node)" : labels.map(model.labelName).joined(separator: ", ")
    }
}
