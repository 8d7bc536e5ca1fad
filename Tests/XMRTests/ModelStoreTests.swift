import Foundation
import Testing
@testable import XMR

@Suite("Model folders")
struct ModelStoreTests {
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func savedModel() throws -> (XRLinearModel, URL, CSRMatrix) {
        var (model, x, _) = try XRLinearModelTests.trained()
        model.labelNames = (0..<model.labelCount).map { "label \($0)" }
        let dir = temporaryDirectory().appendingPathComponent("model")
        try ModelStore.save(model, to: dir, vectorizer: Data("vectorizer-bytes".utf8))
        return (model, dir, x)
    }

    @Test("Save, load and predict give identical rankings")
    func roundTrip() throws {
        let (model, dir, x) = try Self.savedModel()
        let (loaded, vectorizer) = try ModelStore.loadFolder(from: dir)
        #expect(loaded.levels == model.levels)
        #expect(loaded.tree == model.tree)
        #expect(loaded.parameters == model.parameters)
        #expect(loaded.labelNames == model.labelNames)
        #expect(loaded.labelFrequencies == model.labelFrequencies && model.labelFrequencies != nil)
        #expect(vectorizer == Data("vectorizer-bytes".utf8))
        for i in 0..<20 { #expect(try loaded.predict(x.row(i)) == model.predict(x.row(i))) }
    }

    @Test("Same seed and thread count give byte-identical model files")
    func byteIdentical() throws {
        let base = Self.temporaryDirectory()
        for name in ["a", "b"] {
            let (model, _, _) = try XRLinearModelTests.trained(threads: 2)
            try ModelStore.save(model, to: base.appendingPathComponent(name))
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("a").path).sorted()
        #expect(files.contains("model.json") && files.contains("tree.bin") && files.contains("weights-1.bin"))
        for f in files {
            let a = FileManager.default.contents(atPath: base.appendingPathComponent("a/\(f)").path)
            let b = FileManager.default.contents(atPath: base.appendingPathComponent("b/\(f)").path)
            #expect(a == b, "\(f) differs")
        }
    }

    @Test("Saving over an existing model replaces it and leaves no temporary folders")
    func replace() throws {
        let (model, dir, _) = try Self.savedModel()
        var other = model
        other.labelNames = nil
        try ModelStore.save(other, to: dir)
        #expect(try ModelStore.load(from: dir).labelNames == nil)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.deletingLastPathComponent().path)
        #expect(siblings == ["model"])
    }

    static func loadError(_ dir: URL) -> String {
        do {
            _ = try ModelStore.load(from: dir)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("A truncated file is rejected with a message naming it")
    func truncated() throws {
        let (_, dir, _) = try Self.savedModel()
        let file = dir.appendingPathComponent("tree.bin")
        let data = try Data(contentsOf: file)
        try data.prefix(data.count - 7).write(to: file)
        let message = Self.loadError(dir)
        #expect(message.contains("tree.bin") && message.contains("truncated"), "\(message)")
    }

    @Test("An unknown format version is rejected")
    func unknownVersion() throws {
        let (_, dir, _) = try Self.savedModel()
        let file = dir.appendingPathComponent("model.json")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\"formatVersion\" : \(ModelManifest.currentVersion)", with: "\"formatVersion\" : 7")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let message = Self.loadError(dir)
        #expect(message.contains("model.json") && message.contains("unsupported format version 7"), "\(message)")
    }

    @Test("A missing folder gives a clear error")
    func missing() {
        let message = Self.loadError(URL(fileURLWithPath: "/nonexistent/xmr-model"))
        #expect(message.contains("model.json"), "\(message)")
    }

    @Test("Label names split at line feeds exactly as Data.split keeping empty pieces")
    func nameLines() {
        for text in ["", "a", "a\n", "a\n\nb", "\n", "\n\n", "x\r\ny", "ünï\ncödé\n", "a\u{0}b\nc"] {
            let bytes = Data(text.utf8)
            let expected = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            #expect(ModelStore.nameLines(bytes) == expected, "\(text.debugDescription)")
        }
    }
}

@Suite("Pipeline description")
struct PipelineDescriptionTests {
    @Test("Parameters round-trip through JSON, and missing keys take their defaults")
    func codable() throws {
        var p = Pipeline()
        p.indexer.depth = 3
        p.ranker.negatives = .tfnMan
        p.postProcessor = .sigmoid
        let data = try JSONEncoder().encode(p)
        #expect(try JSONDecoder().decode(Pipeline.self, from: data) == p)
        let partial = try JSONDecoder().decode(Pipeline.self, from: Data(#"{"branching": 4, "solver": "logistic"}"#.utf8))
        var expected = Pipeline()
        expected.indexer.branching = 4
        expected.ranker.solver = .logistic
        #expect(partial == expected)
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(Pipeline.self, from: Data(#"{"negatives": "random"}"#.utf8))
        }
    }
}
