import Foundation
import Testing
@testable import XMR

@Suite struct TextDatasetTests {
    func labels(_ rows: [[Int]], labelCount: Int) -> CSRMatrix {
        var triplets: [(row: Int, col: Int, value: Float)] = []
        for (i, row) in rows.enumerated() { for l in row { triplets.append((i, l, 1)) } }
        return CSRMatrix(rows: rows.count, cols: labelCount, triplets: triplets)
    }

    @Test func vectorizingFillsFeaturesOfBothSplits() throws {
        let train = DatasetSplit(features: nil, labels: labels([[0], [1], [0, 1]], labelCount: 2),
                                 texts: ["IRC client", "GNOME theme", "GNOME IRC client"])
        let test = DatasetSplit(features: nil, labels: labels([[0], [1]], labelCount: 2),
                                texts: ["an irc client", "nothing known"])
        var dataset = Dataset(name: "tiny", featureCount: 0, labelCount: 2, train: train, test: test)
        let vectorizer = try dataset.vectorizeTexts()
        #expect(dataset.featureNames == ["client", "gnome", "irc"])
        #expect(dataset.featureCount == 3)
        #expect(dataset.train.features == vectorizer.transform(texts: train.texts!))
        #expect(dataset.test?.features?.rows == 2 && dataset.test?.features?.cols == 3)
        #expect(dataset.test?.features?.row(0).indices == [0, 2])
        #expect(dataset.test?.features?.row(1).nonzeros == 0)
    }

    @Test func missingOrMismatchedTextsAreErrors() {
        let y = labels([[0], [0]], labelCount: 1)
        var noTexts = Dataset(name: "x", featureCount: 0, labelCount: 1, train: DatasetSplit(features: nil, labels: y))
        #expect(throws: TextVectorizerError.missingTexts("train")) { try noTexts.vectorizeTexts() }
        var short = Dataset(name: "x", featureCount: 0, labelCount: 1,
                            train: DatasetSplit(features: nil, labels: y, texts: ["one"]))
        #expect(throws: TextVectorizerError.self) { try short.vectorizeTexts() }
        var testWithout = Dataset(name: "x", featureCount: 0, labelCount: 1,
                                  train: DatasetSplit(features: nil, labels: y, texts: ["a b", "a c"]),
                                  test: DatasetSplit(features: nil, labels: y))
        #expect(throws: TextVectorizerError.missingTexts("test")) { try testWithout.vectorizeTexts() }
    }

    @Test func labelNamesBecomeATfidfMatrix() throws {
        let names = ["role::program", "implemented-in::c", "implemented-in::python", "role::app-data"]
        let (vectorizer, matrix) = try TfidfVectorizer.labelNameFeatures(names)
        #expect(vectorizer.vocabulary == ["app", "c", "data", "implemented", "in", "program", "python", "role"])
        #expect(matrix.rows == 4 && matrix.cols == 8)
        #expect(matrix.row(1).indices == [1, 3, 4])
        #expect(matrix.row(0).indices == [5, 7])
        // The rarer word weighs more: `program` (df 1) over `role` (df 2).
        let row = matrix.row(0)
        #expect(row.values[0] > row.values[1])
        #expect(abs(row.norm - 1) < 1e-6)
    }

    @Test func textOnlySampleFolderLoadsAndVectorizes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let source = sampleData.appendingPathComponent("debtags-small")
        for name in ["train_texts.txt", "train_labels.txt", "test_texts.txt", "test_labels.txt", "label_names.txt"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name),
                                             to: folder.url.appendingPathComponent(name))
        }
        var dataset = try DatasetLoader.load(from: folder.url)
        #expect(dataset.train.features == nil && dataset.featureCount == 0)
        let vectorizer = try dataset.vectorizeTexts()
        let train = try #require(dataset.train.features)
        let test = try #require(dataset.test?.features)
        #expect(train.rows == 3000 && test.rows == 800)
        #expect(train.cols == dataset.featureCount && test.cols == dataset.featureCount)
        #expect(dataset.featureNames?.count == dataset.featureCount)
        #expect(vectorizer.featureIndex(of: "irc") != nil && vectorizer.featureIndex(of: "gnome") != nil)
        // Every non-empty row has unit norm.
        for i in stride(from: 0, to: train.rows, by: 97) where train.nonzeros(inRow: i) > 0 {
            #expect(abs(train.row(i).norm - 1) < 1e-5)
        }
        // Label names: 598 debtags, every label has at least one name word.
        let names = try #require(dataset.labelNames)
        let (_, z) = try TfidfVectorizer.labelNameFeatures(names)
        #expect(z.rows == 598)
        #expect((0..<z.rows).allSatisfy { z.nonzeros(inRow: $0) > 0 })
    }
}
