import Foundation

/// A label hierarchy file: line i holds label i's group path, levels separated by `/`
/// (`interface` or `devel/lang`). Labels that share a path prefix share a node.
public struct LabelTreeFile: Sendable, Equatable {
    /// `paths[i]`: the groups of label i, top first (never empty, no empty level).
    public var paths: [[String]]

    /// Parses the file at `url` for `labelCount` labels; errors name the file and line.
    public static func read(_ url: URL, labelCount: Int) throws -> LabelTreeFile {
        let file = url.path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw XRLinearError.invalidParameter(name: "label-tree", message: "\(file): cannot read the file")
        }
        return try parse(data, file: file, labelCount: labelCount)
    }

    /// Parses the bytes of a label tree file called `file` for `labelCount` labels.
    public static func parse(_ data: Data, file: String, labelCount: Int) throws -> LabelTreeFile {
        func fail(_ line: Int, _ message: String) -> XRLinearError {
            .invalidInput("\(file):\(line): \(message)")
        }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard lines.count == labelCount else {
            throw fail(min(lines.count, labelCount) + 1, lines.count < labelCount
                ? "the file ends after \(lines.count) lines; expected one group path per label (\(labelCount) lines)"
                : "line beyond the \(labelCount) labels; expected one group path per label (\(labelCount) lines)")
        }
        var paths: [[String]] = []
        paths.reserveCapacity(labelCount)
        for (i, bytes) in lines.enumerated() {
            var line = Data(bytes)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard let text = String(data: line, encoding: .utf8) else {
                throw fail(i + 1, "the group path is not valid UTF-8")
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw fail(i + 1, "empty group path for label \(i)") }
            let levels = trimmed.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !levels.contains(where: \.isEmpty) else {
                throw fail(i + 1, "empty level in the group path '\(trimmed)'")
            }
            paths.append(levels)
        }
        return LabelTreeFile(paths: paths)
    }
}
