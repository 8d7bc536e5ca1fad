import Foundation
import Testing
@testable import XMR

@Suite struct TfidfVectorizerTests {
    let corpus = ["apple banana", "Apple cherry cherry", "banana"]

    func fitted(_ configuration: TfidfConfiguration, _ texts: [String]) throws -> TfidfVectorizer {
        var vectorizer = TfidfVectorizer(configuration: configuration)
        try vectorizer.fit(texts: texts)
        return vectorizer
    }

    func close(_ a: [Float], _ b: [Double], tolerance: Double = 1e-6) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs(Double($0) - $1) < tolerance }
    }

    @Test func idfAndWeightsMatchHandComputation() throws {
        let v = try fitted(TfidfConfiguration(minDocumentFrequency: 1), corpus)
        #expect(v.vocabulary == ["apple", "banana", "cherry"])
        #expect(v.documentCount == 3)
        // idf = ln((1 + 3) / (1 + df)) + 1: df(apple) = df(banana) = 2, df(cherry) = 1.
        #expect(close(v.idf, [1.2876820724517808, 1.2876820724517808, 1.6931471805599454]))
        // Document 1: apple once, cherry twice; sublinear tf 1 + ln 2; then l2 norm.
        let x = v.transform(corpus[1])
        #expect(x.dimension == 3 && x.indices == [0, 2])
        #expect(close(x.values, [0.4097416099937816, 0.9122016295971542]))
        // Raw counts instead.
        let raw = try fitted(TfidfConfiguration(minDocumentFrequency: 1, sublinearTF: false), corpus)
        #expect(close(raw.transform(corpus[1]).values, [0.35543246785041743, 0.9347019636214327]))
        // Without normalization the values are tf × idf.
        let plain = try fitted(TfidfConfiguration(minDocumentFrequency: 1, sublinearTF: false, l2Normalize: false), corpus)
        #expect(close(plain.transform(corpus[1]).values, [1.2876820724517808, 2 * 1.6931471805599454]))
        // A one-term document is the unit vector.
        #expect(v.transform("BANANA!").values == [1] && v.transform("banana").indices == [1])
    }

    @Test func emptyAndUnknownTextsGiveEmptyVectors() throws {
        let v = try fitted(TfidfConfiguration(minDocumentFrequency: 1), corpus)
        for text in ["", "   ", "durian", "2024"] {
            let x = v.transform(text)
            #expect(x.dimension == 3 && x.nonzeros == 0)
        }
        let m = v.transform(texts: ["", "apple", ""])
        #expect(m.rows == 3 && m.cols == 3 && m.rowPointers == [0, 0, 1, 1])
        var empty = TfidfVectorizer()
        try empty.fit(texts: [])
        #expect(empty.featureCount == 0 && empty.transform("apple").nonzeros == 0)
    }

    @Test func minDocumentFrequencyDropsRareTerms() throws {
        let v = try fitted(TfidfConfiguration(), corpus)  // default min df 2
        #expect(v.vocabulary == ["apple", "banana"])
        #expect(v.transform("cherry").nonzeros == 0)
        // cherry occurs twice, but in one document only.
        #expect(try fitted(TfidfConfiguration(minDocumentFrequency: 3), corpus).vocabulary.isEmpty)
    }

    @Test func maxFeaturesKeepsMostFrequentWithNameTies() throws {
        let texts = ["d c b a", "d c b", "d a", "zeta eta"]
        // df: d 3, c 2, b 2, a 2, zeta 1, eta 1.
        let v = try fitted(TfidfConfiguration(minDocumentFrequency: 1, maxFeatures: 3), texts)
        #expect(v.vocabulary == ["a", "b", "d"])
        let one = try fitted(TfidfConfiguration(minDocumentFrequency: 1, maxFeatures: 5), texts)
        #expect(one.vocabulary == ["a", "b", "c", "d", "eta"])
    }

    @Test func bigramsJoinNeighbouringTokens() throws {
        let texts = ["New York city", "new york state", "York, New"]
        let v = try fitted(TfidfConfiguration(wordNgrams: 1...2, minDocumentFrequency: 1), texts)
        #expect(v.vocabulary == ["city", "new", "new york", "state", "york", "york city", "york new", "york state"])
        let onlyBigrams = try fitted(TfidfConfiguration(wordNgrams: 2...2, minDocumentFrequency: 2), texts)
        #expect(onlyBigrams.vocabulary == ["new york"])
        #expect(onlyBigrams.transform("I love new york").indices == [0])
    }

    @Test func charNgramsStayWithinWords() throws {
        let v = try fitted(TfidfConfiguration(wordNgrams: nil, charNgrams: 3...3, minDocumentFrequency: 1), ["IRC a"])
        // Padded tokens `_irc_` and `_a_` (shorter words count once, whole).
        #expect(v.vocabulary == ["#_a_", "#_ir", "#irc", "#rc_"])
        let mixed = try fitted(TfidfConfiguration(charNgrams: 2...3, minDocumentFrequency: 1), ["ü"])
        #expect(mixed.vocabulary == ["#_ü", "#_ü_", "#ü_", "ü"])
    }

    @Test func fittingIsDeterministic() throws {
        let texts = (0..<300).map { i in "doc \(i) word\(i % 7) shared common text number w\(i % 13) Ünïcödé-\(i % 3)" }
        let configuration = TfidfConfiguration(wordNgrams: 1...2)
        let a = try fitted(configuration, texts)
        let b = try fitted(configuration, texts)
        #expect(a == b)
        // Thread count and text order do not change the vocabulary or the idf.
        var single = TfidfVectorizer(configuration: configuration)
        try single.fit(texts: texts.reversed(), threads: 1)
        #expect(single.vocabulary == a.vocabulary && single.idf == a.idf)
        #expect(a.vocabulary == a.vocabulary.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        // Batch transform equals one-at-a-time transform, for any thread count.
        let batch = a.transform(texts: texts, threads: 4)
        #expect(batch == a.transform(texts: texts, threads: 1))
        #expect(batch.rows == texts.count && batch.cols == a.featureCount)
        for i in [0, 1, 150, 299] { #expect(batch.row(i) == a.transform(texts[i])) }
        for i in 0..<batch.rows { #expect(abs(batch.row(i).norm - 1) < 1e-5) }
    }

    @Test func fitTransformEqualsFitThenTransform() throws {
        var v = TfidfVectorizer(configuration: TfidfConfiguration(minDocumentFrequency: 1))
        let m = try v.fitTransform(texts: corpus)
        #expect(m == v.transform(texts: corpus))
        #expect(v.featureIndex(of: "cherry") == 2 && v.featureIndex(of: "durian") == nil)
    }

    @Test func invalidSettingsAreRejected() {
        let bad = [
            TfidfConfiguration(minDocumentFrequency: 0),
            TfidfConfiguration(wordNgrams: 0...1),
            TfidfConfiguration(wordNgrams: nil, charNgrams: nil),
            TfidfConfiguration(charNgrams: 2...20),
            TfidfConfiguration(maxFeatures: 0),
        ]
        for configuration in bad {
            var v = TfidfVectorizer(configuration: configuration)
            #expect(throws: TextVectorizerError.self) { try v.fit(texts: corpus) }
        }
        #expect(TextVectorizerError.invalidParameter("minDocumentFrequency", "0 must be at least 1").description
                == "invalid minDocumentFrequency: 0 must be at least 1")
    }
}
