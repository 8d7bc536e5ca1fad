import Foundation
import Testing
@testable import XMR

@Suite("Spectral representations in the pipeline")
struct SpectralPipelineTests {
    /// A dataset folder of `SyntheticData.problem` points, with `graph` as its label_graph.txt.
    static func folder(graph: String?) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let (x, y) = SyntheticData.problem(points: 240, labels: 16, seed: 7)
        try XMCTextFile(features: x, labels: y).write(to: folder.url.appendingPathComponent("train.txt"))
        if let graph { try folder.write(LabelGraphFile.fileName, graph) }
        return folder
    }

    @Test("spectral and pifa+spectral train through the pipeline, with and without label_graph.txt",
          arguments: [LabelRepresentation.spectral, .pifaWithSpectral])
    func trains(representation: LabelRepresentation) throws {
        var pipeline = Pipeline()
        pipeline.threads = 2
        pipeline.representation.algorithm = representation
        pipeline.indexer.maxLeafSize = 4
        let ring = (0..<16).map { "\($0) \(($0 + 1) % 16) 1" }.joined(separator: "\n") + "\n"
        for graph in [nil, ring] {
            let folder = try Self.folder(graph: graph)
            defer { folder.remove() }
            let dataset = try DatasetLoader.load(from: folder.url)
            let trained = try PipelineTrainer(pipeline).train(dataset)
            #expect(trained.tree.labelCount == 16 && trained.tree.depth >= 2)
            #expect(trained.pipeline.representation.algorithm == representation)
        }
    }

    @Test("A bad label_graph.txt stops training with its file and line")
    func badGraph() throws {
        var pipeline = Pipeline()
        pipeline.representation.algorithm = .spectral
        let folder = try Self.folder(graph: "0 1 1\n3 3 1\n")
        defer { folder.remove() }
        let dataset = try DatasetLoader.load(from: folder.url)
        #expect(throws: DatasetError(path: folder.url.appendingPathComponent(LabelGraphFile.fileName).path, line: 2,
                                     message: "self loop on label 3")) {
            try PipelineTrainer(pipeline).train(dataset)
        }
    }
}
