import Foundation
import Testing
@testable import XMR

@Suite struct DatasetLoaderTests {
    /// Writes `files` into a fresh folder, loads it, and removes it again.
    func load(_ files: [String: String]) throws -> Dataset {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, text) in files { try folder.write(name, text) }
        return try DatasetLoader.load(from: folder.url)
    }

    /// The error loading `files` throws, with the temporary folder's path replaced by `DIR`.
    func failure(_ files: [String: String]) throws -> String? {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, text) in files { try folder.write(name, text) }
        do {
            _ = try DatasetLoader.load(from: folder.url)
            return nil
        } catch let error as DatasetError {
            return error.description.replacingOccurrences(of: folder.url.path, with: "DIR")
        }
    }

    let train = "3 4 3\n0,2 0:1 3:0.5\n1 1:1\n 2:2\n"
    let test = "2 4 3\n2 0:1\n0,1 1:0.5\n"

    @Test func loadsAFullFolder() throws {
        let data = try load([
            "train.txt": train, "test.txt": test,
            "label_names.txt": "alpha\nbeta\ngamma\n", "feature_names.txt": "w\nx\ny\nz\n",
            "train_texts.txt": "first doc\nsecond\r\nthird\n", "test_texts.txt": "t1\nt2\n",
            "train_labels.txt": "alpha gamma\n1\n\n", "test_labels.txt": "2\nbeta alpha\n",
        ])
        #expect(data.train.count == 3 && data.test?.count == 2)
        #expect(data.featureCount == 4 && data.labelCount == 3)
        #expect(data.train.texts == ["first doc", "second", "third"])
        #expect(data.test?.texts == ["t1", "t2"])
        #expect(data.labelNames == ["alpha", "beta", "gamma"] && data.featureNames?.count == 4)
        #expect(data.train.labels.toDense() == [[1, 0, 1], [0, 1, 0], [0, 0, 0]])
        #expect(data.train.features?[0, 3] == 0.5)
        #expect(data.labelName(2) == "gamma")
    }

    @Test func loadsATextOnlyFolder() throws {
        let data = try load([
            "train_texts.txt": "a b\nc d\ne\n", "train_labels.txt": "x y\ny\n\n",
            "test_texts.txt": "f\n", "test_labels.txt": "x x\n",
            "label_names.txt": "x\ny\nz\n",
        ])
        #expect(data.train.features == nil && data.test?.features == nil)
        #expect(data.featureCount == 0 && data.labelCount == 3)
        #expect(data.train.count == 3, "a last point without labels is still a point: its text is not blank")
        #expect(data.train.labels.toDense() == [[1, 1, 0], [0, 1, 0], [0, 0, 0]])
        #expect(data.test?.labels.toDense() == [[1, 0, 0]], "the repeated label is merged")
    }

    @Test func textOnlyWithoutNamesUsesIdsAndTheLargestID() throws {
        let data = try load(["train_texts.txt": "a\nb\n\n", "train_labels.txt": "0 4\n2\n\n"])
        #expect(data.labelCount == 5 && data.train.count == 2, "blank in both files at the end: not a point")
        #expect(data.labelNames == nil && data.test == nil)
    }

    @Test func widensTrainAndTestToTheLargerShape() throws {
        let data = try load(["train.txt": train, "test.txt": "1 6 5\n4 5:1\n"])
        #expect(data.featureCount == 6 && data.labelCount == 5)
        #expect(data.train.features?.cols == 6 && data.train.labels.cols == 5)
        #expect(data.test?.features?.cols == 6 && data.test?.labels.cols == 5)
    }

    @Test func rejectsBadFolders() throws {
        let cases: [([String: String], String)] = [
            (["train.txt": train, "label_names.txt": "a\nb\n"],
             "DIR/label_names.txt:3: the file ends after 2 lines, but 3 are expected"),
            (["train.txt": train, "label_names.txt": "a\nb\nc\nd\n"],
             "DIR/label_names.txt:4: the file has 4 lines, but 3 are expected"),
            (["train.txt": train, "feature_names.txt": "a\n"],
             "DIR/feature_names.txt:2: the file ends after 1 lines, but 4 are expected"),
            (["train.txt": train, "test.txt": "1 4 9\n8 0:1\n", "label_names.txt": "a\nb\nc\n"],
             "DIR/label_names.txt:4: the file ends after 3 lines, but 9 are expected"),
            (["train.txt": train, "train_texts.txt": "a\nb\n"],
             "DIR/train_texts.txt:3: the file ends after 2 lines, but 3 are expected"),
            (["train.txt": train, "train_texts.txt": "a\nb\nc\nd\n"],
             "DIR/train_texts.txt:4: the file has 4 lines, but 3 are expected"),
            (["train.txt": train, "train_labels.txt": "0 2\n1\n"],
             "DIR/train_labels.txt:3: the file ends after 2 lines, but 3 are expected"),
            (["train.txt": train, "train_labels.txt": "0 2\n0\n\n"],
             "DIR/train_labels.txt:2: these labels differ from those of point 1 in train.txt"),
            (["train.txt": train, "train_labels.txt": "0 2\n7\n\n"],
             "DIR/train_labels.txt:2: label id 7 is out of range"),
            (["train.txt": train, "train_labels.txt": "0 2\n-1\n\n"],
             "DIR/train_labels.txt:2: label id -1 is negative"),
            (["train.txt": train, "label_names.txt": "a\nb\nc\n", "train_labels.txt": "a c\nb\nq\n"],
             "DIR/train_labels.txt:3: unknown label 'q'"),
            (["train_texts.txt": "a\n", "train_labels.txt": "x\n"],
             "DIR/train_labels.txt:1: label id 'x' is not a number"),
            (["train_texts.txt": "a\nb\n", "train_labels.txt": "1\n2000000000\n"],
             "DIR/train_labels.txt:2: label id 2000000000 is more than the 100000000 labels supported"),
            (["train_texts.txt": "a\nb\n", "train_labels.txt": "1\n2\n3\n"],
             "DIR/train_texts.txt:3: the file ends after 2 lines, but 3 are expected"),
            (["train_texts.txt": "a\nb\nc\n", "train_labels.txt": "1\n"],
             "DIR/train_labels.txt:2: the file ends after 1 lines, but 3 are expected"),
            (["train.txt": "2 4 3\n0 0:1\n"], "DIR/train.txt:3: the file ends after 1 points"),
            (["test.txt": test], "DIR: not a dataset folder"),
            (["train.txt": train, "test_texts.txt": "a\nb\n", "test_labels.txt": "0\n1\n"],
             "DIR/test.txt: missing"),
            (["train_texts.txt": "a\n", "train_labels.txt": "0\n", "test.txt": test], "DIR/train.txt: missing"),
            (["train_texts.txt": "a\n", "train_labels.txt": "0\n", "test_texts.txt": "b\n"],
             "DIR/test_labels.txt: missing"),
        ]
        for (files, expected) in cases {
            let message = try failure(files)
            #expect(message?.hasPrefix(expected) == true, "expected \(expected), got \(message ?? "no error")")
        }
    }

    @Test func rejectsAMissingFolder() {
        #expect {
            _ = try DatasetLoader.load(from: URL(fileURLWithPath: "/nonexistent/dataset"))
        } throws: { error in
            (error as? DatasetError)?.description == "/nonexistent/dataset: no such dataset folder"
        }
    }
}
