import Foundation
import Testing
@testable import XMR

@Suite("Reading an XMC text file block by block")
struct XMCTextBlockReaderTests {
    static func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-blocks-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("Blocks of any size give exactly the rows of the whole file")
    func blocksEqualWholeFile() throws {
        var lines = ["10 6 4"]
        for i in 0..<10 { lines.append("\(i % 4),\((i + 1) % 4) \(i % 6):0.5 \((i + 2) % 6):\(Float(i) / 4)") }
        let url = try Self.write(lines.joined(separator: "\n") + "\n\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = try XMCTextFile(contentsOf: url)
        for size in [1, 3, 10, 64] {
            var reader = try XMCTextBlockReader(contentsOf: url)
            #expect(reader.pointCount == 10 && reader.featureCount == 6 && reader.labelCount == 4)
            var rows: [SparseVector] = [], labels: [SparseVector] = []
            while let block = try reader.nextBlock(maxPoints: size) {
                #expect(block.count <= size)
                rows += (0..<block.count).map { block.features.row($0) }
                labels += (0..<block.count).map { block.labels.row($0) }
            }
            #expect(rows == (0..<10).map { whole.features.row($0) } && labels == (0..<10).map { whole.labels.row($0) })
            #expect(try reader.nextBlock() == nil && reader.pointsRead == 10)
        }
    }

    @Test("A bad line in a later block is an error naming the file and the line")
    func laterBlockError() throws {
        let url = try Self.write("3 4 2\n0 1:1\n1 2:1\n0 9:1\n")
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try XMCTextBlockReader(contentsOf: url)
        #expect(try reader.nextBlock(maxPoints: 2)?.count == 2)
        #expect { _ = try reader.nextBlock(maxPoints: 2) } throws: { error in
            "\(error)".hasPrefix("\(url.path):4:")
        }
        let short = try Self.write("3 4 2\n0 1:1\n")
        defer { try? FileManager.default.removeItem(at: short) }
        var truncated = try XMCTextBlockReader(contentsOf: short)
        #expect(throws: DatasetError.self) { while try truncated.nextBlock(maxPoints: 1) != nil {} }
    }
}
