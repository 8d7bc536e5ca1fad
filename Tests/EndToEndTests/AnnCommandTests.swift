import Foundation
import Testing

/// Drives `xmr ann build` and `xmr ann search` on a small XMC feature file.
@Suite("xmr ann build/search")
struct AnnCommandTests {
    /// 60 points in 6 groups: point i has features of group i % 6 with weights that vary by i.
    static func makeVectors(in dir: URL, name: String, count: Int) throws -> URL {
        var lines = ["\(count) 24 1"]
        for i in 0..<count {
            let group = i % 6
            let features = (0..<4).map { "\(group * 4 + $0):\(1 + (i * 7 + $0 * 3) % 5)" }
            lines.append(" " + features.joined(separator: " "))
        }
        let url = dir.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("build then search writes query/rank/id/score rows and JSON times; bad input is refused")
    func buildAndSearch() throws {
        guard XMRExecutable.url != nil else {
            Issue.record("the xmr binary was not built next to the tests")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-ann-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let vectors = try Self.makeVectors(in: dir, name: "x.txt", count: 60)
        let index = dir.appendingPathComponent("x.hnsw").path
        let build = try XMRExecutable.run(["ann", "build", "--input", vectors.path, "--index", index, "--m", "4",
                                           "--ef-construction", "20", "--similarity", "cosine", "--threads", "2", "--json"])
        #expect(build.status == 0, "\(build.stderr)")
        let buildJSON = try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [String: Any]
        #expect(buildJSON?["vectors"] as? Int == 60)
        #expect(buildJSON?["build_seconds"] != nil)

        let out = dir.appendingPathComponent("out.tsv").path
        let search = try XMRExecutable.run(["ann", "search", "--index", index, "--queries", vectors.path, "--k", "3",
                                            "--ef", "20", "--threads", "1", "--output", out, "--json"])
        #expect(search.status == 0, "\(search.stderr)")
        let searchJSON = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any]
        #expect(searchJSON?["search_seconds"] != nil && searchJSON?["queries"] as? Int == 60)
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(rows.count == 180)
        // Each point's best neighbour is itself (cosine 1), ranked first.
        for q in 0..<60 {
            let mine = rows.filter { Int($0[0]) == q }
            #expect(mine.map { Int($0[1])! } == [1, 2, 3])
            #expect(Int(mine[0][2]) == q || abs(Float(mine[0][3])! - 1) < 1e-5)
            #expect(mine.allSatisfy { Int($0[2])! % 6 == q % 6 })
        }
        // Rerunning replaces its own table.
        #expect(try XMRExecutable.run(["ann", "search", "--index", index, "--queries", vectors.path, "--output", out]).status == 0)

        for (flag, value) in [("--k", "0"), ("--ef", "0")] {
            let bad = try XMRExecutable.run(["ann", "search", "--index", index, "--queries", vectors.path, flag, value])
            #expect(bad.status == 2 && bad.stderr.contains("\(flag) must be at least 1"), "\(bad.stderr)")
        }
        let truncated = dir.appendingPathComponent("cut.hnsw")
        try Data(try Data(contentsOf: URL(fileURLWithPath: index)).prefix(300)).write(to: truncated)
        let cut = try XMRExecutable.run(["ann", "search", "--index", truncated.path, "--queries", vectors.path])
        #expect(cut.status == 1 && cut.stderr.contains("cut.hnsw: file is truncated (300 of"), "\(cut.stderr)")
        let notes = dir.appendingPathComponent("notes.txt")
        try "keep".write(to: notes, atomically: true, encoding: .utf8)
        let refused = try XMRExecutable.run(["ann", "search", "--index", index, "--queries", vectors.path, "--output", notes.path])
        #expect(refused.status == 1 && refused.stderr.contains("not replacing it"))
        #expect(try String(contentsOf: notes, encoding: .utf8) == "keep")
    }
}
