import Foundation

/// Loads a dataset folder (see DESIGN.md, "Formats") into a `Dataset`.
///
/// Files, all optional except the training split:
/// - `train.txt`, `test.txt`: features and labels in the Extreme Classification Repository
///   text format (`XMCTextFile`); or, in their place, PECOS's scipy matrices `X.trn.npz` with
///   `Y.trn.npz` and `X.tst.npz` with `Y.tst.npz` (`X.npz` with `Y.npz` for a training split
///   alone; see `NpzSplitFiles`).
/// - `train_texts.txt`, `test_texts.txt`: one raw document a line, one line per point.
/// - `train_labels.txt`, `test_labels.txt`: a point's labels a line, separated by blanks. Each
///   label is a name from `label_names.txt` or, when it is not one, a numeric id. When
///   `train.txt` exists too, each line must name the same set of labels as the point there.
/// - `label_names.txt`, `feature_names.txt`: line i names id i; the line count must equal the
///   dataset's label or feature count.
///
/// A folder with `train_texts.txt` and `train_labels.txt` and no `train.txt` is a text-only
/// dataset: its splits have `features == nil` (a vectorizer fills them), `featureCount` is 0 and
/// `feature_names.txt` is not read. Its label count is the line count of `label_names.txt`, or
/// one more than the largest label id used when there are no names. Mixing the two kinds
/// (features for one split, text only for the other) is rejected.
///
/// **Train and test shapes.** When `train.txt` and `test.txt` declare different feature or
/// label counts, the dataset takes the larger of each and widens the other split's matrices
/// (extra columns are empty): ids are shared between the files, so a file that declares fewer
/// simply never uses the higher ids. Name files must then match the widened counts.
public enum DatasetLoader {
    /// Loads the dataset folder at `directory`; every problem is a `DatasetError`.
    public static func load(from directory: URL) throws -> Dataset {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw DatasetError(path: directory.path, message: "no such dataset folder")
        }
        guard isDirectory.boolValue else {
            throw DatasetError(path: directory.path, message: "not a folder (a dataset is a folder holding train.txt or train_texts.txt)")
        }
        func file(_ name: String) -> URL? {
            let url = directory.appendingPathComponent(name)
            return fm.fileExists(atPath: url.path) ? url : nil
        }

        let (trainMatrices, trainSource) = try matrices(text: file("train.txt"), npz: NpzSplitFiles.trainNames, in: directory)
        let (testMatrices, testSource) = try matrices(text: file("test.txt"), npz: NpzSplitFiles.testNames, in: directory)
        let labelNameFile = try file("label_names.txt").map { try LineFile(contentsOf: $0) }

        var train: DatasetSplit
        var test: DatasetSplit?
        var featureCount: Int
        var labelCount: Int
        var featureNames: [String]?
        var labelNames: [String]?

        if let trainMatrices {
            if testMatrices == nil, file("test_texts.txt") != nil || file("test_labels.txt") != nil {
                throw DatasetError(path: directory.appendingPathComponent("test.txt").path,
                                   message: "missing: train.txt has features, so the test split needs test.txt too")
            }
            featureCount = max(trainMatrices.features.cols, testMatrices?.features.cols ?? 0)
            labelCount = max(trainMatrices.labels.cols, testMatrices?.labels.cols ?? 0)
            labelNames = try labelNameFile?.lines(expecting: labelCount, what: "one name per label")
            featureNames = try file("feature_names.txt").map {
                try LineFile(contentsOf: $0).lines(expecting: featureCount, what: "one name per feature")
            }
            train = try split(matrices: trainMatrices, prefix: "train", source: trainSource, featureCount: featureCount,
                              labelCount: labelCount, labelNames: labelNames, file: file)
            test = try testMatrices.map {
                try split(matrices: $0, prefix: "test", source: testSource, featureCount: featureCount,
                          labelCount: labelCount, labelNames: labelNames, file: file)
            }
        } else {
            guard let textsURL = file("train_texts.txt"), let labelsURL = file("train_labels.txt") else {
                throw DatasetError(path: directory.path,
                                   message: "not a dataset folder: it needs train.txt, X.trn.npz with Y.trn.npz, or train_texts.txt with train_labels.txt")
            }
            if testMatrices != nil {
                throw DatasetError(path: directory.appendingPathComponent("train.txt").path,
                                   message: "missing: test.txt has features, so the training split needs train.txt too")
            }
            labelNames = try labelNameFile.map {
                try $0.lines(expecting: $0.lines.count, what: "one name per label")
            }
            let nameIndex = labelNames.map(Self.index(of:))
            let (trainTexts, trainLabels) = try textSplit(texts: textsURL, labels: labelsURL, labelNames: nameIndex)
            var testParts: (texts: [String], labels: LabelListFile)?
            switch (file("test_texts.txt"), file("test_labels.txt")) {
            case let (texts?, labels?):
                testParts = try textSplit(texts: texts, labels: labels, labelNames: nameIndex)
            case (nil, _?):
                throw DatasetError(path: directory.appendingPathComponent("test_texts.txt").path,
                                   message: "missing: test_labels.txt needs test_texts.txt beside it")
            case (_?, nil):
                throw DatasetError(path: directory.appendingPathComponent("test_labels.txt").path,
                                   message: "missing: test_texts.txt needs test_labels.txt beside it")
            case (nil, nil):
                testParts = nil
            }
            featureCount = 0
            labelCount = labelNames?.count
                ?? max(trainLabels.largestID, testParts?.labels.largestID ?? -1) + 1
            try trainLabels.check(labelCount: labelCount)
            try testParts?.labels.check(labelCount: labelCount)
            train = DatasetSplit(features: nil, labels: trainLabels.matrix(labelCount: labelCount), texts: trainTexts)
            test = testParts.map {
                DatasetSplit(features: nil, labels: $0.labels.matrix(labelCount: labelCount), texts: $0.texts)
            }
        }

        let standardized = directory.standardizedFileURL
        return Dataset(name: standardized.lastPathComponent, directory: standardized,
                       featureCount: featureCount, labelCount: labelCount,
                       train: train, test: test, labelNames: labelNames, featureNames: featureNames)
    }

    /// The XMC text file (`train.txt` or `test.txt`, by `prefix`) holding a split of the folder
    /// `directory`, when the split is stored that way and not also as `.npz` files (which `load` refuses).
    public static func textFile(ofSplit prefix: String, in directory: URL) throws -> URL? {
        let url = directory.appendingPathComponent("\(prefix).txt")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let names = prefix == "train" ? NpzSplitFiles.trainNames : NpzSplitFiles.testNames
        return try NpzSplitFiles.find(in: directory, names: names) == nil ? url : nil
    }

    /// A split's matrices from its XMC text file or its PECOS `.npz` pair (not both), and the
    /// name of the file they came from.
    private static func matrices(text: URL?, npz names: [(String, String)],
                                 in directory: URL) throws -> (XMCTextFile?, String) {
        let npz = try NpzSplitFiles.find(in: directory, names: names)
        switch (text, npz) {
        case let (text?, npz?):
            throw DatasetError(path: npz.features.path,
                               message: "the folder also has \(text.lastPathComponent): give one split in one format")
        case let (text?, nil):
            return (try XMCTextFile(contentsOf: text), text.lastPathComponent)
        case let (nil, npz?):
            return (try npz.read(), npz.features.lastPathComponent)
        case (nil, nil):
            return (nil, "")
        }
    }

    /// A split from an XMC text file, widened to the dataset's shape, with its optional text files.
    private static func split(matrices: XMCTextFile, prefix: String, source: String, featureCount: Int, labelCount: Int,
                              labelNames: [String]?, file: (String) -> URL?) throws -> DatasetSplit {
        var features = matrices.features
        var labels = matrices.labels
        features.cols = featureCount
        labels.cols = labelCount
        let texts = try file("\(prefix)_texts.txt").map {
            try LineFile(contentsOf: $0).lines(expecting: matrices.count, what: "one text per point of \(source)")
        }
        if let url = file("\(prefix)_labels.txt") {
            let list = try LabelListFile(file: LineFile(contentsOf: url), expecting: matrices.count,
                                         what: "one line per point of \(source)",
                                         labelNames: labelNames.map(Self.index(of:)))
            try list.check(labelCount: labelCount)
            try list.checkSame(as: labels, what: source)
        }
        return DatasetSplit(features: features, labels: labels, texts: texts)
    }

    /// The texts and label lists of a text-only split. The point count is the line count of the
    /// longer file, less trailing lines that are blank (or missing) in both.
    private static func textSplit(texts textsURL: URL, labels labelsURL: URL,
                                  labelNames: [String: Int]?) throws -> (texts: [String], labels: LabelListFile) {
        let texts = try LineFile(contentsOf: textsURL)
        let labels = try LineFile(contentsOf: labelsURL)
        func blank(_ lines: [String], _ k: Int) -> Bool {
            k >= lines.count || lines[k].allSatisfy { $0 == " " || $0 == "\t" }
        }
        var count = max(texts.lines.count, labels.lines.count)
        while count > 0, blank(texts.lines, count - 1), blank(labels.lines, count - 1) { count -= 1 }
        let labelName = labelsURL.lastPathComponent, textName = textsURL.lastPathComponent
        let list = try LabelListFile(file: labels, expecting: count, what: "one line per line of \(textName)",
                                     labelNames: labelNames)
        let lines = try texts.lines(expecting: count, what: "one text per line of \(labelName)")
        return (lines, list)
    }

    /// Maps each name to its id (the first line wins if a name repeats).
    private static func index(of names: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(names.count)
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        return index
    }
}
