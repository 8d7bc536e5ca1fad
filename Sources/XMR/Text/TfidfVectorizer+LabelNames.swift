/// TF-IDF features of label names, for the `pifa+names` label representation.
extension TfidfVectorizer {
    /// The settings used for label names: word unigrams, every term kept (min df 1), sublinear tf, l2 norm.
    public static let labelNameConfiguration = TfidfConfiguration(minDocumentFrequency: 1)

    /// Fits a vectorizer on label names (`implemented-in::c` → `implemented`, `in`, `c`) and
    /// returns it with the `labels × vocabulary` matrix of their TF-IDF vectors.
    public static func labelNameFeatures(
        _ names: [String], configuration: TfidfConfiguration = labelNameConfiguration
    ) throws -> (vectorizer: TfidfVectorizer, matrix: CSRMatrix) {
        var vectorizer = TfidfVectorizer(configuration: configuration)
        let matrix = try vectorizer.fitTransform(texts: names)
        return (vectorizer, matrix)
    }
}
