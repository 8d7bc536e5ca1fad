import Foundation
import WorkbenchCore
import XMR

/// Plain-text reports of sessions for `xmr sessions list` and `show`.
enum SessionReport {
    /// The table of `xmr sessions list`.
    static func listing(_ listing: [SessionListing], last: String?, directory: String) -> String {
        var rows = [["", "session", "runs", "best P@1", "saved", "dataset"]]
        for entry in listing {
            let mark = entry.name == last ? "*" : ""
            if let session = entry.session {
                rows.append([mark, entry.name, "\(session.runs.count)", entry.bestPrecisionAt1.map(decimal) ?? "-",
                             date(session.savedAt), session.datasetPath])
            } else {
                rows.append([mark, entry.name, "-", "-", "-", "unreadable: \(entry.problem ?? "?")"])
            }
        }
        var lines = table(rows, rightAligned: [2, 3])
        lines.append("")
        lines.append("Sessions in \(directory)" + (last == nil ? "." : "; * = the one plain xmr reopens."))
        return lines.joined(separator: "\n")
    }

    /// The report of `xmr sessions show`.
    static func details(_ session: WorkbenchSession, file: String) -> String {
        let p = session.parameters
        var lines = [
            "Session \(session.name) (\(file))",
            "dataset     \(session.datasetPath)",
            "saved       \(date(session.savedAt)) (created \(date(session.createdAt)))",
            "parameters  \(parameters(p))",
            "queries     \(session.queryHistory.count) in the history"
                + (session.queryHistory.last.map { ", last \"\($0)\"" } ?? ""),
        ]
        if let current = session.currentRun { lines.append("loaded      run \(current)") }
        lines.append("")
        guard !session.runs.isEmpty else {
            lines.append("No runs yet.")
            return lines.joined(separator: "\n")
        }
        var rows = [["run", "B", "leaf/depth", "beam", "C", "P@1", "P@3", "P@5", "R@5", "nDCG@5", "PSP@5", "train",
                     "predict", "size", "model"]]
        for run in session.runs {
            let q = run.parameters, m = run.metrics
            rows.append(["\(run.number)", "\(q.indexer.branching)",
                         q.indexer.depth.map { "depth \($0)" } ?? "leaf \(q.indexer.maxLeafSize)",
                         "\(q.matcher.beamWidth)", number(q.ranker.c), decimal(m.precisionAt1), decimal(m.precisionAt3),
                         decimal(m.precisionAt5), decimal(m.recallAt5), decimal(m.ndcgAt5), m.pspAt5.map(decimal) ?? "-",
                         String(format: "%.1fs", run.trainingSeconds),
                         String(format: "%.2fms", run.predictMillisecondsPerPoint), bytes(run.modelBytes), run.modelFolder])
        }
        lines += table(rows, rightAligned: Set(0...13).subtracting([2]))
        for run in session.runs {
            for (i, sweep) in run.sweeps.enumerated() {
                lines.append("")
                lines.append("Beam-width sweep \(i + 1) of run \(run.number) (\(sweep.evaluatedPoints) points, latency over "
                             + "\(sweep.timedPoints) single-thread queries):")
                var sweepRows = [["beam", "P@1", "P@5", "ms/query", "median"]]
                for point in sweep.points {
                    sweepRows.append(["\(point.beamWidth)", decimal(point.precisionAt1), decimal(point.precisionAt5),
                                      String(format: "%.3f", point.latencyMilliseconds),
                                      String(format: "%.3f", point.medianLatencyMilliseconds)])
                }
                lines += table(sweepRows, rightAligned: [0, 1, 2, 3, 4]).map { "  " + $0 }
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The form's parameters on one line.
    static func parameters(_ p: Pipeline) -> String {
        let shape = p.indexer.depth.map { "depth \($0)" } ?? "max leaf \(p.indexer.maxLeafSize)"
        let tree = p.indexer.labelTree.map { "label tree \($0), " } ?? ""
        return "B \(p.indexer.branching), \(shape), beam \(p.matcher.beamWidth), top-k \(p.ranker.topK), "
            + "\(p.representation.algorithm.rawValue), \(p.indexer.algorithm.rawValue), \(tree)\(p.matcher.algorithm.rawValue), "
            + "\(p.ranker.solver.rawValue), C \(number(p.ranker.c)), threshold \(number(p.ranker.threshold)), "
            + "\(p.ranker.negatives.rawValue), seed \(p.seed), threads \(p.threads)"
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    static func decimal(_ value: Double) -> String { String(format: "%.3f", value) }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20 { return String(format: "%.1f MB", Double(count) / Double(1 << 20)) }
        if count >= 1 << 10 { return String(format: "%.0f kB", Double(count) / Double(1 << 10)) }
        return "\(count) B"
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
