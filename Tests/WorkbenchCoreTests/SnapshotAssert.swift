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
