import Foundation
import Testing

/// Drives `xmr sessions list/show/delete` on a sessions directory given by XMR_SESSIONS_DIR.
@Suite("xmr sessions")
struct SessionsCommandTests {
    /// Runs `xmr` with `arguments` on the sessions directory `sessions`.
    static func run(_ arguments: [String], sessions: URL) throws -> XMRExecutable.Output {
        try XMRExecutable.run(arguments, environment: ["XMR_SESSIONS_DIR": sessions.path])
    }

    /// A hand-written session file: two runs, the second with a beam sweep; parameters give only
    /// the keys that differ from the defaults.
    static let sessionJSON = """
        {"formatVersion": 1, "name": "demo", "datasetPath": "../sample-data/debtags-small",
         "parameters": {"branching": 8}, "currentRun": 2, "nextRunNumber": 3, "queryHistory": ["python xml"],
         "createdAt": "2026-11-26T00:00:00Z", "savedAt": "2026-11-26T00:10:00Z",
         "runs": [
          {"number": 1, "parameters": {"branching": 4}, "metrics": {"precisionAt1": 0.61, "precisionAt3": 0.5,
            "precisionAt5": 0.4, "recallAt5": 0.3, "ndcgAt5": 0.45, "pspAt5": 0.2, "evaluatedPoints": 800,
            "evaluatedOnTest": true}, "trainingSeconds": 2.5, "predictSeconds": 0.1, "modelBytes": 2000000,
           "weightCount": 10, "treeShape": [1, 4, 598], "modelFolder": "demo/run-1",
           "finishedAt": "2026-11-26T00:05:00Z", "sweeps": []},
          {"number": 2, "parameters": {"branching": 16}, "metrics": {"precisionAt1": 0.65, "precisionAt3": 0.5,
            "precisionAt5": 0.4, "recallAt5": 0.3, "ndcgAt5": 0.45, "evaluatedPoints": 800, "evaluatedOnTest": true},
           "trainingSeconds": 2.5, "predictSeconds": 0.1, "modelBytes": 2000000, "weightCount": 10,
           "treeShape": [1, 16, 598], "modelFolder": "demo/run-2", "finishedAt": "2026-11-26T00:08:00Z",
           "sweeps": [{"evaluatedPoints": 800, "timedPoints": 800, "points": [
             {"beamWidth": 1, "precisionAt1": 0.6, "precisionAt5": 0.3, "latencyMilliseconds": 0.05,
              "medianLatencyMilliseconds": 0.04},
             {"beamWidth": 8, "precisionAt1": 0.65, "precisionAt5": 0.4, "latencyMilliseconds": 0.2,
              "medianLatencyMilliseconds": 0.18}]}]}]}
        """

    @Test("list, show (text and JSON) and delete; bad names and broken files are one-line errors")
    func listShowDelete() throws {
        guard XMRExecutable.url != nil else {
            Issue.record("the xmr binary was not built next to the tests")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-sessions-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("demo/run-1"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.sessionJSON.utf8).write(to: dir.appendingPathComponent("demo.json"))
        try Data("{\"formatVersion\": 1, \"runs\": [".utf8).write(to: dir.appendingPathComponent("broken.json"))

        let list = try Self.run(["sessions", "list"], sessions: dir)
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("demo") && $0.contains("0.650") && $0.contains("../sample-data/debtags-small") })
        #expect(lines.contains { $0.contains("broken") && $0.contains("broken.json: not a valid session file") })

        let show = try Self.run(["sessions", "show", "demo"], sessions: dir)
        #expect(show.status == 0)
        #expect(show.stdout.contains("parameters  B 8, max leaf 100"))
        #expect(show.stdout.contains("demo/run-2"))
        #expect(show.stdout.contains("Beam-width sweep 1 of run 2"))

        let json = try Self.run(["sessions", "show", "demo", "--json"], sessions: dir)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let runs = object?["runs"] as? [[String: Any]]
        #expect(runs?.count == 2)
        #expect((runs?.last?["sweeps"] as? [Any])?.count == 1)
        #expect(object?["saved_at"] as? String == "2026-11-26T00:10:00Z", "snake_case, like every command's --json")

        let broken = try Self.run(["sessions", "show", "broken"], sessions: dir)
        #expect(broken.status == 1)
        #expect(broken.stderr.hasPrefix("xmr: "))
        #expect(broken.stderr.hasSuffix("broken.json: not a valid session file (not valid JSON)\n"))
        let badName = try Self.run(["sessions", "show", "../etc"], sessions: dir)
        #expect(badName.status == 1)
        #expect(badName.stderr == "xmr: invalid session name \"../etc\": it must not contain a slash\n")

        let delete = try Self.run(["sessions", "delete", "demo"], sessions: dir)
        #expect(delete.status == 0)
        #expect(delete.stdout.contains("Deleted session demo"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo.json").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("demo").path))
        let again = try Self.run(["sessions", "delete", "demo"], sessions: dir)
        #expect(again.status == 1)
        #expect(again.stderr.contains("no session named demo"))
    }
}
