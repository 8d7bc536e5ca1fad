import Foundation
import Testing
@testable import XMR

@Suite("Memory-mapped weight files")
struct MappedWeightsTests {
    /// The rankings of every row of `x`, query by query and as one batch; the first error thrown.
    static func answers(_ model: XRLinearModel, _ x: CSRMatrix) -> Result<[[LabelScore]], Error> {
        Result {
            let single = try (0..<x.rows).map { try model.predict(x.row($0), beamWidth: 2, topK: 3) }
            let batch = try model.predictBatch(x, beamWidth: 2, topK: 3, threads: 2).rankings
            #expect(single == batch)
            return single
        }
    }

    @Test("Loading maps the weight files and checks a chunk only when a query first reaches it")
    func lazyChecks() throws {
        let (model, dir, x) = try ModelStoreTests.savedModel()
        let loaded = try ModelStore.load(from: dir)
        #expect(loaded.levels.allSatisfy { $0.image.path != nil && $0.image.checkedChunkCount == 0 })
        #expect(loaded.levels == model.levels)
        #expect(try loaded.predict(x.row(0), beamWidth: 1, topK: 1) == model.predict(x.row(0), beamWidth: 1, topK: 1))
        let checked = loaded.levels.map(\.image.checkedChunkCount)
        #expect(checked.allSatisfy { $0 == 1 }, "\(checked)")
        let report = try ModelStore.check(dir)
        #expect(report.chunks == model.levels.reduce(0) { $0 + $1.parentCount } && report.formatVersion == ModelManifest.currentVersion)
    }

    @Test("A flipped byte in a weight file never changes an answer: the load or the chunk's first use throws, and check always does")
    func flippedBytes() throws {
        let (model, dir, x) = try ModelStoreTests.savedModel()
        let expected = try Self.answers(model, x).get()
        let file = dir.appendingPathComponent("weights-2.bin")
        let original = try Data(contentsOf: file)
        var caughtByLoad = 0, caughtOnUse = 0
        // Every byte of the header and directory, then bytes spread over the rest.
        let directoryEnd = try ModelStore.load(from: dir).levels[1].image.layout.directoryEnd
        let positions = Array(0..<min(directoryEnd, 96)) + Array(stride(from: directoryEnd, to: original.count, by: max(1, original.count / 40)))
        for position in positions {
            var damaged = original
            damaged[position] ^= 0x10
            try damaged.write(to: file, options: .atomic)
            #expect(throws: XRLinearError.self) { _ = try ModelStore.check(dir) }
            let loaded: XRLinearModel
            do { loaded = try ModelStore.load(from: dir) } catch {
                #expect("\(error)".contains("weights-2.bin"), "\(error)")
                caughtByLoad += 1
                continue
            }
            switch Self.answers(loaded, x) {
            case .success(let answers):
                #expect(answers == expected, "byte \(position) changed an answer")
            case .failure(let error):
                #expect("\(error)".contains("weights-2.bin") && "\(error)".contains("chunk"), "\(error)")
                caughtOnUse += 1
            }
        }
        try original.write(to: file, options: .atomic)
        #expect(caughtByLoad >= 64 && caughtOnUse > 0, "load \(caughtByLoad), first use \(caughtOnUse)")
        #expect(try Self.answers(try ModelStore.load(from: dir), x).get() == expected)
    }
}
