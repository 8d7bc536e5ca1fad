import Foundation
import TestSupport
import Testing
@testable import XMR

/// Issue 18, findings 2, 5 and 6: a save replaces only xmr models, atomically, a kill at either
/// side of the exchange leaves a loadable model, leftovers of dead processes are cleaned, and
/// `model.json` is covered by its own checksum.
@Suite("Model replacement", .serialized)
struct ModelReplacementTests {
    struct Killed: Error {}

    /// A temporary folder and a trained model; `target` (the folder's `m`) holds the model once
    /// saved (the default).
    struct Fixture {
        let tmp: TemporaryFolder
        let model: XRLinearModel
        let x: CSRMatrix
        var target: URL { tmp.url.appendingPathComponent("m") }

        init(seed: UInt64 = 1, saved: Bool = true) throws {
            tmp = try TemporaryFolder()
            (model, x, _) = try XRLinearModelTests.trained(seed: seed)
            if saved { try ModelStore.save(model, to: tmp.url.appendingPathComponent("m")) }
        }

        func remove() { tmp.remove() }
    }

    static func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.sorted()
    }

    @Test("A folder whose model.json is not a valid model is never replaced without force")
    func nonModelFolderIsKept() throws {
        let f = try Fixture(saved: false)
        defer { f.remove() }
        let (tmp, model) = (f.tmp, f.model)
        let d = tmp.url.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: d.appendingPathComponent("model.json"))
        try Data("thesis\n".utf8).write(to: d.appendingPathComponent("notes.txt"))
        do {
            try ModelStore.save(model, to: d)
            Issue.record("replaced a folder that is not a model")
        } catch let error as XRLinearError {
            #expect(error.description.contains("is not an xmr model folder"))
            #expect(error.description.contains("--force"))
        }
        #expect(FileManager.default.fileExists(atPath: d.appendingPathComponent("notes.txt").path))
        #expect(try Self.leftovers(in: tmp.url).isEmpty)
        try ModelStore.save(model, to: d, force: true)
        #expect(try ModelStore.load(from: d).levels == model.levels)
        #expect(!FileManager.default.fileExists(atPath: d.appendingPathComponent("notes.txt").path))
    }

    @Test("A real model folder holding a file of the user's is not replaced either")
    func modelFolderWithUserFile() throws {
        let f = try Fixture()
        defer { f.remove() }
        let (tmp, model, d) = (f.tmp, f.model, f.target)
        try ModelStore.save(model, to: d)       // an xmr model is replaced
        try Data("mine\n".utf8).write(to: d.appendingPathComponent("notes.txt"))
        #expect(throws: XRLinearError.self) { try ModelStore.save(model, to: d) }
        #expect(FileManager.default.fileExists(atPath: d.appendingPathComponent("notes.txt").path))
        let file = tmp.url.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        #expect(throws: XRLinearError.self) { try ModelStore.save(model, to: file, force: true) }
    }

    @Test("A kill just before or just after the exchange leaves a loadable model at the target")
    func killAroundTheExchange() throws {
        let f = try Fixture(seed: 1)
        defer { f.remove() }
        let (tmp, old, x, target) = (f.tmp, f.model, f.x, f.target)
        let (new, _, _) = try XRLinearModelTests.trained(seed: 2)
        #expect(old.levels != new.levels)
        for (point, expected) in [(FaultInjection.Point.modelBeforeReplace, old), (.modelAfterReplace, new)] {
            try ModelStore.save(old, to: target)
            FaultInjection.handler = { if $0 == point { throw Killed() } }
            #expect(throws: Killed.self) { try ModelStore.save(new, to: target) }
            FaultInjection.handler = nil
            let loaded = try ModelStore.load(from: target)
            #expect(loaded.levels == expected.levels, "after a kill at \(point.rawValue)")
            #expect(try loaded.predict(x.row(0)) == expected.predict(x.row(0)))
            let left = try Self.leftovers(in: tmp.url)
            #expect(left.count == 1 && left[0].hasPrefix(".m.tmp-\(getpid())-"))
            // This process is alive, so its leftover is kept; once "dead", the next save removes it.
            let stale = ".m.tmp-\(try deadProcessID())-7"
            try FileManager.default.moveItem(at: tmp.url.appendingPathComponent(left[0]),
                                              to: tmp.url.appendingPathComponent(stale))
            try ModelStore.save(new, to: target)
            #expect(try Self.leftovers(in: tmp.url).isEmpty)
        }
    }

    @Test("The two-rename fallback's old copy is moved back when a kill left no target")
    func fallbackRecovery() throws {
        let f = try Fixture()
        defer { f.remove() }
        let (tmp, model, target) = (f.tmp, f.model, f.target)
        let old = tmp.url.appendingPathComponent(".m.old-\(try deadProcessID())-3")
        try FileManager.default.moveItem(at: target, to: old)
        ModelStore.repairStaleTemporaries(of: "m", in: tmp.url)
        #expect(try ModelStore.load(from: target).levels == model.levels)
        #expect(!FileManager.default.fileExists(atPath: old.path))
        // Leftovers of other names, or of live processes, are left alone.
        let other = tmp.url.appendingPathComponent(".other.tmp-\(try deadProcessID())-1")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        ModelStore.repairStaleTemporaries(of: "m", in: tmp.url)
        #expect(FileManager.default.fileExists(atPath: other.path))
    }

    @Test("model.json is sealed: an edited bias is refused; an unsealed (older) manifest still loads")
    func manifestChecksum() throws {
        let f = try Fixture()
        defer { f.remove() }
        let (model, target) = (f.model, f.target)
        let url = target.appendingPathComponent("model.json")
        let sealed = try String(contentsOf: url, encoding: .utf8)
        #expect(sealed.hasPrefix("{\n  \"manifestCRC32\" : \""))
        #expect(sealed.contains("\"bias\" : 1,"))
        try sealed.replacingOccurrences(of: "\"bias\" : 1,", with: "\"bias\" : 7,").write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try ModelStore.load(from: target)
            Issue.record("an edited model.json loaded")
        } catch let error as XRLinearError {
            #expect(error.description.contains("changed after xmr saved it"))
        }
        // Without the checksum line (as every folder written before it existed): loads.
        let lines = sealed.split(separator: "\n", omittingEmptySubsequences: false)
        try lines.filter { !$0.contains("manifestCRC32") }.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        #expect(try ModelStore.load(from: target).levels == model.levels)
    }

    @Test("model.json naming a file outside its folder is refused")
    func manifestFileNames() throws {
        let f = try Fixture()
        defer { f.remove() }
        let target = f.target
        let url = target.appendingPathComponent("model.json")
        let text = try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("manifestCRC32") }
            .joined(separator: "\n").replacingOccurrences(of: "\"treeFile\" : \"tree.bin\"", with: "\"treeFile\" : \"../tree.bin\"")
        try text.write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: XRLinearError.self) { _ = try ModelStore.load(from: target) }
    }

    @Test("A failed write names the path once, with the system's reason")
    func writeFailureMessage() throws {
        let f = try Fixture(saved: false)
        defer { f.remove() }
        let model = f.model
        let file = try f.tmp.write("plain", "x")
        let target = file.appendingPathComponent("m")
        do {
            try ModelStore.save(model, to: target)
            Issue.record("saved under a plain file")
        } catch let error as XRLinearError {
            // Foundation's own text ("The file “m” couldn't be saved in the folder …") is not repeated.
            #expect(error.description.hasPrefix("\(target.path): cannot write the model: "))
            #expect(error.description.components(separatedBy: "plain").count == 2, "\(error)")
            #expect(!error.description.contains("“"), "\(error)")
        }
    }

    @Test("Leftover names are recognised exactly")
    func leftoverNames() {
        #expect(StaleTemporaries.owner(of: ".m.tmp-123-456", kinds: ["tmp"])?.name == "m")
        #expect(StaleTemporaries.owner(of: ".demo.json.tmp-99", kinds: ["tmp"])?.name == "demo.json")
        #expect(StaleTemporaries.owner(of: ".m.old-5-1", kinds: ["tmp", "old"])?.kind == "old")
        for name in ["m.tmp-1-2", ".m.tmp-", ".m.tmp-1-2-3", ".m.tmp-x", ".tmp-12", ".m.tmp-0", ".m.tmp--1"] {
            #expect(StaleTemporaries.owner(of: name, kinds: ["tmp"]) == nil, "\(name)")
        }
    }
}
