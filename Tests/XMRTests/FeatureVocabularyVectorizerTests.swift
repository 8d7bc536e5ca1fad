import Foundation
import Testing
@testable import XMR

/// Free text through a dataset's feature names: counts, IDF from the training columns, l2 norm.
struct FeatureVocabularyVectorizerTests {
    /// Features "python", "parser", "recipe"; "python" is in every training row, "recipe" in none.
    let vectorizer = FeatureVocabularyVectorizer(
        featureNames: ["Python", "parser", "recipe"],
        trainingFeatures: CSRMatrix(rows: 2, cols: 3, rowPointers: [0, 2, 3], columnIndices: [0, 1, 0], values: [1, 1, 1]))

    @Test func wordsBecomeIDFWeightedNormalizedCounts() {
        let x = vectorizer.transform("python parsers, PYTHON and a recipe!")
        #expect(x.indices == [0, 1, 2])
        // idf = log(3 / (1 + df)) + 1: python (df 2) 1, parser (df 1) log 1.5 + 1, recipe (df 0) log 3 + 1.
        let raw: [Float] = [2 * 1, 1 * (log(1.5) + 1), 1 * (log(3) + 1)]
        let norm = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        for (value, expected) in zip(x.values, raw.map { $0 / norm }) { #expect(abs(value - expected) < 1e-5) }
    }

    @Test func unknownWordsGiveAnEmptyVector() {
        #expect(vectorizer.transform("zzz qqq").nonzeros == 0)
        #expect(vectorizer.feature(of: "recipes") == 2)
        #expect(vectorizer.feature(of: "cooking") == nil)
    }
}
