import Foundation

/// Reads `label_graph.txt`: one undirected edge `i j weight` a line, 0-based label ids.
///
/// Blank lines and lines starting with `#` are skipped. A weight must be a finite number above
/// zero; a self loop (`i i w`) or an id outside `0 ..< labelCount` is an error naming the line.
public enum LabelGraphFile {
    /// The file's name in a dataset folder.
    public static let fileName = "label_graph.txt"

    /// Parses the file at `url` for a dataset of `labelCount` labels.
    public static func read(_ url: URL, labelCount: Int) throws -> LabelGraph {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw DatasetError(path: url.path, message: "cannot read the file (\(InputFile.reason(error)))")
        }
        return try parse(text, path: url.path, labelCount: labelCount)
    }

    /// Parses the text of a label graph file; `path` names it in errors.
    public static func parse(_ text: String, path: String, labelCount: Int) throws -> LabelGraph {
        var edges: [(i: Int, j: Int, weight: Float)] = []
        var lineNumber = 0
        // `isNewline` also splits at "\r\n", which Swift treats as one character.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> DatasetError { DatasetError(path: path, line: lineNumber, message: message) }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 3 else { throw fail("expected 'i j weight', found \(fields.count) fields") }
            var ids: [Int] = []
            for field in fields.prefix(2) {
                guard let id = Int(field) else { throw fail("label id '\(field)' is not an integer") }
                guard id >= 0 && id < labelCount else {
                    throw fail("label id \(id) is out of range (the dataset has \(labelCount) labels, ids 0 to \(labelCount - 1))")
                }
                ids.append(id)
            }
            guard let weight = Float(fields[2]), weight.isFinite, weight > 0 else {
                throw fail("bad weight '\(fields[2])': expected a finite number above 0")
            }
            guard ids[0] != ids[1] else { throw fail("self loop on label \(ids[0])") }
            edges.append((ids[0], ids[1], weight))
        }
        return LabelGraph(labelCount: labelCount, edges: edges)
    }
}
