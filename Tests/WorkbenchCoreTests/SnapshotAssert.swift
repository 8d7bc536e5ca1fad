import Foundation
import Testing
@testable import WorkbenchCore

/// Compares rendered screens with golden text files in `Snapshots/`; `RECORD_SNAPSHOTS=1` rewrites them.
enum SnapshotAssert {
    /// The source folder of the golden files (recording writes here, next to this file).
    static func directory(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    /// Expects `buffer`'s text to equal the snapshot `name`, printing a line diff when it does not.
    static func check(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = buffer.renderedText() + "\n"
        let url = directory().appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        if record {
            try? FileManager.default.createDirectory(at: directory(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt; run with RECORD_SNAPSHOTS=1 to record it:\n\(actual)",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("snapshot \(name) differs (RECORD_SNAPSHOTS=1 re-records):\n\(diff(expected, actual))",
                         sourceLocation: sourceLocation)
        }
    }

    /// A simple line diff: "-" expected, "+" actual, for every line that differs.
    static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(a.count, b.count) {
            let left = i < a.count ? a[i] : "<none>", right = i < b.count ? b[i] : "<none>"
            if left != right {
                out.append(String(format: "%3d - %@", i + 1, left))
                out.append(String(format: "%3d + %@", i + 1, right))
            }
        }
        return out.joined(separator: "\n")
    }
}

extension SnapshotAssert {
    /// One letter per cell saying how it is drawn: `R` reverse, `g` good (green), `r` bad (red),
    /// `a` accent, `w` warning, `m` muted, `d` dim, `b` bold, `.` plain, ` ` a blank plain cell.
    static func styleMask(_ buffer: ScreenBuffer) -> String {
        (0..<buffer.height).map { y in
            String((0..<buffer.width).map { x -> Character in
                let cell = buffer[x, y]
                let style = cell.style
                if style.reverse { return "R" }
                switch style.role {
                case .good: return "g"
                case .bad: return "r"
                case .accent: return "a"
                case .warning: return "w"
                case .muted: return "m"
                case .normal: break
                }
                if style.dim { return "d" }
                if style.bold { return "b" }
                return cell.character == " " ? " " : "."
            })
        }.joined(separator: "\n")
    }

    /// Expects the text and the style mask of `buffer` to equal the snapshots `name` and `name-styles`.
    static func checkWithStyles(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        check(buffer, named: name, sourceLocation: sourceLocation)
        var mask = ScreenBuffer(width: buffer.width, height: buffer.height)
        for (y, line) in styleMask(buffer).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            mask.write(String(line), x: 0, y: y)
        }
        check(mask, named: name + "-styles", sourceLocation: sourceLocation)
    }
}
