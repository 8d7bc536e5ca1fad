import Foundation
import Testing

/// `xmr` in shell pipelines: `--input -` streaming, `--format tsv|jsonl|xc`, `eval --predictions`,
/// `calibrate`, thresholds, and snake_case keys in every command's `--json`. Drives the real binary.
@Suite(.enabled(if: XMRExecutable.url != nil, "the xmr binary is not built beside the tests"))
struct PipelineCommandTests {
    /// A text-only folder of the sample's first 300 training and 60 test points, and a model
    /// trained on it, made once for the suite.
    static let fixture: (data: URL, model: URL)? = {
        let sample = XMRExecutable.packageRoot.appendingPathComponent("sample-data/debtags-small")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-pipeline-e2e-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, count) in [("train_texts.txt", 300), ("train_labels.txt", 300), ("test_texts.txt", 60),
                                  ("test_labels.txt", 60), ("label_names.txt", Int.max)] {
                let text = try String(contentsOf: sample.appendingPathComponent(name), encoding: .utf8)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(count)
                try (lines.joined(separator: "\n") + (count == Int.max ? "" : "\n"))
                    .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let model = folder.appendingPathComponent("model")
            let train = try XMRExecutable.run(["train", folder.path, "--model", model.path, "--threads", "2"])
            return train.status == 0 ? (folder, model) : nil
        } catch {
            return nil
        }
    }()

    func run(_ arguments: [String]) throws -> XMRExecutable.Output { try XMRExecutable.run(arguments) }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func predictStreamsStandardInputAnswerByAnswer() throws {
        let (_, model) = try #require(Self.fixture, "the suite's model trains")
        let process = Process()
        process.executableURL = XMRExecutable.url
        process.arguments = ["predict", "--model", model.path, "--input", "-", "--format", "jsonl", "--top-k", "3"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // A slow writer: one line, then wait for its answer before writing (and closing) any more.
        input.fileHandleForWriting.write(Data("an IRC client for the GNOME desktop\n".utf8))
        let reader = output.fileHandleForReading
        var received = Data()
        let deadline = Date().addingTimeInterval(60)
        while !received.contains(UInt8(ascii: "\n")) && Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            received.append(chunk)
        }
        let first = String(decoding: received, as: UTF8.self)
        #expect(first.hasSuffix("\n") && process.isRunning, "the first answer arrives while the input is still open")
        let object = try #require(try json(String(first.split(separator: "\n").first ?? "")) as? [String: Any])
        #expect(object["point"] as? Int == 0 && object["text"] as? String == "an IRC client for the GNOME desktop")
        #expect((object["labels"] as? [[String: Any]])?.count == 3)
        input.fileHandleForWriting.write(Data("a text editor\nlast line without a newline".utf8))
        try input.fileHandleForWriting.close()
        received.append(reader.readDataToEndOfFile())
        process.waitUntilExit()
        let lines = String(decoding: received, as: UTF8.self).split(separator: "\n")
        #expect(process.terminationStatus == 0 && lines.count == 3)
        let third = (try? json(String(lines.last ?? "")) as? [String: Any])?["point"] as? Int
        #expect(third == 2)
    }

    @Test func formatsAndScoringAPredictionFile() throws {
        let (data, model) = try #require(Self.fixture, "the suite's model trains")
        let tsv = try run(["predict", "--model", model.path, data.path, "--format", "tsv", "--top-k", "2"])
        let rows = tsv.stdout.split(separator: "\n")
        #expect(tsv.status == 0 && rows.first == "point\trank\tlabel_id\tlabel_name\tscore" && rows.count == 1 + 60 * 2, "\(tsv.stderr)")
        #expect(rows.dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 5 })

        let xc = try run(["predict", "--model", model.path, data.path, "--format", "xc", "--top-k", "5"])
        #expect(xc.status == 0 && xc.stdout.hasPrefix("60 "), "\(xc.stderr)")
        let file = data.appendingPathComponent("predictions.txt")
        try xc.stdout.write(to: file, atomically: true, encoding: .utf8)
        let scored = try run(["eval", data.path, "--predictions", file.path, "--json"])
        let direct = try run(["eval", "--model", model.path, data.path, "--json", "--latency-sample", "0"])
        let a = try #require(try json(scored.stdout) as? [String: Any], "\(scored.stderr)")
        let b = try #require(try json(direct.stdout) as? [String: Any], "\(direct.stderr)")
        for key in ["p_at_1", "p_at_3", "p_at_5", "r_at_5", "ndcg_at_5", "psp_at_5"] {
            let x = try #require(a[key] as? Double, Comment(rawValue: key)), y = try #require(b[key] as? Double, Comment(rawValue: key))
            #expect(abs(x - y) < 1e-9, "\(key): \(x) from the file, \(y) from the model")
        }

        try "3 5\n0:1\n\n\n".write(to: file, atomically: true, encoding: .utf8)
        let wrong = try run(["eval", data.path, "--predictions", file.path])
        #expect(wrong.status == 1 && wrong.stderr == "xmr: \(file.path): has 3 points but the split it is scored against has 60\n")
        let train = try run(["eval", "--model", model.path, data.path, "--split", "train", "--json", "--latency-sample", "0"])
        let trainPoints = (try? json(train.stdout) as? [String: Any])?["points"] as? Int
        #expect(train.status == 0 && trainPoints == 300, "\(train.stderr)")
    }

    @Test func calibrationGivesProbabilitiesAndIsTiedToItsModel() throws {
        let (data, model) = try #require(Self.fixture, "the suite's model trains")
        let copy = data.appendingPathComponent("calibrated")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: model, to: copy)
        let calibrate = try run(["calibrate", "--model", copy.path, data.path, "--json"])
        let report = try #require(try json(calibrate.stdout) as? [String: Any], "\(calibrate.stderr)")
        for key in ["ece_before", "ece_after", "brier_before", "brier_after"] {
            let value = try #require(report[key] as? Double, Comment(rawValue: key))
            #expect(value >= 0 && value <= 1, "\(key) \(value)")
        }
        let text = try run(["calibrate", "--model", copy.path, data.path, "--method", "platt"])
        #expect(text.status == 0 && text.stdout.contains("Reliability after (platt):"), "\(text.stderr)")

        let predict = try run(["predict", "--model", copy.path, "--text", "a GNOME desktop game", "--format", "jsonl", "--min-probability", "0.01"])
        let labels = try #require((try json(predict.stdout) as? [String: Any])?["labels"] as? [[String: Any]], "\(predict.stderr)")
        #expect(labels.allSatisfy { ($0["probability"] as? Double ?? -1) >= 0.01 })

        let refused = try run(["predict", "--model", copy.path, "--text", "x", "--min-probability", "2"])
        #expect(refused.status == 2 && refused.stderr.contains("--min-probability must be between 0 and 1"), "\(refused.stderr)")
        let uncalibrated = try run(["predict", "--model", model.path, "--text", "x", "--min-probability", "0.5"])
        #expect(uncalibrated.status == 1 && uncalibrated.stderr.contains("has no calibration"), "\(uncalibrated.stderr)")

        // A calibration copied into another model's folder is refused.
        let other = data.appendingPathComponent("other")
        try? FileManager.default.removeItem(at: other)
        let retrain = try run(["train", data.path, "--model", other.path, "--threads", "2", "--seed", "1", "--branching", "4"])
        #expect(retrain.status == 0, "\(retrain.stderr)")
        try FileManager.default.copyItem(at: copy.appendingPathComponent("calibration.json"), to: other.appendingPathComponent("calibration.json"))
        let foreign = try run(["predict", "--model", other.path, "--text", "x"])
        #expect(foreign.status == 1 && foreign.stderr.contains("calibration.json: was fitted for another model"), "\(foreign.stderr)")
    }

    /// Every key of every object in `value`, at any depth.
    func keys(_ value: Any) -> [String] {
        if let object = value as? [String: Any] { return object.keys + object.values.flatMap(keys) }
        if let array = value as? [Any] { return array.flatMap(keys) }
        return []
    }

    @Test func everyCommandsJSONKeysAreSnakeCase() throws {
        let (data, model) = try #require(Self.fixture, "the suite's model trains")
        let scratch = data.appendingPathComponent("json-keys")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let calibrated = scratch.appendingPathComponent("calibrated")
        try FileManager.default.copyItem(at: model, to: calibrated)
        let root = XMRExecutable.packageRoot
        let fixtures = root.appendingPathComponent("Tests/XMRTests/Fixtures")
        let vectors = root.appendingPathComponent("sample-data/debtags-small/test.txt").path
        let texts = scratch.appendingPathComponent("texts.txt")
        try "an IRC client\na text editor\n".write(to: texts, atomically: true, encoding: .utf8)
        let index = scratch.appendingPathComponent("index.hnsw").path
        let commands: [[String]] = [
            ["info", data.path, "--json"],
            ["train", data.path, "--model", scratch.appendingPathComponent("m").path, "--threads", "2", "--json"],
            ["predict", "--model", model.path, data.path, "--json", "--top-k", "2"],
            ["predict", "--model", model.path, "--text", "a game", "--trace", "--json"],
            ["eval", "--model", model.path, data.path, "--json", "--latency-sample", "5"],
            ["tree", "--model", model.path, "--json"],
            ["calibrate", "--model", calibrated.path, data.path, "--json"],
            ["tune-thresholds", "--model", calibrated.path, data.path, "--json"],
            ["import-pecos", fixtures.appendingPathComponent("pecos-tiny/model").path,
             "--model", scratch.appendingPathComponent("imported").path, "--json"],
            ["ann", "build", "--input", vectors, "--index", index, "--json"],
            ["ann", "search", "--index", index, "--queries", vectors, "--k", "3", "--json"],
            ["embed", "--encoder", fixtures.appendingPathComponent("tiny-bert/model").path, "--input", texts.path,
             "--output", scratch.appendingPathComponent("embeddings.npy").path, "--json"],
            ["sessions", "list", "--json"],
            ["sessions", "show", "example", "--json"],
        ]
        let snake = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/
        for arguments in commands {
            let result = try XMRExecutable.run(arguments, environment: ["XMR_SESSIONS_DIR": root.appendingPathComponent("sessions").path])
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            guard result.status == 0 else { continue }
            let bad = keys(try json(result.stdout)).filter { $0.wholeMatch(of: snake) == nil }
            #expect(bad.isEmpty, "xmr \(arguments[0]) --json has keys that are not snake_case: \(Set(bad).sorted())")
        }
    }
}

/// `xmr train --matcher hnsw` and the ANN and spectral options of the parameter table.
@Suite(.enabled(if: XMRExecutable.url != nil, "the xmr binary is not built beside the tests"))
struct ANNStageCommandTests {
    @Test func hnswMatcherModelPredictsAndZeroParametersAreUsageErrors() throws {
        let sample = XMRExecutable.packageRoot.appendingPathComponent("sample-data/delicious-small")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-ann-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model").path
        let train = try XMRExecutable.run(["train", sample.path, "--model", model, "--matcher", "hnsw", "--negatives", "tfn+man",
                                           "--max-leaf-size", "20", "--hnsw-ef", "30", "--threads", "2", "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("model/matcher-hnsw.bin").path))
        let predict = try XMRExecutable.run(["predict", "--model", model, sample.path, "--point", "0", "--top-k", "3"])
        #expect(predict.status == 0 && !predict.stdout.isEmpty, "\(predict.stderr)")
        let tree = try XMRExecutable.run(["tree", "--model", model, "--depth-limit", "1"])
        #expect(tree.status == 0, "\(tree.stderr)")
        for (flag, value) in [("--hnsw-ef", "0"), ("--hnsw-m", "1"), ("--spectral-dim", "0"), ("--graph-neighbors", "0")] {
            let bad = try XMRExecutable.run(["train", sample.path, "--model", folder.appendingPathComponent("bad").path, flag, value])
            #expect(bad.status == 2 && bad.stderr.contains(flag), "\(flag) \(value): \(bad.stderr)")
        }
    }
}
