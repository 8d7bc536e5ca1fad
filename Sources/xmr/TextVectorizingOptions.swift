import ArgumentParser
import Foundation
import XMR

/// The options of `xmr train` that decide whether and how raw texts become TF-IDF features.
struct TextVectorizingOptions: ParsableArguments {
    @Flag(help: "Vectorize train_texts.txt (TF-IDF) even when the folder has feature vectors (train.txt). Text-only folders are always vectorized.")
    var vectorize = false
    @Flag(help: "When vectorizing: add word bigrams to the vocabulary.")
    var bigrams = false
    @Option(name: .customLong("min-df"), help: "When vectorizing: drop terms found in fewer training texts.")
    var minDocumentFrequency = 2

    func validate() throws {
        if minDocumentFrequency < 1 { throw ValidationError("--min-df must be at least 1") }
    }

    /// The vectorizer settings these options describe.
    var configuration: TfidfConfiguration {
        TfidfConfiguration(wordNgrams: bigrams ? 1...2 : 1...1, minDocumentFrequency: minDocumentFrequency)
    }

    /// The training features and labels: the folder's feature vectors, or (text-only folder or
    /// `--vectorize`) TF-IDF vectors of its texts with the vectorizer fitted on them.
    func trainingFeatures(_ dataset: Dataset, path: String, threads: Int)
        throws -> (features: CSRMatrix, labels: CSRMatrix, vectorizer: TfidfVectorizer?, seconds: Double)
    {
        guard vectorize || dataset.train.features == nil else {
            let (features, labels) = try DatasetFeatures.split(dataset, .train, path: path)
            return (features, labels, nil, 0)
        }
        guard let texts = dataset.train.texts else {
            throw CommandFailure("\(path): --vectorize needs the raw texts (train_texts.txt)")
        }
        let start = Date()
        var vectorizer = TfidfVectorizer(configuration: configuration)
        let features = try vectorizer.fitTransform(texts: texts, threads: threads)
        return (features, dataset.train.labels, vectorizer, Date().timeIntervalSince(start))
    }

    /// The label-name TF-IDF matrix the `pifa+names` representation needs, or `nil` for the others.
    static func labelNameFeatures(_ dataset: Dataset, path: String,
                                  representation: XRLinearParameters.Representation) throws -> CSRMatrix? {
        guard representation == .pifaWithNames else { return nil }
        guard let names = dataset.labelNames else {
            throw CommandFailure("\(path): --representation pifa+names needs label names (label_names.txt)")
        }
        return try TfidfVectorizer.labelNameFeatures(names).matrix
    }
}
