import Foundation
import XMR

/// The `query\trank\tid\tscore` table of `xmr ann search`.
enum AnnNeighbourTable {
    /// One line per neighbour found, queries in order, best first.
    static func text(_ found: ANNSearchResults) -> String {
        var out = ""
        out.reserveCapacity(found.queryCount * found.k * 24)
        for q in 0..<found.queryCount {
            for (rank, neighbour) in found.neighbors(ofQuery: q).enumerated() {
                out += "\(q)\t\(rank + 1)\t\(neighbour.id)\t\(neighbour.score)\n"
            }
        }
        return out
    }

    /// Throws unless `path` is absent, empty, or a neighbour table (which xmr wrote), so that
    /// `--output` never replaces someone else's file.
    static func checkReplaceable(_ path: String) throws {
        guard !path.isEmpty else { throw CommandFailure("--output: the path is empty") }
        try InputFile.checkReplaceable(URL(fileURLWithPath: path), named: path, kind: "a neighbour table") { firstLine in
            let fields = firstLine.split(separator: "\t", omittingEmptySubsequences: false)
            return fields.count == 4 && fields.prefix(3).allSatisfy({ Int($0) != nil }) && Float(fields[3]) != nil
        }
    }

    /// Writes `text` to `path` atomically and durably (`DurableFile`).
    static func write(_ text: String, to path: String) throws {
        do {
            try DurableFile.replace(URL(fileURLWithPath: path), with: Data(text.utf8))
        } catch let failure as DurableFile.Failure {
            throw CommandFailure("\(path): cannot write the file (\(failure.reason))")
        }
    }
}
