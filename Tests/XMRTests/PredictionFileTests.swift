import Foundation
import Testing
@testable import XMR

/// Text output collected in memory, with the text seen at each flush.
final class RecordingOutput: TextOutput {
    var text = ""
    var flushed: [String] = []
    func write(_ text: String) throws { self.text += text }
    func flush() throws { flushed.append(text) }
}

@Suite struct PredictionFileTests {
    let names = ["alpha", "be\tta", "gamma"]
    let first = PredictionBlock(firstPoint: 0, rankings: [
        [LabelScore(label: 2, score: 0.75), LabelScore(label: 0, score: 0.125)],
        [],
    ])
    let second = PredictionBlock(firstPoint: 2, rankings: [[LabelScore(label: 1, score: 1e-5)]])

    func written(_ format: PredictionFormat, pointCount: Int?, names: [String]? = nil) throws -> RecordingOutput {
        let output = RecordingOutput()
        var writer = format.writer(to: output, labelNames: names ?? self.names, labelCount: 3, pointCount: pointCount)
        try writer.write(first)
        try writer.write(second)
        try writer.finish()
        return output
    }

    @Test func tsvHasOneRowPerRankedLabelAndFlushesEachBlock() throws {
        let output = try written(.tsv, pointCount: nil)
        #expect(output.text == """
            point\trank\tlabel_id\tlabel_name\tscore
            0\t1\t2\tgamma\t0.75
            0\t2\t0\talpha\t0.125
            2\t1\t1\tbe ta\t1e-05

            """)
        #expect(output.flushed.first == "point\trank\tlabel_id\tlabel_name\tscore\n0\t1\t2\tgamma\t0.75\n0\t2\t0\talpha\t0.125\n",
                "the first block is out before the second is written")
    }

    @Test func tsvAddsProbabilitiesWhenCalibrated() throws {
        let output = RecordingOutput()
        var writer = PredictionFormat.tsv.writer(to: output, labelNames: nil, labelCount: 3, pointCount: 1)
        try writer.write(PredictionBlock(firstPoint: 0, rankings: [[LabelScore(label: 1, score: 0.5)]], probabilities: [[0.25]]))
        #expect(output.text == "point\trank\tlabel_id\tlabel_name\tscore\tprobability\n0\t1\t1\t\t0.5\t0.25\n")
    }

    @Test func jsonlIsOneObjectPerPoint() throws {
        let output = try written(.jsonl, pointCount: nil)
        let lines = output.text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"labels":[{"label":2,"name":"gamma","score":0.75},{"label":0,"name":"alpha","score":0.125}],"point":0}"#)
        #expect(lines[1] == #"{"labels":[],"point":1}"#)
        #expect(output.flushed.count == 3 && output.flushed[0].split(separator: "\n").count == 2)
        let texts = RecordingOutput()
        var writer = PredictionFormat.jsonl.writer(to: texts, labelNames: nil, labelCount: 3, pointCount: nil)
        try writer.write(PredictionBlock(firstPoint: 7, rankings: [[LabelScore(label: 1, score: 2)]], texts: ["a \"b\"/c"],
                                         probabilities: [[0.5]]))
        #expect(texts.text == #"{"labels":[{"label":1,"probability":0.5,"score":2}],"point":7,"text":"a \"b\"/c"}"# + "\n")
    }

    @Test func xcStreamsWithAKnownCountAndHoldsLinesWithout() throws {
        let expected = "3 3\n0:0.125 2:0.75\n\n1:1e-05\n"
        let streamed = try written(.xc, pointCount: 3)
        #expect(streamed.text == expected)
        #expect(streamed.flushed.first == "3 3\n0:0.125 2:0.75\n\n", "ids ascending: pyxclib refuses unsorted ids")
        let held = try written(.xc, pointCount: nil)
        #expect(held.text == expected)
        #expect(held.flushed == [expected], "nothing is written before the count is known")
    }

    @Test func xcOutputReadsBackAsTheSameRankings() throws {
        let output = try written(.xc, pointCount: 3)
        let file = try XCPredictionFile(data: Data(output.text.utf8), path: "p.txt")
        #expect(file.labelCount == 3)
        #expect(file.rankings == first.rankings + second.rankings)
    }

    @Test func readerSortsByScoreAndAcceptsCRLFAndTrailingBlankLines() throws {
        let file = try XCPredictionFile(data: Data("2 5\r\n1:0.5 4:0.9\t3:0.5\r\n\r\n\n  \n".utf8), path: "p.txt")
        #expect(file.rankings == [
            [LabelScore(label: 4, score: 0.9), LabelScore(label: 1, score: 0.5), LabelScore(label: 3, score: 0.5)],
            [],
        ])
    }

    @Test func readerErrorsNameFileAndLine() throws {
        func failure(_ text: String) -> String? {
            do {
                _ = try XCPredictionFile(data: Data(text.utf8), path: "p.txt")
                return nil
            } catch let error as DatasetError {
                return error.description
            } catch {
                return "\(error)"
            }
        }
        #expect(failure("") == "p.txt: is empty: expected a header line `points labels`")
        #expect(failure("2 5 7\n") == "p.txt:1: bad header \"2 5 7\": expected two counts, `points labels`")
        #expect(failure("2 5\n1:0.5\n") == "p.txt:3: missing: the header declares 2 points but the file has 1")
        #expect(failure("1 5\n1:0.5\n2:1\n") == "p.txt:3: more lines than the 1 points the header declares")
        #expect(failure("1 5\n1:0.5 7\n") == "p.txt:2: \"7\" is not a label:score pair")
        #expect(failure("1 5\n-1:0.5\n") == "p.txt:2: label id \"-1\" is not a number 0 or more")
        #expect(failure("1 5\n5:0.5\n") == "p.txt:2: label id 5 is not below the header's 5 labels")
        #expect(failure("1 5\n1:x\n") == "p.txt:2: score \"x\" of label 1 is not a finite number")
        #expect(failure("1 5\n1:inf\n") == "p.txt:2: score \"inf\" of label 1 is not a finite number")
        #expect(failure("1 5\n1:0.5 1:0.25\n") == "p.txt:2: label 1 appears twice")
    }

    @Test func metricsOfAFileEqualTheMetricsOfItsRankings() throws {
        // Truth: point 0 has labels {0, 2}, point 1 has {1}, point 2 has none.
        let truth = CSRMatrix(rows: 3, cols: 3, triplets: [(0, 0, 1), (0, 2, 1), (1, 1, 1)])
        let text = "3 3\n0:0.2 2:0.9 1:0.5\n0:0.7 1:0.6\n\n"
        let file = try XCPredictionFile(data: Data(text.utf8), path: "p.txt")
        let metrics = try RankingMetrics(predictions: file, path: "p.txt", truth: truth, maxK: 3)
        let direct = try RankingMetrics(predictions: [[2, 1, 0], [0, 1], []], truth: truth, maxK: 3)
        #expect(metrics == direct)
        #expect(abs(metrics.precision[0] - 1.0 / 3) < 1e-12, "only point 0's best label is right")
        #expect(abs(metrics.precision[1] - 2.0 / 6) < 1e-12)

        let short = try XCPredictionFile(data: Data("2 3\n0:1\n\n".utf8), path: "p.txt")
        #expect(throws: DatasetError(path: "p.txt", message: "has 2 points but the split it is scored against has 3")) {
            try RankingMetrics(predictions: short, path: "p.txt", truth: truth)
        }
        let wide = try XCPredictionFile(data: Data("3 4\n0:1\n\n\n".utf8), path: "p.txt")
        #expect(throws: DatasetError(path: "p.txt", line: 1, message: "declares 4 labels but the dataset has 3")) {
            try RankingMetrics(predictions: wide, path: "p.txt", truth: truth)
        }
    }
}

@Suite struct LineBlockReaderTests {
    @Test func blocksAreWhatHasArrivedAndTheLastLineNeedsNoNewline() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        defer { close(descriptors[0]) }
        func send(_ text: String) { _ = Array(text.utf8).withUnsafeBytes { write(descriptors[1], $0.baseAddress, $0.count) } }
        var reader = LineBlockReader(descriptor: descriptors[0])
        send("one\r\ntwo\nthr")
        #expect(try reader.nextBlock() == ["one", "two"], "what one read returned, CRLF stripped")
        send("ee\n")
        #expect(try reader.nextBlock() == ["three"])
        send("a\nb\nc\nlast")
        #expect(try reader.nextBlock(maxLines: 2) == ["a", "b"])
        #expect(try reader.nextBlock(maxLines: 2) == ["c"])
        close(descriptors[1])
        #expect(try reader.nextBlock() == ["last"])
        #expect(try reader.nextBlock() == nil)
        #expect(reader.linesRead == 7)
    }
}
