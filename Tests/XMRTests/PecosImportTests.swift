import Foundation
import Testing
@testable import XMR

@Suite("libpecos model import")
struct PecosImportTests {
    static var fixture: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures/pecos-tiny") }

    static func queries() throws -> [SparseVector] {
        let text = try String(contentsOf: fixture.appendingPathComponent("queries.txt"), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let pairs = line.split(separator: " ").map { $0.split(separator: ":") }
            return SparseVector(dimension: 60, indices: pairs.map { Int32($0[0])! }, values: pairs.map { Float($0[1])! })
        }
    }

    @Test("An imported libpecos model ranks exactly as libpecos did")
    func predictsLikePecos() throws {
        let model = try PecosModelImporter.importModel(from: Self.fixture.appendingPathComponent("model"))
        #expect(model.featureCount == 60 && model.labelCount == 24 && model.depth == 4)
        #expect(model.parameters.features.normalizeRows == false && model.parameters.postProcessor == .l3Hinge)
        let expected = try JSONDecoder().decode([[[Double]]].self,
                                                from: Data(contentsOf: Self.fixture.appendingPathComponent("predictions.json")))
        for (query, pecos) in zip(try Self.queries(), expected) {
            let ours = try model.predict(query, beamWidth: 10, topK: 5)
            #expect(ours.map(\.label) == pecos.map { Int($0[0]) })
            for (o, p) in zip(ours, pecos) { #expect(abs(Double(o.score) - p[1]) < 1e-5) }
        }
    }

    @Test("Import then save and load keeps the rankings")
    func saveAfterImport() throws {
        let model = try PecosModelImporter.importModel(from: Self.fixture.appendingPathComponent("model"))
        let dir = ModelStoreTests.temporaryDirectory().appendingPathComponent("imported")
        try ModelStore.save(model, to: dir)
        let loaded = try ModelStore.load(from: dir)
        for query in try Self.queries() { #expect(try loaded.predict(query) == model.predict(query)) }
    }

    @Test("A folder that is not a libpecos model gives a clear error")
    func notAModel() {
        #expect {
            _ = try PecosModelImporter.importModel(from: Self.fixture)
        } throws: { error in
            "\(error)".contains("param.json")
        }
    }

    @Test("A corrupted npz entry is detected by its CRC")
    func corruptedNpz() throws {
        let source = Self.fixture.appendingPathComponent("model/ranker/1.model/W.npz")
        var data = try Data(contentsOf: source)
        // Flip a byte inside the stored data.npy payload (the last entry before the central directory).
        data[data.count - 400] ^= 0x5A
        let dir = ModelStoreTests.temporaryDirectory()
        let copy = dir.appendingPathComponent("W.npz")
        try data.write(to: copy)
        #expect {
            _ = try PecosModelImporter.readSparse(copy.path)
        } throws: { error in
            "\(error)".contains("W.npz")
        }
    }
}
