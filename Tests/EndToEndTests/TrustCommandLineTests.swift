import Foundation
import Testing

/// Issue 18 against the real binary: a non-model folder is not replaced, a SIGKILL at either side
/// of the model exchange leaves a loadable model, huge beam and top-k values are capped, and a
/// dataset from another feature space is refused.
@Suite("xmr keeps the user's files and numbers safe", .serialized)
struct TrustCommandLineTests {
    static let quick = ["--max-leaf-size", "4", "--branching", "2", "--threads", "1"]

    @Test("xmr train --model on a folder that is not a model refuses, keeps the files, and --force replaces it")
    func trainRefusesNonModelFolder() throws {
        guard XMRExecutable.url != nil else { Issue.record("the xmr binary was not built next to the tests"); return }
        let data = try EngineCommandLineTests.makeDataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let d = data.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: d.appendingPathComponent("model.json"))
        try Data("thesis\n".utf8).write(to: d.appendingPathComponent("notes.txt"))
        let refused = try XMRExecutable.run(["train", data.path, "--model", d.path] + Self.quick)
        #expect(refused.status == 1)
        #expect(refused.stderr == "xmr: \(d.path): is not an xmr model folder (model.json: not an xmr XR-Linear model); "
                + "not replacing it (--force replaces it anyway)\n")
        #expect(FileManager.default.fileExists(atPath: d.appendingPathComponent("notes.txt").path))
        let forced = try XMRExecutable.run(["train", data.path, "--model", d.path, "--force"] + Self.quick)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: d.appendingPathComponent("notes.txt").path))
    }

    @Test("SIGKILL before or after the model exchange leaves a model that predicts; the next train cleans up")
    func killDuringModelReplacement() throws {
        guard XMRExecutable.url != nil else { Issue.record("the xmr binary was not built next to the tests"); return }
        let data = try EngineCommandLineTests.makeDataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let model = data.appendingPathComponent("model")
        let first = try XMRExecutable.run(["train", data.path, "--model", model.path] + Self.quick)
        #expect(first.status == 0, "\(first.stderr)")
        for point in ["model-before-replace", "model-after-replace"] {
            let killed = try XMRExecutable.run(["train", data.path, "--model", model.path, "--seed", "3"] + Self.quick,
                                               environment: ["XMR_FAULT_KILL_AT": point])
            #expect(killed.status == SIGKILL, "\(point): \(killed.stderr)")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasPrefix(".model.tmp-") }
            #expect(leftovers.count == 1, "\(point)")
            let predict = try XMRExecutable.run(["predict", "--model", model.path, data.path, "--point", "0"])
            #expect(predict.status == 0 && predict.stdout.hasPrefix("0\ttag"), "\(point): \(predict.stderr)")
        }
        let again = try XMRExecutable.run(["train", data.path, "--model", model.path] + Self.quick)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test("predict and eval cap --beam-width and --top-k (10,000, the most the flags take) by the labels, and check the feature count")
    func hugeNumbersAndFeatureCount() throws {
        guard XMRExecutable.url != nil else { Issue.record("the xmr binary was not built next to the tests"); return }
        let data = try EngineCommandLineTests.makeDataset()
        defer { try? FileManager.default.removeItem(at: data) }
        let model = data.appendingPathComponent("model").path
        #expect(try XMRExecutable.run(["train", data.path, "--model", model] + Self.quick).status == 0)
        let predict = try XMRExecutable.run(["predict", "--model", model, data.path, "--point", "0",
                                             "--beam-width", "10000", "--top-k", "10000"])
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.split(separator: ",").count == 12)
        let eval = try XMRExecutable.run(["eval", "--model", model, data.path, "--beam-width", "10000",
                                          "--top-k", "10000", "--latency-sample", "2", "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        #expect(eval.stdout.contains("\"beam_width\":12") || eval.stdout.contains("\"beam_width\" : 12"))
        // The same points declared in a wider feature space: refused, not silently ranked.
        let other = data.appendingPathComponent("wider")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        for name in ["train.txt", "test.txt"] {
            let text = try String(contentsOf: data.appendingPathComponent(name), encoding: .utf8)
            let header = text.prefix { $0 != "\n" }.replacingOccurrences(of: " 36 ", with: " 40 ")
            try (header + text.drop { $0 != "\n" }).write(to: other.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        for command in [["predict", "--model", model, other.path], ["eval", "--model", model, other.path]] {
            let refused = try XMRExecutable.run(command)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("has 40 features but the model has 36"), "\(refused.stderr)")
        }
    }
}
