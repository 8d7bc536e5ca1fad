import Foundation

/// Free text for a dataset that has feature names (`feature_names.txt`) but no raw texts, such as
/// delicious or bibtex: the text's words are looked up in the feature vocabulary, counted, weighted
/// by the inverse document frequency of their training columns, and l2-normalized.
///
/// A word matches a feature named exactly like it (case-insensitively), else one named like the
/// word without a plural or verb ending ("parsers" → "parser", "parsing" → "pars"), so stemmed
/// vocabularies match too.
public struct FeatureVocabularyVectorizer: Sendable {
    /// Feature id of every lowercased feature name (the first of duplicates).
    private let featureIDs: [String: Int32]
    /// `log((1 + n) / (1 + df)) + 1` per feature, over the n training rows.
    private let inverseDocumentFrequencies: [Float]
    private let tokenizer = Tokenizer(keepsNumbers: true)

    /// Builds the lookup from `featureNames` and the document frequencies of `trainingFeatures`' columns.
    public init(featureNames: [String], trainingFeatures: CSRMatrix) {
        var ids: [String: Int32] = [:]
        for (id, name) in featureNames.enumerated() {
            let key = name.lowercased()
            if ids[key] == nil { ids[key] = Int32(id) }
        }
        featureIDs = ids
        let count = featureNames.count
        var documentFrequencies = [Int](repeating: 0, count: count)
        for column in trainingFeatures.columnIndices where Int(column) < count { documentFrequencies[Int(column)] += 1 }
        let rows = Float(trainingFeatures.rows)
        inverseDocumentFrequencies = documentFrequencies.map { log((1 + rows) / (1 + Float($0))) + 1 }
    }

    /// Number of features (the vectors' dimension).
    public var featureCount: Int { inverseDocumentFrequencies.count }

    /// The feature of `word`, if the vocabulary has it or its stem.
    public func feature(of word: String) -> Int32? {
        let word = word.lowercased()
        if let id = featureIDs[word] { return id }
        for ending in ["ies", "es", "s", "ing", "ed", "ly"] where word.count > ending.count + 2 && word.hasSuffix(ending) {
            let stem = String(word.dropLast(ending.count))
            if let id = featureIDs[stem] ?? featureIDs[stem + (ending == "ies" ? "y" : "")] { return id }
        }
        return nil
    }

    /// `text` as a feature vector (no nonzeros when none of its words is a feature).
    public func transform(_ text: String) -> SparseVector {
        var counts: [Int32: Float] = [:]
        for token in tokenizer.tokens(in: text) {
            if let id = feature(of: token) { counts[id, default: 0] += 1 }
        }
        let indices = counts.keys.sorted()
        var values = indices.map { counts[$0]! * inverseDocumentFrequencies[Int($0)] }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { values = values.map { $0 / norm } }
        return SparseVector(dimension: featureCount, indices: indices, values: values)
    }
}
