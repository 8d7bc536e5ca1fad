import Foundation
import Testing
@testable import XMR

/// Issue 18, findings 4 and 7: sizes from input are checked before allocation, and bad input
/// gets a one-line message at the right line, with control bytes escaped.
@Suite("Input safety")
struct InputSafetyTests {
    static func parse(_ text: String) throws -> XMCTextFile {
        try XMCTextFile(data: Data(text.utf8), path: "t.txt")
    }

    static func failure(_ bytes: [UInt8]) -> DatasetError? {
        do {
            _ = try XMCTextFile(data: Data(bytes), path: "t.txt")
            return nil
        } catch {
            return error as? DatasetError
        }
    }

    @Test("A header declaring 100M labels for a 300-byte file is refused before allocating")
    func hugeHeaderCounts() throws {
        let error = Self.failure(Array("6 100000000 100000000\n".utf8) + Array("0 1:1\n".utf8) * 6)
        #expect(error?.line == 1)
        #expect(error?.message.contains("declares 100000000") == true)
        // A large declared space is fine when the points use ids that far up.
        let spread = try Self.parse("2 2000000 3\n0 1999999:1\n2 5:1\n")
        #expect(spread.features.cols == 2_000_000)
    }

    @Test("A header declaring more points than the file has bytes is refused at line 1")
    func morePointsThanBytes() {
        let error = Self.failure(Array("2000000000 4 4\n0 1:1\n".utf8))
        #expect(error?.line == 1)
        #expect(error?.message.contains("2000000000 points") == true)
    }

    @Test("A label list ending in a comma at the end of the file is an error, read in bounds")
    func trailingCommaAtEndOfFile() {
        // Found by the xmc-text fuzzer: parseID read one byte past the buffer here.
        let error = Self.failure(Array("2 4 3\n0 0:1\n1,".utf8))
        #expect(error?.line == 3)
        #expect(error?.message == "missing label id")
    }

    @Test("1:1<NUL>5 is not the number 1")
    func nulInsideValue() {
        let error = Self.failure(Array("1 4 2\n0 1:1".utf8) + [0] + Array("5\n".utf8))
        #expect(error?.line == 2)
        #expect(error?.message.contains("is not a number") == true)
        #expect(error?.description.contains("\\u{0}") == true)
    }

    @Test("Control bytes from the file are escaped in messages")
    func controlBytesEscaped() {
        let error = Self.failure(Array("1 4 2\n0 1:\u{1B}[31mred\n".utf8))
        let text = error?.description ?? ""
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
        #expect(text.contains("\\u{1B}[31mred"))
    }

    @Test("A UTF-8 byte-order mark is skipped, in XMC files and line files")
    func byteOrderMark() throws {
        let file = try XMCTextFile(data: Data([0xEF, 0xBB, 0xBF] + Array("1 3 2\n1 2:1\n".utf8)), path: "t.txt")
        #expect(file.count == 1 && file.labels.columnIndices == [1])
        let lines = LineFile(data: Data([0xEF, 0xBB, 0xBF] + Array("alpha\nbeta\n".utf8)), path: "names.txt")
        #expect(lines.lines == ["alpha", "beta"])
    }

    @Test("An empty line among the points is reported at its own line")
    func emptyLineMidFile() {
        let error = Self.failure(Array("3 4 2\n0 1:1\n\n1 2:1\n0 3:1\n".utf8))
        #expect(error?.line == 3)
        #expect(error?.message.hasPrefix("empty line") == true)
        let lines = LineFile(data: Data("a\n\nb\nc\n".utf8), path: "texts.txt")
        #expect(throws: DatasetError(path: "texts.txt", line: 2,
                                     message: "empty line, and the file has 4 lines where 3 are expected (x): a stray blank line?")) {
            _ = try lines.lines(expecting: 3, what: "x")
        }
    }

    @Test("A folder, a FIFO and /dev/zero where a file should be get plain messages, without hanging")
    func notRegularFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("train.txt"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: DatasetError(path: dir.appendingPathComponent("train.txt").path, message: "is a folder, not a file")) {
            _ = try XMCTextFile(contentsOf: dir.appendingPathComponent("train.txt"))
        }
        let fifo = dir.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(throws: DatasetError(path: fifo.path, message: "is a FIFO (named pipe), not a regular file")) {
            _ = try LineFile(contentsOf: fifo)
        }
        #expect(throws: DatasetError(path: "/dev/zero", message: "is a device, not a regular file")) {
            _ = try XMCTextFile(contentsOf: URL(fileURLWithPath: "/dev/zero"))
        }
        #expect(throws: DatasetError(path: dir.appendingPathComponent("none").path, message: "no such file")) {
            _ = try XMCTextFile(contentsOf: dir.appendingPathComponent("none"))
        }
    }

    @Test("Beam width and top-k of 10^9 are capped by the number of labels")
    func hugeBeamAndTopK() throws {
        let (model, x, _) = try XRLinearModelTests.trained()
        let trained = TrainedModel(model, vectorizer: nil)
        #expect(trained.effectiveBeamWidth(1_000_000_000) == model.labelCount)
        #expect(trained.effectiveTopK(1_000_000_000) == model.labelCount)
        let one = try model.predict(x.row(0), beamWidth: 1_000_000_000, topK: 1_000_000_000)
        #expect(one.count <= model.labelCount && !one.isEmpty)
        let batch = try model.predictBatch(x.selectingRows([0, 1]), beamWidth: 1_000_000_000, topK: 1_000_000_000, threads: 1)
        #expect(batch.rankings.allSatisfy { $0.count <= model.labelCount })
        var stored = model
        stored.parameters.matcher.beamWidth = 1_000_000_000
        stored.parameters.ranker.topK = Int.max
        #expect(try stored.predict(x.row(0)).count <= model.labelCount)
    }
}

private func * (bytes: [UInt8], times: Int) -> [UInt8] {
    Array((0..<times).map { _ in bytes }.joined())
}
