import Foundation

/// A `*_labels.txt` file: one point a line, its labels separated by blanks, as names or ids.
///
/// A label token is looked up among the label names first and otherwise read as a 0-based id.
/// Repeated labels on a line are merged.
struct LabelListFile {
    /// Sorted, duplicate-free label ids of each line.
    var rows: [[Int32]]
    /// The path, for messages.
    var path: String
    /// The largest id used, or -1 when there is none.
    var largestID: Int

    /// Number of points (lines).
    var count: Int { rows.count }

    /// Resolves the lines of `file`, which must be `count` (see `LineFile.lines(expecting:what:)`);
    /// `labelNames` maps names to ids when the dataset has names.
    init(file: LineFile, expecting count: Int, what: String, labelNames: [String: Int]?) throws {
        path = file.path
        let content = try file.lines(expecting: count, what: what)
        rows = []
        rows.reserveCapacity(content.count)
        largestID = -1
        for (k, line) in content.enumerated() {
            var ids: [Int32] = []
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let id: Int
                if let named = labelNames?[String(token)] {
                    id = named
                } else if let number = Int(token), number >= 0 {
                    guard number < XMCTextFile.maximumCount else {
                        throw DatasetError(path: path, line: k + 1,
                                           message: "label id \(PrintableText.escaped(token)) is more than the \(XMCTextFile.maximumCount) labels supported")
                    }
                    id = number
                } else if token.first == "-", Int(token) != nil {
                    throw DatasetError(path: path, line: k + 1, message: "label id \(PrintableText.escaped(token)) is negative")
                } else if labelNames != nil {
                    throw DatasetError(path: path, line: k + 1, message: "unknown label '\(PrintableText.escaped(token))' (not in label_names.txt and not an id)")
                } else {
                    throw DatasetError(path: path, line: k + 1, message: "label id '\(PrintableText.escaped(token))' is not a number (and there is no label_names.txt)")
                }
                ids.append(Int32(id))
                largestID = max(largestID, id)
            }
            ids.sort()
            var unique: [Int32] = []
            unique.reserveCapacity(ids.count)
            for id in ids where unique.last != id { unique.append(id) }
            rows.append(unique)
        }
    }

    /// Rejects ids at or above `labelCount`, naming the first offending line.
    func check(labelCount: Int) throws {
        guard largestID >= labelCount else { return }
        for (k, row) in rows.enumerated() {
            if let bad = row.last, Int(bad) >= labelCount {
                throw DatasetError(path: path, line: k + 1,
                                   message: "label id \(bad) is out of range: the dataset has \(labelCount) labels")
            }
        }
    }

    /// Rejects a line whose labels differ from the same point's labels in `matrix`.
    func checkSame(as matrix: CSRMatrix, what: String) throws {
        if rows.count != matrix.rows {
            let line = min(rows.count, matrix.rows) + 1
            throw DatasetError(path: path, line: line,
                               message: "the file has \(rows.count) lines, but \(what) has \(matrix.rows) points")
        }
        for (k, row) in rows.enumerated() {
            let stored = matrix.columnIndices[matrix.range(ofRow: k)]
            if !row.elementsEqual(stored) {
                throw DatasetError(path: path, line: k + 1,
                                   message: "these labels differ from those of point \(k) in \(what)")
            }
        }
    }

    /// The label matrix (value 1 for each label) with `labelCount` columns.
    func matrix(labelCount: Int) -> CSRMatrix {
        var pointers = [0]
        pointers.reserveCapacity(rows.count + 1)
        var indices: [Int32] = []
        for row in rows {
            indices.append(contentsOf: row)
            pointers.append(indices.count)
        }
        return CSRMatrix(rows: rows.count, cols: labelCount, rowPointers: pointers, columnIndices: indices,
                         values: [Float](repeating: 1, count: indices.count))
    }
}
