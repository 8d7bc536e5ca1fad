import Foundation
import Testing
@testable import XMR

/// The repository's `sample-data` folder, found from this file's path.
let sampleData = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-data")

@Suite struct DatasetStatisticsTests {
    /// Counts of one split, computed by plain string splitting of the raw lines.
    struct RawCounts {
        var points = 0
        var labelsPerPoint: [Int] = []
        var featuresPerPoint: [Int] = []
        var labelFrequency: [Int] = []
    }

    /// Reads an XMC file the slow, obvious way: split lines on "\n", tokens on " ".
    func rawCounts(_ url: URL, labelCount: Int) throws -> RawCounts {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var counts = RawCounts()
        counts.points = Int(lines[0].components(separatedBy: " ")[0])!
        counts.labelFrequency = Array(repeating: 0, count: labelCount)
        for line in lines.dropFirst() {
            let tokens = line.components(separatedBy: " ")
            var labels: Set<Int> = []
            if let first = tokens.first, !first.isEmpty, !first.contains(":") {
                labels = Set(first.components(separatedBy: ",").map { Int($0)! })
            }
            for l in labels { counts.labelFrequency[l] += 1 }
            counts.labelsPerPoint.append(labels.count)
            counts.featuresPerPoint.append(tokens.filter { $0.contains(":") }.count)
        }
        return counts
    }

    @Test func debtagsSmallMatchesAnIndependentCount() throws {
        let folder = sampleData.appendingPathComponent("debtags-small")
        let dataset = try DatasetLoader.load(from: folder)
        let stats = DatasetStatistics(dataset: dataset)
        let names = try String(contentsOf: folder.appendingPathComponent("label_names.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let train = try rawCounts(folder.appendingPathComponent("train.txt"), labelCount: names.count)
        let test = try rawCounts(folder.appendingPathComponent("test.txt"), labelCount: names.count)

        #expect(stats.name == "debtags-small")
        #expect(stats.labelCount == 598 && names.count == 598 && stats.featureCount == 23377)
        #expect(stats.hasLabelNames && stats.hasFeatureNames)
        for (split, raw) in [(stats.train, train), (stats.test!, test)] {
            #expect(split.points == raw.points && split.points == raw.labelsPerPoint.count)
            #expect(split.labelNonzeros == raw.labelsPerPoint.reduce(0, +))
            #expect(split.featureNonzeros == raw.featuresPerPoint.reduce(0, +))
            #expect(split.labelsPerPoint.min == raw.labelsPerPoint.min()!)
            #expect(split.labelsPerPoint.max == raw.labelsPerPoint.max()!)
            #expect(abs(split.labelsPerPoint.mean - Double(split.labelNonzeros) / Double(raw.points)) < 1e-12)
            #expect(split.featuresPerPoint?.min == raw.featuresPerPoint.min()!)
            #expect(split.featuresPerPoint?.max == raw.featuresPerPoint.max()!)
            #expect(split.pointsWithoutLabels == raw.labelsPerPoint.filter { $0 == 0 }.count)
            #expect(split.hasTexts)
        }
        #expect(stats.train.points == 3000 && stats.test?.points == 800)

        // The label long tail, from the raw frequencies.
        let frequency = train.labelFrequency
        let f = stats.labelFrequency
        let sorted = frequency.sorted()
        let expectedQuantiles = [0.0, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0].map { q in
            sorted[Int(floor(q * Double(sorted.count - 1)))]
        }
        #expect(f.quantiles.map(\.value) == expectedQuantiles)
        #expect(f.quantiles.map(\.title) == ["min", "25%", "50%", "75%", "90%", "99%", "max"])
        #expect(f.labelsWithoutPoints == frequency.filter { $0 == 0 }.count)
        #expect(f.labelsWithOnePoint == frequency.filter { $0 == 1 }.count)
        #expect(f.labelsWithAtMostFivePoints == frequency.filter { $0 <= 5 }.count)
        #expect(f.labelsWithoutPoints > 0, "a 3000-point subset leaves some of the 598 debtags unused")
        #expect(f.occurrences == frequency.reduce(0, +))
        let top = Int((Double(frequency.count) / 100).rounded(.up))
        #expect(f.topPercentLabels == top)
        let topShare = Double(sorted.suffix(top).reduce(0, +)) / Double(frequency.reduce(0, +))
        #expect(abs(f.topPercentShare - topShare) < 1e-12)

        let mostFrequent = frequency.enumerated().sorted { $0.element > $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
        #expect(f.mostFrequent.map(\.name) == mostFrequent.prefix(10).map { names[$0.offset] })
        #expect(f.mostFrequent.map(\.count) == mostFrequent.prefix(10).map(\.element))
        let rarest = frequency.enumerated().filter { $0.element > 0 }
            .sorted { $0.element < $1.element || ($0.element == $1.element && $0.offset < $1.offset) }
        #expect(f.leastFrequent.map(\.id) == rarest.prefix(10).map(\.offset))
        #expect(f.leastFrequent.allSatisfy { $0.count >= 1 && $0.name == names[$0.id] })

        // Histogram: bins 0, 1, 2-3, 4-7, ... each counted by walking the frequencies.
        var expectedBins: [(Int, Int, Int)] = [(0, 0, frequency.filter { $0 == 0 }.count)]
        var low = 1
        while low <= sorted.last! {
            let high = 2 * low - 1
            expectedBins.append((low, high, frequency.filter { $0 >= low && $0 <= high }.count))
            low *= 2
        }
        #expect(f.histogram.map { [$0.lowerBound, $0.upperBound, $0.labels] } == expectedBins.map { [$0.0, $0.1, $0.2] })
        #expect(f.histogram.reduce(0) { $0 + $1.labels } == 598)
        #expect(f.histogram[2].title == "2-3" && f.histogram[1].title == "1")
    }

    @Test func labelsFileAgreesWithTrainTxtOnTheSample() throws {
        // The loader cross-checks train_labels.txt (names) against train.txt (ids); check it
        // independently here too by resolving the names with a dictionary.
        let folder = sampleData.appendingPathComponent("debtags-small")
        let dataset = try DatasetLoader.load(from: folder)
        let names = dataset.labelNames!
        let lines = try String(contentsOf: folder.appendingPathComponent("test_labels.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let test = dataset.test!
        #expect(lines.count == test.count)
        for (k, line) in lines.enumerated() {
            let ids = Set(line.split(separator: " ").map { index[String($0)]! })
            #expect(Set(test.labels.row(k).indices.map(Int.init)) == ids)
        }
    }

    @Test func roundTripsTheSampleFeatureFilesByteForByte() throws {
        for name in ["train.txt", "test.txt"] {
            let url = sampleData.appendingPathComponent("debtags-small").appendingPathComponent(name)
            let original = try Data(contentsOf: url)
            #expect(try XMCTextFile(data: original, path: name).encoded() == original)
        }
    }

    @Test func textOnlyStatisticsHaveNoFeatureNumbers() {
        let labels = CSRMatrix(rows: 2, cols: 3, triplets: [(0, 0, 1), (0, 2, 1)])
        let dataset = Dataset(name: "t", featureCount: 0, labelCount: 3,
                              train: DatasetSplit(features: nil, labels: labels, texts: ["a", "b"]))
        let stats = DatasetStatistics(dataset: dataset)
        #expect(stats.train.featuresPerPoint == nil && stats.train.featureNonzeros == nil)
        #expect(stats.train.pointsWithoutLabels == 1 && stats.test == nil)
        #expect(stats.labelFrequency.leastFrequent.map(\.name) == ["#0", "#2"])
        #expect(stats.labelFrequency.histogram.map(\.labels) == [1, 2])
    }
}
