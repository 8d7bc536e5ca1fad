/// Turning a dataset's raw texts into TF-IDF features.
extension Dataset {
    /// Fits a vectorizer on the train texts, then fills `features` of train and test with their
    /// TF-IDF vectors and sets `featureCount` and `featureNames` to the vocabulary.
    ///
    /// Any features the splits had are replaced. Throws when a split that has points has no
    /// texts, or when the texts do not match the points.
    @discardableResult
    public mutating func vectorizeTexts(configuration: TfidfConfiguration = TfidfConfiguration(),
                                        threads: Int? = nil) throws -> TfidfVectorizer {
        guard let trainTexts = train.texts else { throw TextVectorizerError.missingTexts("train") }
        guard trainTexts.count == train.count else {
            throw TextVectorizerError.countMismatch(
                "the train split has \(train.count) points but \(trainTexts.count) texts")
        }
        var testTexts: [String]?
        if let test {
            guard test.texts != nil || test.count == 0 else { throw TextVectorizerError.missingTexts("test") }
            let texts = test.texts ?? []
            guard texts.count == test.count else {
                throw TextVectorizerError.countMismatch("the test split has \(test.count) points but \(texts.count) texts")
            }
            testTexts = texts
        }
        var vectorizer = TfidfVectorizer(configuration: configuration)
        train.features = try vectorizer.fitTransform(texts: trainTexts, threads: threads)
        if let testTexts { test?.features = vectorizer.transform(texts: testTexts, threads: threads) }
        featureCount = vectorizer.featureCount
        featureNames = vectorizer.vocabulary
        return vectorizer
    }
}
