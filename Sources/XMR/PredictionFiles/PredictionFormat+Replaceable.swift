import Foundation

extension PredictionFormat {
    /// Throws unless `url` is absent, empty, or a prediction file that xmr writes (its first line
    /// is a `tsv` header, a `jsonl` object or an `xc` header), so that an `--output` never
    /// replaces someone else's file.
    public static func checkReplaceable(_ url: URL) throws {
        try InputFile.checkReplaceable(url, kind: "an xmr prediction file", isOurs: isPredictionHeader)
    }

    /// Whether `line` can be the first line of a file one of the formats' writers made.
    static func isPredictionHeader(_ line: Substring) -> Bool {
        if line == "point\trank\tlabel_id\tlabel_name\tscore" || line == "point\trank\tlabel_id\tlabel_name\tscore\tprobability" {
            return true
        }
        if line.hasPrefix("{\"labels\":[") { return true }
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        return fields.count == 2 && fields.allSatisfy { Int($0).map { $0 >= 0 } ?? false }
    }
}
