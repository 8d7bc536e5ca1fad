import Foundation
import Testing
@testable import XMR

@Suite("Fine-tuning checkpoints: resume bit for bit, refusals, interrupted writes")
struct FineTuningCheckpointTests {
    struct Interrupted: Error {}

    /// The toy problem's tuner with dropout on, two threads and a checkpoint every `every` steps
    /// (3 steps an epoch, 3 epochs, 2 levels: 18 steps).
    static func tuner(_ toy: ClusterFineTuningTests.ToyProblem, every: Int, file: URL?, frozen: Int = 0,
                      tree: LabelTree? = nil) throws -> ClusterFineTuner {
        var tuner = try ClusterFineTuningTests.tuner(toy, epochs: 3, threads: 2, dropout: DropoutRates(hidden: 0.1, attention: 0.1))
        var parameters = tuner.parameters
        parameters.checkpointEvery = every
        parameters.frozenLayers = frozen
        tuner = ClusterFineTuner(encoder: tuner.encoder, texts: tuner.texts, labels: tuner.labels, tree: tree ?? tuner.tree,
                                 parameters: parameters, beamWidth: 1, postProcessor: .sigmoid, seed: 5, threads: 2)
        tuner.checkpointFile = file
        return tuner
    }

    /// Runs `tuner` and cancels it once `steps` optimizer steps are done.
    static func interrupted(_ tuner: ClusterFineTuner, after steps: Int) {
        var tuner = tuner
        let token = CancellationToken()
        var done = 0
        tuner.cancel = token
        tuner.progress = { _ in
            done += 1
            if done == steps { token.cancel() }
        }
        #expect(throws: XRLinearError.self) { _ = try tuner.run() }
    }

    @Test("A run stopped and resumed from its last checkpoint ends with the uninterrupted run's weights, bit for bit",
          arguments: [(stop: 5, frozen: 0), (stop: 14, frozen: 0), (stop: 11, frozen: 1)])
    func resumeIsExact(stop: Int, frozen: Int) throws {
        let toy = ClusterFineTuningTests.ToyProblem()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("m.checkpoint")
        let whole = try Self.tuner(toy, every: 0, file: nil, frozen: frozen).run()
        Self.interrupted(try Self.tuner(toy, every: 4, file: file, frozen: frozen), after: stop)
        let checkpoint = try FineTuningCheckpoint.read(file)
        #expect(checkpoint.globalStep == stop / 4 * 4)
        #expect(checkpoint.level == (checkpoint.globalStep <= 9 ? 1 : 2))
        #expect((checkpoint.beam != nil) == (checkpoint.level == 2))
        var resumed = try Self.tuner(toy, every: 4, file: file, frozen: frozen)
        resumed.resume = checkpoint
        resumed.resumeFile = file
        let result = try resumed.run()
        #expect(result.parameters.array == whole.parameters.array)
        #expect(result.heads == whole.heads)
        #expect(result.epochLosses == whole.epochLosses)
    }

    @Test("A checkpoint of another tree, another model, other data or other parameters is refused, naming the file")
    func refusals() throws {
        let toy = ClusterFineTuningTests.ToyProblem()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("m.checkpoint")
        Self.interrupted(try Self.tuner(toy, every: 2, file: file), after: 3)
        let checkpoint = try FineTuningCheckpoint.read(file)

        func refusal(_ tuner: ClusterFineTuner) -> String {
            var tuner = tuner
            tuner.resume = checkpoint
            tuner.resumeFile = file
            do {
                _ = try tuner.run()
                return "accepted"
            } catch let XRLinearError.invalidModelFile(path, message) {
                #expect(path == file.path)
                return message
            } catch {
                return "\(error)"
            }
        }
        let otherTree = LabelTree(parents: [[0, 0, 0], [0, 1, 2, 2], [0, 0, 1, 1, 2, 2, 3, 3]])
        #expect(refusal(try Self.tuner(toy, every: 2, file: nil, tree: otherTree)).contains("another label tree"))

        var otherModel = try Self.tuner(toy, every: 2, file: nil)
        let layout = EncoderParameterLayout(otherModel.encoder.configuration)
        let weights = otherModel.encoder.model.flatParameters(layout)
        weights.pointer[0] += 0.5
        let changed = TextEncoder(base: otherModel.encoder, model: BertModel(layout: layout, parameters: weights), weightsChecksum: "changed")
        otherModel = ClusterFineTuner(encoder: changed, texts: otherModel.texts, labels: otherModel.labels, tree: otherModel.tree,
                                      parameters: otherModel.parameters, beamWidth: 1, postProcessor: .sigmoid, seed: 5, threads: 2)
        #expect(refusal(otherModel).contains("another model"))

        var otherData = try Self.tuner(toy, every: 2, file: nil)
        otherData = ClusterFineTuner(encoder: otherData.encoder, texts: otherData.texts.reversed(), labels: otherData.labels,
                                     tree: otherData.tree, parameters: otherData.parameters, beamWidth: 1, postProcessor: .sigmoid,
                                     seed: 5, threads: 2)
        #expect(refusal(otherData).contains("other training data"))

        let otherEpochs = try ClusterFineTuningTests.tuner(toy, epochs: 2, threads: 2, dropout: DropoutRates(hidden: 0.1, attention: 0.1))
        #expect(refusal(otherEpochs).contains("other fine-tuning parameters"))

        var otherThreads = try Self.tuner(toy, every: 2, file: nil)
        otherThreads = ClusterFineTuner(encoder: otherThreads.encoder, texts: otherThreads.texts, labels: otherThreads.labels,
                                        tree: otherThreads.tree, parameters: otherThreads.parameters, beamWidth: 1,
                                        postProcessor: .sigmoid, seed: 5, threads: 1)
        #expect(refusal(otherThreads).contains("--threads 2"))
    }

    @Test("A write stopped half way or before its rename leaves the previous checkpoint, whole")
    func interruptedWrites() throws {
        let toy = ClusterFineTuningTests.ToyProblem()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("m.checkpoint")
        Self.interrupted(try Self.tuner(toy, every: 2, file: file), after: 3)
        let before = try Data(contentsOf: file)
        var newer = try FineTuningCheckpoint.read(file)
        newer.step += 1
        newer.encoder[0] += 1
        for point in [FaultInjection.Point.checkpointPartlyWritten, .checkpointBeforeRename] {
            #expect(throws: Interrupted.self) { try newer.write(to: file, interrupt: { if $0 == point { throw Interrupted() } }) }
            #expect(try Data(contentsOf: file) == before, "after an interruption at \(point.rawValue)")
            // Like a kill, the interruption leaves its temporary file (removed by a later process's write).
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0 != "m.checkpoint" }
            #expect(!left.isEmpty && left.allSatisfy { $0.hasPrefix(".m.checkpoint.tmp-\(getpid())-") }, "\(left)")
        }
        try newer.write(to: file)
        #expect(try FineTuningCheckpoint.read(file).encoder == newer.encoder)
    }

    @Test("A damaged checkpoint, or a file that is not one, is refused; a file that is not one is never replaced")
    func damagedAndForeignFiles() throws {
        let toy = ClusterFineTuningTests.ToyProblem()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("m.checkpoint")
        Self.interrupted(try Self.tuner(toy, every: 2, file: file), after: 3)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 3] ^= 0x40
        let damaged = folder.url.appendingPathComponent("damaged.checkpoint")
        try bytes.write(to: damaged)
        #expect(throws: XRLinearError.self) { _ = try FineTuningCheckpoint.read(damaged) }
        let truncated = folder.url.appendingPathComponent("truncated.checkpoint")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        #expect(throws: XRLinearError.self) { _ = try FineTuningCheckpoint.read(truncated) }

        let notes = folder.url.appendingPathComponent("notes.txt")
        try Data("mine\n".utf8).write(to: notes)
        #expect(throws: XRLinearError.self) { _ = try FineTuningCheckpoint.read(notes) }
        #expect(throws: XRLinearError.self) { try FineTuningCheckpoint.checkReplaceable(notes) }
        let checkpoint = try FineTuningCheckpoint.read(file)
        #expect(throws: XRLinearError.self) { try checkpoint.write(to: notes) }
        #expect(try Data(contentsOf: notes) == Data("mine\n".utf8))
        FineTuningCheckpoint.remove(notes)
        #expect(FileManager.default.fileExists(atPath: notes.path))
        FineTuningCheckpoint.remove(file)
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
