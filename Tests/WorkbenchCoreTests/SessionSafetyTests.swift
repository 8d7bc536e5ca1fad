import Foundation
import Testing
import TestSupport
import XMR
@testable import WorkbenchCore

/// A sessions directory with a sibling folder outside it, both under a fresh temporary folder.
private struct Sandbox {
    let root: URL
    let sessions: URL
    let outside: URL
    let store: SessionStore

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-trust-\(UUID().uuidString)")
        sessions = root.appendingPathComponent("sessions", isDirectory: true)
        outside = root.appendingPathComponent("thesis", isDirectory: true)
        try FileManager.default.createDirectory(at: sessions, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("my thesis\n".utf8).write(to: outside.appendingPathComponent("thesis.txt"))
        store = SessionStore(directory: sessions)
    }

    var thesisSurvives: Bool { FileManager.default.fileExists(atPath: outside.appendingPathComponent("thesis.txt").path) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Issue 18, findings 1 and 3, and a kill during a session save.
@Suite("Session safety", .serialized)
struct SessionSafetyTests {
    @Test("Deleting a run refuses model folders outside the sessions folder, symbolic links resolved")
    func deleteStaysInside() throws {
        let box = try Sandbox()
        defer { box.remove() }
        for folder in [box.outside.path, "../thesis", "demo/../../thesis", ".", ""] {
            #expect(throws: SessionError.self) { try box.store.deleteModelFolder(folder) }
        }
        try FileManager.default.createDirectory(at: box.sessions.appendingPathComponent("demo"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: box.sessions.appendingPathComponent("demo/link"), withDestinationURL: box.outside)
        // Through a linked folder: refused. The link itself as the run folder: removed as a link.
        try FileManager.default.createSymbolicLink(at: box.sessions.appendingPathComponent("linked"), withDestinationURL: box.outside)
        #expect(throws: SessionError.self) { try box.store.deleteModelFolder("linked/thesis.txt") }
        try box.store.deleteModelFolder("demo/link")
        #expect(!FileManager.default.fileExists(atPath: box.sessions.appendingPathComponent("demo/link").path))
        #expect(box.thesisSurvives)
        // A real run folder inside is removed.
        let run = box.sessions.appendingPathComponent("demo/run-1")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try box.store.deleteModelFolder("demo/run-1")
        #expect(!FileManager.default.fileExists(atPath: run.path))
    }

    @Test("d on a run whose model folder lies outside is refused with a message, before asking")
    func runsScreenRefusesOutsideFolder() {
        var state = Fixtures.state()
        var session = WorkbenchSession(name: "shared", datasetPath: "../sample-data/debtags-small")
        session.append(SessionRun(number: 1, parameters: Pipeline(),
                                  metrics: RunMetrics(precisionAt1: 0.5, precisionAt3: 0.4, precisionAt5: 0.3, recallAt5: 0.3,
                                                      ndcgAt5: 0.4, pspAt5: nil, evaluatedPoints: 10, evaluatedOnTest: true),
                                  trainingSeconds: 1, predictSeconds: 0.1, modelBytes: 10, weightCount: 10, treeShape: [1, 2],
                                  modelFolder: "/home/someone/thesis", finishedAt: Date()))
        state.restore(session)
        _ = WorkbenchReducer.reduce(&state, key: .character("5"))
        let effects = WorkbenchReducer.reduce(&state, key: .character("d"))
        #expect(effects.isEmpty && state.overlay == nil)
        #expect(state.message?.contains("is an absolute path") == true && state.messageIsError)
        #expect(state.session.runs.count == 1)
    }

    @Test("Deleting a session whose NAME/ folder is a link removes the link, not what it points to")
    func deleteSessionDoesNotFollowLinks() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.store.save(WorkbenchSession(name: "shared", datasetPath: "x"))
        try FileManager.default.createSymbolicLink(at: box.store.folder(of: "shared"), withDestinationURL: box.outside)
        try box.store.delete("shared")
        #expect(!box.store.exists("shared"))
        #expect(box.thesisSurvives)
    }

    @Test("A second lock on a session is refused, naming the holder; the lock ends with its owner")
    func lockIsExclusive() throws {
        let box = try Sandbox()
        defer { box.remove() }
        var first = try box.store.lock("demo")
        #expect(first != nil)
        // flock locks belong to the open file, so a second open in this process conflicts too.
        #expect(throws: SessionError.locked(name: "demo", process: Int(getpid()))) { _ = try box.store.lock("demo") }
        try box.store.save(WorkbenchSession(name: "demo", datasetPath: "x"))
        #expect(throws: SessionError.locked(name: "demo", process: Int(getpid()))) { try box.store.delete("demo") }
        #expect(SessionError.locked(name: "demo", process: 42).description.contains("open in another workbench (process 42)"))
        first = nil
        #expect(try box.store.lock("demo") != nil)
        withExtendedLifetime(first) {}
    }

    @Test("Saving merges runs by number: runs another writer saved are kept, deleted ones stay deleted")
    func saveMergesRuns() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let base = sampleSession(name: "demo")            // runs 1 and 2
        var windowA = base, windowB = base
        try box.store.save(base)
        var runB = base.runs[1]
        runB.number = 3
        runB.modelFolder = "demo/run-3"
        windowB.append(runB)                              // B trains run 3 and saves
        try box.store.save(windowB)
        var runA = base.runs[0]
        runA.number = 4
        runA.modelFolder = "demo/run-4"
        windowA.removeRun(numbered: 1)                    // A deletes run 1, trains run 4, saves
        windowA.append(runA)
        let written = try box.store.save(windowA)
        let stored = try box.store.load("demo")
        #expect(stored == written)
        #expect(stored.runs.map(\.number) == [2, 3, 4])
        #expect(stored.nextRunNumber == 5)
        #expect(stored.deletedRunNumbers == [1])
        // B saves again without knowing of A's changes: run 4 stays, run 1 stays deleted.
        try box.store.save(windowB)
        #expect(try box.store.load("demo").runs.map(\.number) == [2, 3, 4])
    }

    @Test("A kill between writing and renaming a session leaves the old session loadable; the leftover goes on the next save")
    func killDuringSessionSave() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let old = sampleSession(name: "demo")
        try box.store.save(old)
        struct Killed: Error {}
        FaultInjection.handler = { point in if point == .sessionBeforeRename { throw Killed() } }
        var changed = old
        changed.remember(query: "something new")
        #expect(throws: Killed.self) { try box.store.save(changed) }
        FaultInjection.handler = nil
        #expect(try box.store.load("demo") == old)
        let left = try FileManager.default.contentsOfDirectory(atPath: box.sessions.path).filter { $0.hasPrefix(".demo.json.tmp-\(getpid())-") }
        try #require(left.count == 1)
        let leftover = box.sessions.appendingPathComponent(left[0])
        // As if the killed process were gone: its leftover is removed by the next save.
        let stale = box.sessions.appendingPathComponent(".demo.json.tmp-\(try deadProcessID())")
        try FileManager.default.moveItem(at: leftover, to: stale)
        let live = box.sessions.appendingPathComponent(".demo.json.tmp-1")   // pid 1 is alive: kept
        try Data().write(to: live)
        try box.store.save(changed)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(try box.store.load("demo").queryHistory.last == "something new")
    }

    @Test("Numbers in a session file that would overflow are refused as corruption")
    func hostileNumbers() throws {
        let box = try Sandbox()
        defer { box.remove() }
        var session = sampleSession(name: "demo")
        session.runs[0].number = Int.max
        session.runs[1].treeShape = [1, -5]
        try box.store.save(session)
        #expect(throws: SessionError.self) { _ = try box.store.load("demo") }
        var big = sampleSession(name: "big")
        big.runs[0].metrics.precisionAt1 = 1e300
        try box.store.save(big)
        #expect(throws: SessionError.self) { _ = try box.store.load("big") }
    }
}
