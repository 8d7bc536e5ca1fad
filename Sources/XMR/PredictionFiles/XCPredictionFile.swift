import Foundation

/// A prediction file in the Extreme Classification Repository sparse format, from any system.
///
/// A header `points labels`, then one line per point of `label:score` pairs separated by spaces
/// or tabs (0-based label ids, in any order; an empty line is a point without predictions).
/// CRLF line ends and blank lines after the last point are accepted. Each point's ranking is its
/// pairs by descending score (ties by ascending label id). Every problem is a `DatasetError`
/// naming the file and line.
public struct XCPredictionFile: Sendable {
    /// The label count the header declares.
    public var labelCount: Int
    /// Each point's ranked labels, best first.
    public var rankings: [[LabelScore]]

    /// Reads the file at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try InputFile.read(url)
        } catch {
            throw DatasetError(path: url.path, message: "cannot read the file (\(InputFile.reason(error)))")
        }
        try self.init(data: data, path: url.path)
    }

    /// Parses the bytes of a prediction file; `path` names it in errors.
    public init(data: Data, path: String) throws {
        let text = String(decoding: data, as: UTF8.self)
        // "\r\n" is one Character in Swift, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last == "" { lines.removeLast() }
        func fail(_ line: Int, _ message: String) -> DatasetError { DatasetError(path: path, line: line, message: message) }
        func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" }

        guard let headerLine = lines.first else {
            throw DatasetError(path: path, message: "is empty: expected a header line `points labels`")
        }
        let header = headerLine.split(whereSeparator: isBlank)
        guard header.count == 2, let points = Int(header[0]), let labels = Int(header[1]), points >= 0, labels >= 0 else {
            throw fail(1, "bad header \"\(headerLine)\": expected two counts, `points labels`")
        }
        guard labels <= XMCTextFile.maximumCount, points <= XMCTextFile.maximumCount else {
            throw fail(1, "the header's counts are larger than the \(XMCTextFile.maximumCount) supported")
        }
        let body = lines.dropFirst()
        if body.count > points, let extra = body.dropFirst(points).firstIndex(where: { !$0.allSatisfy(isBlank) }) {
            throw fail(extra + 1, "more lines than the \(points) points the header declares")
        }
        guard body.count >= points else {
            throw fail(body.count + 2, "missing: the header declares \(points) points but the file has \(body.count)")
        }
        labelCount = labels
        var rankings: [[LabelScore]] = []
        rankings.reserveCapacity(points)
        var seen = [Int](repeating: -1, count: labels)
        for (k, line) in body.prefix(points).enumerated() {
            let number = k + 2
            var ranking: [LabelScore] = []
            for token in line.split(whereSeparator: isBlank) {
                guard let colon = token.firstIndex(of: ":") else {
                    throw fail(number, "\"\(token)\" is not a label:score pair")
                }
                guard let label = Int(token[..<colon]), label >= 0 else {
                    throw fail(number, "label id \"\(token[..<colon])\" is not a number 0 or more")
                }
                guard label < labels else {
                    throw fail(number, "label id \(label) is not below the header's \(labels) labels")
                }
                guard let score = Self.score(token[token.index(after: colon)...]), score.isFinite else {
                    throw fail(number, "score \"\(token[token.index(after: colon)...])\" of label \(label) is not a finite number")
                }
                guard seen[label] != k else { throw fail(number, "label \(label) appears twice") }
                seen[label] = k
                ranking.append(LabelScore(label: label, score: score))
            }
            ranking.sort { $0.score != $1.score ? $0.score > $1.score : $0.label < $1.label }
            rankings.append(ranking)
        }
        self.rankings = rankings
    }

    /// The number of points.
    public var count: Int { rankings.count }

    /// A decimal score, with the dataset parser's float reading.
    private static func score(_ text: Substring) -> Float? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalFloatParser.parse($0) }
    }
}
