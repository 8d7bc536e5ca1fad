import Foundation
import Testing

/// `xmr add-labels` (issue 19, item 4): the real binary extends a model trained without the
/// `uitoolkit::` labels of the sample, replaces it atomically, drops its stale calibration,
/// and refuses bad input with one line while the model stays as it was.
@Suite(.enabled(if: XMRExecutable.url != nil, "the xmr binary is not built beside the tests"), .serialized)
struct AddLabelsCommandTests {
    /// Text-only folders from the sample's first 400 training and 60 test points: `base`
    /// without the `uitoolkit::` labels, `new` with the points that have one (all their labels,
    /// names of the base labels first), and a model trained on `base`.
    static let fixture: (base: URL, new: URL, model: URL, newNames: [String])? = {
        let sample = XMRExecutable.packageRoot.appendingPathComponent("sample-data/debtags-small")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-add-labels-e2e-\(UUID().uuidString)")
        func lines(_ name: String, _ count: Int) throws -> [String] {
            let text = try String(contentsOf: sample.appendingPathComponent(name), encoding: .utf8)
            return Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(count).map(String.init))
        }
        func write(_ lines: [String], _ name: String, in folder: URL) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let isNew = { (label: Substring) in label.hasPrefix("uitoolkit::") }
        do {
            let base = folder.appendingPathComponent("base"), new = folder.appendingPathComponent("new")
            let names = try lines("label_names.txt", Int.max).filter { !$0.isEmpty }
            let texts = try lines("train_texts.txt", 400), labels = try lines("train_labels.txt", 400)
            let used = Set(labels.flatMap { $0.split(separator: " ").filter(isNew).map(String.init) })
            let baseNames = names.filter { !isNew(Substring($0)) }, newNames = names.filter(used.contains)
            let strip = { (line: String) in line.split(separator: " ").filter { !isNew($0) }.joined(separator: " ") }
            try write(texts, "train_texts.txt", in: base)
            try write(labels.map(strip), "train_labels.txt", in: base)
            try write(try lines("test_texts.txt", 60), "test_texts.txt", in: base)
            try write(try lines("test_labels.txt", 60).map(strip), "test_labels.txt", in: base)
            try write(baseNames, "label_names.txt", in: base)
            let rows = labels.indices.filter { labels[$0].split(separator: " ").contains(where: isNew) }
            try write(rows.map { texts[$0] }, "train_texts.txt", in: new)
            try write(rows.map { labels[$0] }, "train_labels.txt", in: new)
            try write(baseNames + newNames, "label_names.txt", in: new)
            let model = folder.appendingPathComponent("model")
            let train = try XMRExecutable.run(["train", base.path, "--model", model.path, "--threads", "2"])
            return train.status == 0 ? (base, new, model, newNames) : nil
        } catch {
            return nil
        }
    }()

    func run(_ arguments: [String]) throws -> XMRExecutable.Output { try XMRExecutable.run(arguments) }

    /// Every file of `folder` and its bytes.
    func contents(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    /// A fresh copy of the fixture's model.
    func copy(of model: URL, as name: String) throws -> URL {
        let copy = model.deletingLastPathComponent().appendingPathComponent(name)
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: model, to: copy)
        return copy
    }

    @Test func addsTheLabelsAndDropsTheOldModelsCalibration() throws {
        let (base, new, model, newNames) = try #require(Self.fixture, "the suite's model trains")
        let copy = try copy(of: model, as: "extended")
        let calibrate = try run(["calibrate", "--model", copy.path, base.path])
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        let oldCalibration = try Data(contentsOf: copy.appendingPathComponent("calibration.json"))

        let added = try run(["add-labels", "--model", copy.path, "--dataset", new.path, "--threads", "2", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any], "\(added.stderr)")
        let before = try #require(report["labels_before"] as? Int), after = try #require(report["labels_after"] as? Int)
        #expect(after == before + newNames.count)
        let labels = try #require(report["added_labels"] as? [[String: Any]])
        #expect(labels.compactMap { $0["name"] as? String } == newNames)
        #expect(report["calibration_removed"] as? Bool == true)
        let snake = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/
        let bad = PipelineCommandTests().keys(report).filter { $0.wholeMatch(of: snake) == nil }
        #expect(bad.isEmpty, "keys that are not snake_case: \(bad)")
        #expect(!FileManager.default.fileExists(atPath: copy.appendingPathComponent("calibration.json").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: copy.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".extended.") }
        #expect(leftovers.isEmpty, "the old version is gone once the new one is in place: \(leftovers)")

        // The new labels are ranked: a GTK program's description brings uitoolkit::gtk.
        let predict = try run(["predict", "--model", copy.path, "--text", "a GTK+ graphical front-end for the GNOME desktop", "--top-k", "10"])
        #expect(predict.status == 0 && predict.stdout.contains("uitoolkit::gtk"), "\(predict.stdout)\(predict.stderr)")
        // The old model's calibration does not apply to the new version.
        try oldCalibration.write(to: copy.appendingPathComponent("calibration.json"))
        let stale = try run(["predict", "--model", copy.path, "--text", "x"])
        #expect(stale.status == 1 && stale.stderr.contains("calibration.json: was fitted for another model"), "\(stale.stderr)")

        // Adding the same labels again: the folder's labels are no longer new.
        try FileManager.default.removeItem(at: copy.appendingPathComponent("calibration.json"))
        let again = try run(["add-labels", "--model", copy.path, "--dataset", new.path])
        #expect(again.status == 1 && again.stderr.contains("so there is none to add"), "\(again.stderr)")
    }

    @Test func addsLabelsToAModelWithTheHNSWMatcher() throws {
        let (base, new, model, newNames) = try #require(Self.fixture, "the suite's model trains")
        let hnsw = model.deletingLastPathComponent().appendingPathComponent("hnsw")
        try? FileManager.default.removeItem(at: hnsw)
        let train = try run(["train", base.path, "--model", hnsw.path, "--matcher", "hnsw", "--threads", "2"])
        #expect(train.status == 0, "\(train.stderr)")
        let added = try run(["add-labels", "--model", hnsw.path, "--dataset", new.path, "--threads", "2", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any], "\(added.stderr)")
        let labels = try #require(report["added_labels"] as? [[String: Any]])
        #expect(labels.compactMap { $0["name"] as? String } == newNames)
        #expect(labels.allSatisfy { $0["in_copy"] as? Bool == true || $0["new_cluster"] as? Bool == true })
        let predict = try run(["predict", "--model", hnsw.path, "--text", "a GTK+ graphical front-end for the GNOME desktop", "--top-k", "10"])
        #expect(predict.status == 0 && predict.stdout.contains("uitoolkit::gtk"), "\(predict.stdout)\(predict.stderr)")
    }

    @Test func refusesAnotherFeatureSpaceOrOtherNamesAndKeepsTheModel() throws {
        let (_, new, model, _) = try #require(Self.fixture, "the suite's model trains")
        let copy = try copy(of: model, as: "refusing")
        let original = try contents(copy)

        // Feature vectors for a model that reads text: another feature space.
        let vectors = new.deletingLastPathComponent().appendingPathComponent("vectors")
        try FileManager.default.createDirectory(at: vectors, withIntermediateDirectories: true)
        let sample = XMRExecutable.packageRoot.appendingPathComponent("sample-data/debtags-small")
        for name in ["train.txt", "label_names.txt"] {
            try? FileManager.default.removeItem(at: vectors.appendingPathComponent(name))
            try FileManager.default.copyItem(at: sample.appendingPathComponent(name), to: vectors.appendingPathComponent(name))
        }
        let space = try run(["add-labels", "--model", copy.path, "--dataset", vectors.path])
        #expect(space.status == 1 && space.stderr.hasPrefix("xmr: \(vectors.path): the model reads raw text")
                && space.stderr.filter { $0 == "\n" }.count == 1, "\(space.stderr)")

        // label_names.txt whose second line is not the model's second label.
        let renamed = new.deletingLastPathComponent().appendingPathComponent("renamed")
        try? FileManager.default.removeItem(at: renamed)
        try FileManager.default.copyItem(at: new, to: renamed)
        var names = try String(contentsOf: renamed.appendingPathComponent("label_names.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        names.swapAt(0, 1)
        try (names.joined(separator: "\n") + "\n").write(to: renamed.appendingPathComponent("label_names.txt"), atomically: true, encoding: .utf8)
        let misnamed = try run(["add-labels", "--model", copy.path, "--dataset", renamed.path])
        #expect(misnamed.status == 1 && misnamed.stderr.hasPrefix("xmr: \(renamed.path)/label_names.txt:1: names label 0"), "\(misnamed.stderr)")

        // A sample fraction outside (0, 1].
        for fraction in ["0", "1.5"] {
            let bad = try run(["add-labels", "--model", copy.path, "--dataset", new.path, "--sample-fraction", fraction])
            #expect(bad.status == 2 && bad.stderr.contains("--sample-fraction must be in (0, 1], got \(fraction == "0" ? "0.0" : fraction)")
                    && !bad.stderr.contains("Fatal error"), "\(bad.stderr)")
        }

        // A tolerance that is not a positive number.
        for tolerance in ["0", "inf", "nan"] {
            let bad = try run(["add-labels", "--model", copy.path, "--dataset", new.path, "--tolerance", tolerance])
            #expect(bad.status == 2 && bad.stderr.contains("--tolerance must be a positive number")
                    && !bad.stderr.contains("Fatal error"), "\(bad.stderr)")
        }

        #expect(try contents(copy) == original, "the model folder is untouched")
    }
}
