import Foundation
import Testing
import TestSupport
@testable import XMR

@Suite("Durable writes: every replaced file is whole, old or new; --output never replaces a foreign file")
struct DurableFileTests {
    struct Interrupted: Error {}

    @Test("replace creates and replaces a file and leaves no temporary behind")
    func replaces() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("a.bin")
        try DurableFile.replace(file, with: Data("first".utf8))
        #expect(try Data(contentsOf: file) == Data("first".utf8))
        try DurableFile.replace(file, with: Data(repeating: 7, count: 100_001))
        #expect(try Data(contentsOf: file) == Data(repeating: 7, count: 100_001))
        try DurableFile.replace(file, with: Data())
        #expect(try Data(contentsOf: file).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["a.bin"])
    }

    @Test("a throw half way or before the rename leaves the old file whole; the next write removes a dead process's leftover")
    func interruptions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("a.bin")
        try DurableFile.replace(file, with: Data("old".utf8))
        #expect(throws: Interrupted.self) { try DurableFile.replace(file, with: Data("new bytes".utf8), midway: { throw Interrupted() }) }
        #expect(throws: Interrupted.self) { try DurableFile.replace(file, with: Data("new bytes".utf8), beforeRename: { throw Interrupted() }) }
        #expect(try Data(contentsOf: file) == Data("old".utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0 != "a.bin" }
        #expect(left.count == 2 && left.allSatisfy { $0.hasPrefix(".a.bin.tmp-\(getpid())-") }, "\(left)")
        // As if the interrupted process had died: its leftovers go with the next write; a live one's and other files' stay.
        let dead = try deadProcessID()
        for (i, name) in left.enumerated() {
            try FileManager.default.moveItem(at: folder.url.appendingPathComponent(name),
                                             to: folder.url.appendingPathComponent(".a.bin.tmp-\(dead)-\(i)"))
        }
        try Data().write(to: folder.url.appendingPathComponent(".a.bin.tmp-1-5"))     // pid 1 is alive
        try Data().write(to: folder.url.appendingPathComponent(".b.bin.tmp-\(dead)-5")) // another file's
        try DurableFile.replace(file, with: Data("new".utf8))
        #expect(try Data(contentsOf: file) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
                == [".a.bin.tmp-1-5", ".b.bin.tmp-\(dead)-5", "a.bin"])
    }

    @Test("create refuses an existing file, and a write into a missing folder fails with the system's reason")
    func failures() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("a.bin")
        try DurableFile.create(file, with: Data("mine".utf8))
        #expect(throws: DurableFile.Failure.self) { try DurableFile.create(file, with: Data("other".utf8)) }
        #expect(try Data(contentsOf: file) == Data("mine".utf8))
        let missing = folder.url.appendingPathComponent("no-such-folder/a.bin")
        do {
            try DurableFile.replace(missing, with: Data("x".utf8))
            Issue.record("a write into a missing folder succeeded")
        } catch let failure as DurableFile.Failure {
            #expect(failure.reason.contains("No such file"), "\(failure.reason)")
        }
    }

    @Test("a prediction output may replace nothing but an xmr prediction file (or an empty one)")
    func predictionOutputs() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func check(_ name: String, _ text: String?) -> Bool {
            let url = folder.url.appendingPathComponent(name)
            if let text { try? Data(text.utf8).write(to: url) }
            return (try? PredictionFormat.checkReplaceable(url)) != nil
        }
        #expect(check("absent", nil))
        #expect(check("empty", ""))
        #expect(check("out.xc", "3 598\n12:0.9 5:0.1\n"))
        #expect(check("out.tsv", "point\trank\tlabel_id\tlabel_name\tscore\n0\t1\t12\tx\t0.9\n"))
        #expect(check("out.tsv2", "point\trank\tlabel_id\tlabel_name\tscore\tprobability\n"))
        #expect(check("out.jsonl", "{\"labels\":[{\"label\":12}],\"point\":0}\n"))
        #expect(!check("train.txt", "3 100 598\n1,2 4:0.5\n"), "an XC dataset file (three header fields)")
        #expect(!check("notes.txt", "my notes\n"))
        #expect(!check("json", "{\"other\":1}\n"))
        #expect(throws: DatasetError.self) { try PredictionFormat.checkReplaceable(folder.url) }
    }
}
