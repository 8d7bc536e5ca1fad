import Foundation
import Testing
@testable import XMR

@Suite struct XMCTextFileTests {
    /// Parses `text` as a file named `t.txt`.
    func parse(_ text: String) throws -> XMCTextFile {
        try XMCTextFile(data: Data(text.utf8), path: "t.txt")
    }

    /// The error that parsing `text` throws.
    func failure(_ text: String) -> DatasetError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as DatasetError {
            return error
        } catch {
            return nil
        }
    }

    @Test func readsLabelsAndFeatures() throws {
        let file = try parse("3 5 4\n2,0 4:0.5 1:2\n 3:1.5\n1,1\n")
        #expect(file.count == 3)
        #expect(file.features.toDense() == [[0, 2, 0, 0, 0.5], [0, 0, 0, 1.5, 0], [0, 0, 0, 0, 0]])
        #expect(file.labels.toDense() == [[1, 0, 1, 0], [0, 0, 0, 0], [0, 1, 0, 0]])
        #expect(file.features.columnIndices == [1, 4, 3], "features of a line are sorted")
        #expect(file.labels.columnIndices == [0, 2, 1], "labels sorted, the repeated label 1 merged")
    }

    @Test func acceptsLooseForms() throws {
        let canonical = try parse("4 3 2\n0 0:1 2:0.25\n 1:3\n1\n\n")
        let loose = [
            "4 3 2\r\n0 0:1 2:0.25\r\n 1:3\r\n1\r\n\r\n",          // CRLF
            "4 3 2 \n0 0:1  2:0.25  \n 1:3 \n1 \n \n",               // trailing and double spaces
            "4 3 2\n0 0:1 2:0.25\n 1:3\n1\n\n\n\n",                  // blank lines after the last point
            "4 3 2\n0\t0:1\t2:0.25\n\t1:3\n1\n\n",                   // tabs
            "4 3 2\n0 2:0.25 0:1\n1:3\n1\n\n",                       // unsorted; no-label line without the space
            "4\t3\t2\n0 0:1.0 2:2.5e-1\n 1:+3\n1\n\n",                // other spellings of the numbers
        ]
        for text in loose {
            #expect(try parse(text) == canonical, "\(text.debugDescription)")
        }
        #expect(canonical.labels.nonzeros(inRow: 1) == 0 && canonical.features.nonzeros(inRow: 2) == 0)
        #expect(canonical.features.nonzeros(inRow: 3) == 0 && canonical.labels.nonzeros(inRow: 3) == 0)
    }

    @Test func writeThenReadGivesTheSameMatrices() throws {
        var generator = SplitMix64(seed: 7)
        var triplets: [(row: Int, col: Int, value: Float)] = []
        var labelTriplets: [(row: Int, col: Int, value: Float)] = []
        for row in 0..<200 {
            for col in 0..<300 where generator.next() % 20 == 0 {
                let bits = UInt32(truncatingIfNeeded: generator.next())
                var value = Float(bitPattern: bits & 0x7FFF_FFFF)   // every finite magnitude
                if !value.isFinite { value = 1 }
                if generator.next() % 2 == 0 { value = -value }
                if generator.next() % 10 == 0 { value = Float(generator.next() % 1000) / 8 }
                triplets.append((row, col, value))
            }
            for col in 0..<50 where generator.next() % 10 == 0 { labelTriplets.append((row, col, 1)) }
        }
        let file = XMCTextFile(features: CSRMatrix(rows: 200, cols: 300, triplets: triplets),
                               labels: CSRMatrix(rows: 200, cols: 50, triplets: labelTriplets))
        let text = file.encoded()
        let back = try XMCTextFile(data: text, path: "round.txt")
        #expect(back == file)
        #expect(back.features.values.map(\.bitPattern) == file.features.values.map(\.bitPattern))
        #expect(back.encoded() == text)
    }

    @Test func readThenWriteGivesTheSameText() throws {
        let canonical = "5 6 3\n0,2 1:0.5 5:1e-05\n 0:-2 3:1\n1\n\n2 4:3.4028235e+38 5:0.0920928\n"
        #expect(String(decoding: try parse(canonical).encoded(), as: UTF8.self) == canonical)
    }

    @Test func writesAtomicallyAndReadsFromDisk() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try parse("2 3 2\n1 0:1 2:0.5\n 1:2\n")
        let url = folder.url.appendingPathComponent("out.txt")
        try file.write(to: url)
        #expect(try XMCTextFile(contentsOf: url) == file)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.txt"])
    }

    @Test(arguments: [
        ("2 3\n0 0:1\n1 1:1\n", 1, "bad header"),
        ("two 3 2\n0 0:1\n", 1, "bad header"),
        ("", 1, "bad header"),
        ("3 3 2\n0 0:1\n1 1:1\n", 4, "ends after 2 points"),
        ("2000000000 3 2\n0 0:1\n", 1, "it declares 2000000000 points, but the rest of the file has only 6 bytes"),
        ("1 3 150000000\n0 0:1\n", 1, "150000000 labels is more than the 100000000 supported"),
        ("1 3 2\n0 0:1\n1 1:1\n", 3, "more points"),
        ("2 3 2\n0 0:1\n-1 1:1\n", 3, "label id -1 is negative"),
        ("2 3 2\n0 0:1\nx 1:1\n", 3, "label id 'x' is not a number"),
        ("2 3 2\n0 0:1\n2 1:1\n", 3, "label id 2 is out of range"),
        ("2 3 2\n0,,1 0:1\n1 1:1\n", 2, "missing label id"),
        ("2 3 2\n0 -4:1\n1 1:1\n", 2, "feature id -4 is negative"),
        ("2 3 2\n0 a:1\n1 1:1\n", 2, "feature id 'a' is not a number"),
        ("2 3 2\n0 3:1\n1 1:1\n", 2, "feature id 3 is out of range"),
        ("2 3 2\n0 0:1\n1 99999999999:1\n", 3, "feature id 99999999999 is out of range"),
        ("2 3 2\n0 0:1\n1 1\n", 3, "not of the form id:value"),
        ("2 3 2\n0 0:1\n1 1:zz\n", 3, "value 'zz' of feature 1 is not a number"),
        ("2 3 2\n0 0:nan\n1 1:1\n", 2, "not finite"),
        ("2 3 2\n0 0:inf\n1 1:1\n", 2, "not finite"),
        ("2 3 2\n0 0:1e39\n1 1:1\n", 2, "not finite"),
        ("2 3 2\n0 0:1 0:2\n1 1:1\n", 2, "feature id 0 appears twice"),
        ("2 3 2\n0 2:1 0:1 2:2\n1 1:1\n", 2, "feature id 2 appears twice"),
    ])
    func rejectsBadInput(text: String, line: Int, message: String) {
        let error = failure(text)
        #expect(error != nil, "\(text.debugDescription) should be rejected")
        guard let error else { return }
        #expect(error.line == line)
        #expect(error.description.hasPrefix("t.txt:\(line): "), "\(error)")
        #expect(error.description.contains(message), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func missingFileNamesThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/x/train.txt")
        #expect {
            _ = try XMCTextFile(contentsOf: url)
        } throws: { error in
            (error as? DatasetError)?.description == "/nonexistent/x/train.txt: no such file"
        }
    }
}
