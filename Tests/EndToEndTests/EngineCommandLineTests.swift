import Foundation
import Testing

/// Drives the real `xmr` binary through train → eval → predict → tree on a tiny generated dataset.
@Suite("xmr train/eval/predict/tree")
struct EngineCommandLineTests {
    /// A dataset folder where label l's points carry features 3l..3l+2, 12 labels, names included.
    static func makeDataset() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func split(_ count: Int, offset: Int) -> String {
            var lines = ["\(count) 36 12"]
            for i in 0..<count {
                let label = (i * 7 + offset) % 12
                let other = (label + 1) % 12
                let labels = i % 3 == 0 ? "\(label),\(other)" : "\(label)"
                var features = (0..<3).map { "\(label * 3 + $0):1" }
                if i % 3 == 0 { features += (0..<3).map { "\(other * 3 + $0):0.5" } }
                let sorted = features.sorted { Int($0.split(separator: ":")[0])! < Int($1.split(separator: ":")[0])! }
                lines.append(labels + " " + sorted.joined(separator: " "))
            }
            return lines.joined(separator: "\n") + "\n"
        }
        try split(120, offset: 0).write(to: dir.appendingPathComponent("train.txt"), atomically: true, encoding: .utf8)
        try split(48, offset: 5).write(to: dir.appendingPathComponent("test.txt"), atomically: true, encoding: .utf8)
        try (0..<12).map { "tag\($0)" }.joined(separator: "\n").appending("\n")
            .write(to: dir.appendingPathComponent("label_names.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("train, eval, predict and tree work together and report JSON")
    func pipeline() throws {
        guard XMRExecutable.url != nil else {
            Issue.record("the xmr binary was not built next to the tests")
            return
        }
        let data = try Self.makeDataset()
        let model = data.appendingPathComponent("model").path
        let train = try XMRExecutable.run(["train", data.path, "--model", model, "--max-leaf-size", "4", "--branching", "2",
                                  "--threads", "2", "--json"])
        #expect(train.status == 0, "\(train.stderr)")
        let trainJSON = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any]
        for key in ["train_seconds", "model_bytes", "levels", "nonzeros"] { #expect(trainJSON?[key] != nil, "missing \(key)") }

        let eval = try XMRExecutable.run(["eval", "--model", model, data.path, "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let evalJSON = try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any]
        for key in ["p_at_1", "p_at_3", "p_at_5", "r_at_5", "ndcg_at_5", "psp_at_5", "points", "predict_seconds", "beam_recall",
                    "latency_p50_ms", "latency_p99_ms"] {
            #expect(evalJSON?[key] != nil, "missing \(key)")
        }
        #expect((evalJSON?["p_at_1"] as? Double ?? 0) > 0.9)

        let predict = try XMRExecutable.run(["predict", "--model", model, data.path, "--point", "0", "--top-k", "2"])
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.hasPrefix("0\ttag"))

        // The split is read block by block; one point is the same as its rows of the whole split.
        let all = try XMRExecutable.run(["predict", "--model", model, data.path, "--format", "tsv", "--top-k", "3"])
        let one = try XMRExecutable.run(["predict", "--model", model, data.path, "--point", "47", "--format", "tsv", "--top-k", "3"])
        let rows = all.stdout.split(separator: "\n")
        #expect(all.status == 0 && rows.count == 1 + 48 * 3, "\(all.stderr)")
        #expect(one.stdout.split(separator: "\n") == [rows[0]] + rows.filter { $0.hasPrefix("47\t") }, "\(one.stderr)")
        let outside = try XMRExecutable.run(["predict", "--model", model, data.path, "--point", "48"])
        #expect(outside.status == 1 && outside.stderr.contains("--point 48 is out of range: the test split has 48 points"))

        let trace = try XMRExecutable.run(["predict", "--model", model, data.path, "--point", "1", "--trace"])
        #expect(trace.status == 0 && trace.stdout.contains("level 1:") && trace.stdout.contains("kept"))

        let tree = try XMRExecutable.run(["tree", "--model", model])
        #expect(tree.status == 0 && tree.stdout.contains("tree: 12 labels"))
    }

    @Test("bad input: one-line errors with exit 1, bad usage exit 2")
    func errors() throws {
        guard XMRExecutable.url != nil else {
            Issue.record("the xmr binary was not built next to the tests")
            return
        }
        let missing = try XMRExecutable.run(["eval", "--model", "/nonexistent/model", "/nonexistent/data"])
        #expect(missing.status == 1)
        #expect(missing.stderr.split(separator: "\n").count == 1 && missing.stderr.contains("model.json"))

        let data = try Self.makeDataset()
        let badOption = try XMRExecutable.run(["train", data.path, "--model", data.appendingPathComponent("m").path, "--negatives", "random"])
        #expect(badOption.status == 2 && badOption.stderr.contains("--negatives"))

        let weights = data.appendingPathComponent("m2")
        #expect(try XMRExecutable.run(["train", data.path, "--model", weights.path, "--threads", "1"]).status == 0)
        let file = weights.appendingPathComponent("weights-1.bin")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: file)
        // The last byte may be padding no query reads: `xmr check` reads every byte.
        let corrupted = try XMRExecutable.run(["check", "--model", weights.path])
        #expect(corrupted.status == 1 && corrupted.stderr.contains("weights-1.bin") && corrupted.stderr.contains("corrupted"))
        #expect(corrupted.stderr.split(separator: "\n").count == 1)
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: file)
        let intact = try XMRExecutable.run(["check", "--model", weights.path])
        #expect(intact.status == 0 && intact.stdout.contains("ok"), "\(intact.stderr)")
    }

    @Test("pipeline options: ranges from the one table, the k-means indexer and a label tree file")
    func pipelineOptions() throws {
        guard XMRExecutable.url != nil else {
            Issue.record("the xmr binary was not built next to the tests")
            return
        }
        let data = try Self.makeDataset()
        let model = data.appendingPathComponent("model").path
        let help = try XMRExecutable.run(["train", "--help"])
        #expect(help.stdout.contains("2–1024") && help.stdout.contains("spherical-kmeans") && help.stdout.contains("--label-tree"))
        let wide = try XMRExecutable.run(["train", data.path, "--model", model, "--branching", "2000"])
        #expect(wide.status == 2 && wide.stderr.contains("--branching must be between 2 and 1024, got 2000"), "\(wide.stderr)")
        let kmeans = try XMRExecutable.run(["train", data.path, "--model", model, "--indexer", "kmeans", "--max-leaf-size", "4",
                                            "--threads", "2", "--json"])
        #expect(kmeans.status == 0 && kmeans.stdout.contains("\"kmeans\""), "\(kmeans.stderr)")
        // Labels tag0...tag11 in three groups of four, then a file one line short.
        let tree = data.appendingPathComponent("tree.txt")
        try (0..<12).map { "group\($0 / 4)/tag\($0)" }.joined(separator: "\n").write(to: tree, atomically: true, encoding: .utf8)
        let given = try XMRExecutable.run(["train", data.path, "--model", model, "--label-tree", tree.path, "--threads", "2"])
        #expect(given.status == 0, "\(given.stderr)")
        let shape = try XMRExecutable.run(["tree", "--model", model])
        #expect(shape.stdout.contains("nodes per level 1 → 3 → 12 → 12"), "\(shape.stdout)")
        try (0..<11).map { "group\($0 / 4)" }.joined(separator: "\n").write(to: tree, atomically: true, encoding: .utf8)
        let short = try XMRExecutable.run(["train", data.path, "--model", model, "--label-tree", tree.path])
        #expect(short.status == 1 && short.stderr.contains("tree.txt:12:") && short.stderr.split(separator: "\n").count == 1,
                "\(short.stderr)")
    }
}
