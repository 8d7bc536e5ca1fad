import Foundation
import XMR

// Trains XR-Linear with the facet indexer on a dataset folder (default: the repository's
// debtags sample), saves the model folder, loads it back and evaluates it on the test split,
// next to the default pipeline (balanced spherical 2-means).

let arguments = CommandLine.arguments.dropFirst()
let datasetPath = arguments.first ?? URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("../../../../sample-data/debtags-small").standardized.path

do {
    let dataset = try DatasetLoader.load(from: URL(fileURLWithPath: datasetPath))
    guard let test = dataset.test else { throw XRLinearError.invalidInput("\(datasetPath): no test split") }
    var pipeline = Pipeline()
    pipeline.threads = 2
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("custom-indexer-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }

    for (title, indexer) in [("facet indexer", FacetIndexer() as (any LabelIndexer)?), ("default indexer", nil)] {
        var trainer = PipelineTrainer(pipeline)
        if let indexer { trainer.indexer = indexer }
        let start = Date()
        let trained = try trainer.train(dataset)
        let seconds = Date().timeIntervalSince(start)
        try trained.save(to: folder)
        let loaded = try TrainedModel.load(from: folder)
        let queries = QueryBatch(features: try loaded.features(of: test, name: "test"), texts: test.texts)
        let evaluation = try ModelEvaluation.evaluate(loaded, queries: queries, truth: test.labels)
        let shape = (0...loaded.tree.depth).map { "\(loaded.tree.nodeCount(atLevel: $0))" }.joined(separator: " → ")
        let p = evaluation.metrics.precision
        print("\(title): tree \(shape), trained in \(String(format: "%.2f", seconds)) s, "
              + "indexer \(loaded.pipeline.indexer.custom ?? loaded.pipeline.indexer.algorithm.rawValue)")
        print(String(format: "  P@1 %.4f  P@3 %.4f  P@5 %.4f  on %d test points", p[0], p[2], p[4], evaluation.points))
    }
} catch {
    FileHandle.standardError.write(Data("custom-indexer: \(error)\n".utf8))
    exit(1)
}
