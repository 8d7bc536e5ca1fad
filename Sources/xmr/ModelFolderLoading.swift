import Foundation
import XMR

/// Loading a model folder given on the command line.
enum ModelFolderLoading {
    /// The model in `path`.
    static func load(_ path: String) throws -> XRLinearModel {
        try ModelStore.load(from: URL(fileURLWithPath: path))
    }

    /// The model in `path` and its text vectorizer, when it was trained on raw text.
    static func loadWithVectorizer(_ path: String) throws -> (model: XRLinearModel, vectorizer: TfidfVectorizer?) {
        let url = URL(fileURLWithPath: path)
        let (model, blob) = try ModelStore.loadFolder(from: url)
        let file = url.appendingPathComponent(TfidfVectorizer.fileName)
        let vectorizer = try blob.map { try TfidfVectorizer.decode($0, file: file) }
        if let vectorizer, vectorizer.featureCount != model.featureCount {
            throw CommandFailure("\(file.path): the vectorizer has \(vectorizer.featureCount) features but the model has \(model.featureCount)")
        }
        return (model, vectorizer)
    }
}
