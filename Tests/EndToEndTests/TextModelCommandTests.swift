import Foundation
import Testing

/// `xmr train/predict/eval` on raw text: a text-only dataset folder, the vectorizer stored in the
/// model folder, and `predict --text/--input`. Drives the real binary built beside the tests.
@Suite(.enabled(if: XMRExecutable.url != nil, "the xmr binary is not built beside the tests"))
struct TextModelCommandTests {

    /// The repository's sample dataset.
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-data/debtags-small")

    /// Runs `xmr` with `arguments`.
    func run(_ arguments: [String]) throws -> XMRExecutable.Output { try XMRExecutable.run(arguments) }

    /// A text-only folder: the first `train`/`test` points of the sample's texts and labels, and its label names.
    func textOnlyFolder(train: Int, test: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-text-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, count) in [("train_texts.txt", train), ("train_labels.txt", train),
                              ("test_texts.txt", test), ("test_labels.txt", test), ("label_names.txt", Int.max)] {
            let text = try String(contentsOf: Self.sample.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(count)
            try (lines.joined(separator: "\n") + (count == Int.max ? "" : "\n"))
                .write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// A folder with feature vectors and texts: the first `train`/`test` points of the sample's
    /// `train.txt`/`test.txt` (headers rewritten) and texts, and its label names.
    func featuresAndTextFolder(train: Int, test: Int) throws -> URL {
        let folder = try textOnlyFolder(train: train, test: test)
        for (name, count) in [("train.txt", train), ("test.txt", test)] {
            let text = try String(contentsOf: Self.sample.appendingPathComponent(name), encoding: .utf8)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(count + 1).map(String.init)
            let header = lines[0].split(separator: " ")
            lines[0] = "\(count) \(header[1]) \(header[2])"
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        // train_labels.txt/test_labels.txt are optional beside train.txt; drop them.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("train_labels.txt"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("test_labels.txt"))
        return folder
    }

    /// The label names of the first prediction of `predict --json` output.
    func labelNames(_ json: String) throws -> [[String]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let predictions = try #require(object?["predictions"] as? [[String: Any]])
        return predictions.map { ($0["labels"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
    }

    @Test func textOnlyFolderTrainsAndPredictsFromText() throws {
        let data = try textOnlyFolder(train: 300, test: 40)
        let model = data.appendingPathComponent("model")
        defer { try? FileManager.default.removeItem(at: data) }

        let train = try run(["train", data.path, "--model", model.path, "--threads", "2"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("vectorized 300 texts"))
        #expect(FileManager.default.fileExists(atPath: model.appendingPathComponent("vectorizer.bin").path))

        // A typed text is vectorized exactly like the dataset's own points.
        let firstTest = try String(contentsOf: data.appendingPathComponent("test_texts.txt"), encoding: .utf8)
            .split(separator: "\n")[0]
        let byText = try run(["predict", "--model", model.path, "--text", String(firstTest), "--top-k", "5", "--json"])
        #expect(byText.status == 0, "\(byText.stderr)")
        let byPoint = try run(["predict", "--model", model.path, data.path, "--point", "0", "--top-k", "5", "--json"])
        #expect(byPoint.status == 0, "\(byPoint.stderr)")
        let textLabels = try labelNames(byText.stdout)
        #expect(textLabels.count == 1 && textLabels[0].count == 5)
        let pointLabels = try labelNames(byPoint.stdout)
        #expect(textLabels == pointLabels)

        // Plain output: one `score<TAB>name` line per label.
        let plain = try run(["predict", "--model", model.path, "--text", "an IRC client for the GNOME desktop", "--top-k", "3"])
        let lines = plain.stdout.split(separator: "\n")
        #expect(plain.status == 0 && lines.count == 3)
        #expect(lines.allSatisfy { $0.split(separator: "\t").count == 2 && $0.contains("::") })

        // --input ranks each line; --trace shows the beam path of one text.
        let input = data.appendingPathComponent("queries.txt")
        try "a python library\nvim plugin for latex\n".write(to: input, atomically: true, encoding: .utf8)
        let batch = try run(["predict", "--model", model.path, "--input", input.path, "--top-k", "2", "--json"])
        #expect(batch.status == 0)
        #expect(try labelNames(batch.stdout).count == 2)
        let trace = try run(["predict", "--model", model.path, "--text", "irc client", "--trace"])
        #expect(trace.status == 0 && trace.stdout.contains("level 1:"))

        // tree names each node's top features from the stored vocabulary.
        let tree = try run(["tree", "--model", model.path, "--depth-limit", "1"])
        #expect(tree.status == 0 && tree.stdout.contains("words: "), "\(tree.stderr)")

        // eval vectorizes the test texts with the stored vectorizer.
        let eval = try run(["eval", "--model", model.path, data.path])
        #expect(eval.status == 0 && eval.stdout.contains("P@1"), "\(eval.stderr)")
    }

    @Test func textQueriesNeedAModelTrainedOnText() throws {
        let data = try featuresAndTextFolder(train: 300, test: 20)
        defer { try? FileManager.default.removeItem(at: data) }
        // --features vectors: the folder's given features are used, so no vectorizer is stored...
        let plain = data.appendingPathComponent("features-model")
        let trained = try run(["train", data.path, "--model", plain.path, "--features", "vectors", "--threads", "2"])
        #expect(trained.status == 0, "\(trained.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plain.appendingPathComponent("vectorizer.bin").path))
        let refused = try run(["predict", "--model", plain.path, "--text", "irc client"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has no vectorizer") && refused.stderr.split(separator: "\n").count == 1)
        // ...by default (auto: every split has texts) the texts are vectorized, as in the workbench.
        let vectorized = data.appendingPathComponent("text-model")
        let again = try run(["train", data.path, "--model", vectorized.path, "--threads", "2"])
        #expect(again.status == 0 && again.stdout.contains("vectorized 300 texts"), "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: vectorized.appendingPathComponent("vectorizer.bin").path))
        let text = try run(["predict", "--model", vectorized.path, "--text", "irc client", "--top-k", "2"])
        #expect(text.status == 0 && text.stdout.split(separator: "\n").count == 2, "\(text.stderr)")
        // Features-based and text-based models each read the folder their own way in eval.
        for model in [plain, vectorized] {
            let eval = try run(["eval", "--model", model.path, data.path])
            #expect(eval.status == 0 && eval.stdout.contains("P@1"), "\(eval.stderr)")
        }
        // pifa+names: label names vectorized with the tokenizer (role::program → role, program).
        let named = data.appendingPathComponent("names-model")
        let withNames = try run(["train", data.path, "--model", named.path, "--representation", "pifa+names",
                                 "--threads", "2", "--json"])
        #expect(withNames.status == 0, "\(withNames.stderr)")
        #expect(withNames.stdout.contains("\"pifa+names\""))
        let noNames = data.appendingPathComponent("no-names")
        try FileManager.default.createDirectory(at: noNames, withIntermediateDirectories: true)
        for name in ["train.txt", "test.txt"] {
            try FileManager.default.copyItem(at: data.appendingPathComponent(name), to: noNames.appendingPathComponent(name))
        }
        let refusedNames = try run(["train", noNames.path, "--model", named.path, "--representation", "pifa+names"])
        #expect(refusedNames.status == 1 && refusedNames.stderr.contains("label_names.txt"), "\(refusedNames.stderr)")
        let usage = try run(["predict", "--model", vectorized.path, "--text", "x", data.path])
        #expect(usage.status == 2)
    }
}
