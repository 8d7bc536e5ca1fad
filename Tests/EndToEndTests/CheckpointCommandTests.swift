import Foundation
import Testing

/// `xmr train --matcher neural --checkpoint-every N` and `--resume`, on the tiny BERT fixture:
/// a child `xmr train` killed (SIGKILL) inside a checkpoint write, or at random moments while it
/// writes them, leaves a checkpoint that resumes or none at all; a resumed run saves the same
/// model as an uninterrupted one.
@Suite(.enabled(if: XMRExecutable.url != nil, "the xmr binary is not built beside the tests"))
struct CheckpointCommandTests {
    static let encoder = XMRExecutable.packageRoot.appendingPathComponent("Tests/XMRTests/Fixtures/tiny-bert/model").path

    /// The first 160 training and 20 test texts of the sample dataset.
    static func dataset() throws -> URL {
        try TextModelCommandTests().textOnlyFolder(train: 160, test: 20)
    }

    /// `xmr train` arguments: neural matcher on the tiny encoder, 10 steps an epoch, 3 epochs.
    static func train(_ data: URL, model: URL, extra: [String] = []) -> [String] {
        ["train", data.path, "--model", model.path, "--encoder", encoder, "--max-length", "16", "--matcher", "neural",
         "--epochs", "3", "--batch-size", "16", "--fine-tune-max-length", "16", "--threads", "2", "--seed", "3",
         "--embedding-cache", data.appendingPathComponent("cache").path] + extra
    }

    /// The fine-tuned matcher file of a model folder.
    static func matcherBytes(_ model: URL) throws -> Data {
        try Data(contentsOf: model.appendingPathComponent("matcher-neural.safetensors"))
    }

    /// Runs `arguments` and kills the child with SIGKILL after `delay` seconds; true when it was killed.
    static func killed(_ arguments: [String], after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = XMRExecutable.url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    @Test("Killed inside a checkpoint write (half written, or before the rename), the previous checkpoint or none is left; resuming saves the uninterrupted model")
    func killInsideTheWrite() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let whole = data.appendingPathComponent("whole")
        let plain = try XMRExecutable.run(Self.train(data, model: whole))
        #expect(plain.status == 0, "\(plain.stderr)")

        let model = data.appendingPathComponent("m"), checkpoint = data.appendingPathComponent("m.checkpoint")
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasPrefix(".m.checkpoint.tmp-") }
        }
        for point in ["checkpoint-partly-written", "checkpoint-before-rename"] {
            // Killed in the first write: no checkpoint, only the dead process's temporary file
            // (the previous run's is removed by this one's write).
            try? FileManager.default.removeItem(at: checkpoint)
            let first = try XMRExecutable.run(Self.train(data, model: model, extra: ["--checkpoint-every", "4"]),
                                              environment: ["XMR_FAULT_KILL_AT": point])
            #expect(first.status != 0, "killed at \(point)")
            #expect(!FileManager.default.fileExists(atPath: checkpoint.path), "after a kill at \(point)")
            let left = try temporaries()
            #expect(left.count == 1, "\(left)")
            // Killed in the third write: the second checkpoint is there, whole, and resumes to the
            // uninterrupted model.
            let third = try XMRExecutable.run(Self.train(data, model: model, extra: ["--checkpoint-every", "4"]),
                                              environment: ["XMR_FAULT_KILL_AT": point + "@3"])
            #expect(third.status != 0, "killed at \(point)@3")
            #expect(FileManager.default.fileExists(atPath: checkpoint.path), "after a kill at \(point)@3")
            let again = try XMRExecutable.run(Self.train(data, model: model, extra: ["--checkpoint-every", "4", "--resume", model.path]))
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try Self.matcherBytes(model) == Self.matcherBytes(whole), "resumed after a kill at \(point)@3")
            #expect(!FileManager.default.fileExists(atPath: checkpoint.path), "a finished run removes its checkpoint")
            let remaining = try temporaries()
            #expect(remaining.isEmpty, "\(remaining)")
        }
    }

    @Test("Killed at random moments while it checkpoints every step, whatever checkpoint is left resumes")
    func killAtRandomMoments() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let model = data.appendingPathComponent("m"), checkpoint = data.appendingPathComponent("m.checkpoint")
        // How long a whole run takes, so that the kills land all over it.
        let start = Date()
        let plain = try XMRExecutable.run(Self.train(data, model: model, extra: ["--checkpoint-every", "1"]))
        #expect(plain.status == 0, "\(plain.stderr)")
        let span = Date().timeIntervalSince(start)
        var generator = SystemRandomNumberGenerator()
        var kills = 0, found = 0
        for _ in 0..<8 {
            if try Self.killed(Self.train(data, model: model, extra: ["--checkpoint-every", "1"]),
                               after: Double.random(in: 0.1...0.95, using: &generator) * span) { kills += 1 }
            guard FileManager.default.fileExists(atPath: checkpoint.path) else { continue }
            found += 1
            // It must load: a resume that fails on it fails before training (a bad checkpoint is an error).
            let again = try XMRExecutable.run(Self.train(data, model: data.appendingPathComponent("r"),
                                                         extra: ["--resume", checkpoint.path]))
            #expect(again.status == 0, "resuming after a random kill: \(again.stderr)")
        }
        #expect(kills > 0, "no run was killed before it finished")
    }

    @Test("A checkpoint of another tree or model is refused with one line naming it; a foreign file is never replaced")
    func refusals() throws {
        let data = try Self.dataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let model = data.appendingPathComponent("m"), checkpoint = data.appendingPathComponent("m.checkpoint")
        let killed = try XMRExecutable.run(Self.train(data, model: model, extra: ["--checkpoint-every", "1"]),
                                           environment: ["XMR_FAULT_KILL_AT": "checkpoint-partly-written@3"])
        #expect(killed.status != 0)
        #expect(FileManager.default.fileExists(atPath: checkpoint.path))
        do {
            let tree = try XMRExecutable.run(Self.train(data, model: model, extra: ["--resume", checkpoint.path, "--branching", "2"]))
            #expect(tree.status != 0)
            #expect(tree.stderr.contains(checkpoint.path) && tree.stderr.contains("another label tree"), "\(tree.stderr)")
            #expect(tree.stderr.split(separator: "\n").count == 1, "\(tree.stderr)")
            let seed = try XMRExecutable.run(Self.train(data, model: model, extra: ["--resume", checkpoint.path, "--learning-rate", "0.001"]))
            #expect(seed.status != 0 && seed.stderr.contains("other fine-tuning parameters"), "\(seed.stderr)")
        }
        let notes = data.appendingPathComponent("n.checkpoint")
        try Data("mine\n".utf8).write(to: notes)
        let foreign = try XMRExecutable.run(Self.train(data, model: data.appendingPathComponent("n"), extra: ["--checkpoint-every", "1"]))
        #expect(foreign.status != 0 && foreign.stderr.contains("not an xmr fine-tuning checkpoint"), "\(foreign.stderr)")
        #expect(try Data(contentsOf: notes) == Data("mine\n".utf8))
        let resume = try XMRExecutable.run(Self.train(data, model: data.appendingPathComponent("n"), extra: ["--resume", notes.path]))
        #expect(resume.status != 0 && resume.stderr.contains(notes.path), "\(resume.stderr)")
    }
}
