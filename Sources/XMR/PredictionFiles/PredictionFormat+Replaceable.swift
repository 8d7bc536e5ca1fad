import Foundation

extension PredictionFormat {
    /// Throws unless `url` is absent, empty, or a prediction file that xmr writes (its first line
    /// is a `tsv` header, a `jsonl` object or an `xc` header), so that an `--output` never
    /// replaces someone else's file.
    public static func checkReplaceable(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
        guard !isDirectory.boolValue else { throw DatasetError(path: url.path, message: "is a folder; not replacing it") }
        do { try InputFile.checkRegularFile(url) } catch {
            throw DatasetError(path: url.path, message: "\(InputFile.reason(error)); not replacing it")
        }
        let head = FileHandle(forReadingAtPath: url.path).flatMap { try? $0.read(upToCount: 4096) } ?? Data()
        guard !head.isEmpty else { return }
        let firstLine = String(decoding: head, as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard isPredictionHeader(firstLine) else {
            throw DatasetError(path: url.path, message: "exists and is not an xmr prediction file; not replacing it")
        }
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
