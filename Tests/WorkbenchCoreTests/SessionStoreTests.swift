import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// A fresh sessions directory under the system temporary folder.
private struct SessionsFolder {
    let url: URL
    let store: SessionStore

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("xmr-sessions-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("sessions", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        store = SessionStore(directory: url)
    }

    func remove() { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
}

/// A session with two runs (one swept) and a query history, built from plain values.
func sampleSession(name: String = "demo") -> WorkbenchSession {
    var session = WorkbenchSession(name: name, datasetPath: "../sample-data/debtags-small",
                                   now: Date(timeIntervalSince1970: 1_700_000_000))
    session.parameters.indexer.branching = 8
    session.parameters.ranker.c = 0.5
    for b in [4, 16] {
        var p = Pipeline()
        p.indexer.branching = b
        p.threads = 2
        let metrics = RunMetrics(precisionAt1: 0.5 + Double(b) / 100, precisionAt3: 0.4, precisionAt5: 0.3,
                                 recallAt5: 0.35, ndcgAt5: 0.42, pspAt5: 0.2, evaluatedPoints: 800, evaluatedOnTest: true)
        var run = SessionRun(number: session.nextRunNumber, parameters: p, metrics: metrics, trainingSeconds: 1.5,
                             predictSeconds: 0.08, modelBytes: 1_234_567, weightCount: 40_000, treeShape: [1, b, 598],
                             modelFolder: session.nextModelFolder, finishedAt: Date(timeIntervalSince1970: 1_700_000_100))
        if b == 16 {
            run.sweeps = [BeamWidthSweep(points: [1, 2, 4].map {
                .init(beamWidth: $0, precisionAt1: 0.6, precisionAt5: 0.2 + Double($0) / 100, latencyMilliseconds: 0.1 * Double($0),
                      medianLatencyMilliseconds: 0.09 * Double($0))
            }, evaluatedPoints: 800, timedPoints: 800)]
        }
        session.append(run)
    }
    session.remember(query: "python library for xml")
    session.remember(query: "python library for xml")
    session.remember(query: "  image viewer ")
    return session
}

@Suite("Session store")
struct SessionStoreTests {
    @Test("A session survives a save and load unchanged")
    func roundTrip() throws {
        let folder = try SessionsFolder()
        defer { folder.remove() }
        let session = sampleSession()
        #expect(session.queryHistory == ["python library for xml", "image viewer"])
        #expect(session.runs.map(\.modelFolder) == ["demo/run-1", "demo/run-2"])
        #expect(session.currentRun == 2)
        try folder.store.save(session)
        let loaded = try folder.store.load("demo")
        #expect(loaded == session)
        #expect(loaded.runs[1].sweeps.first?.points.count == 3)
        #expect(loaded.parameters.indexer.branching == 8)
        let text = try String(contentsOf: folder.store.file(of: "demo"), encoding: .utf8)
        #expect(text.contains("\"datasetPath\" : \"..\\/sample-data\\/debtags-small\"")
                || text.contains("\"datasetPath\" : \"../sample-data/debtags-small\""))
        // No temporary file is left behind.
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(entries.sorted() == ["demo.json"])
    }

    @Test("Deleting a run never reuses its number or folder")
    func runNumbers() {
        var session = sampleSession()
        let removed = session.removeRun(numbered: 2)
        #expect(removed?.number == 2)
        #expect(session.currentRun == 1)
        #expect(session.nextModelFolder == "demo/run-3")
        #expect(session.removeRun(numbered: 7) == nil)
    }

    @Test("A save that fails leaves the previous file loadable and no temporary file")
    func failedSave() throws {
        let folder = try SessionsFolder()
        defer { folder.remove() }
        let old = sampleSession()
        try folder.store.save(old)
        var newer = old
        newer.runs.removeAll()
        let encoded = try JSONEncoder().encode(newer)
        // The rename fails: the target is taken by a folder (the previous session is elsewhere).
        let blocked = folder.url.appendingPathComponent("blocked.json")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: SessionError.self) { try folder.store.writeAtomically(encoded, to: blocked) }
        #expect(try folder.store.load("demo") == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["blocked.json", "demo.json"])
    }

    @Test("A temporary file left by a killed save does not disturb loading, listing or the next save")
    func leftoverTemporaryFile() throws {
        let folder = try SessionsFolder()
        defer { folder.remove() }
        let old = sampleSession()
        try folder.store.save(old)
        let leftover = folder.url.appendingPathComponent(".demo.json.tmp-99999")
        try Data("{\"formatVersion\": 1, \"name\": \"de".utf8).write(to: leftover)
        #expect(try folder.store.load("demo") == old)
        #expect(folder.store.list().map(\.name) == ["demo"])
        var newer = old
        newer.remember(query: "editor")
        try folder.store.save(newer)
        #expect(try folder.store.load("demo").queryHistory.last == "editor")
    }

    @Test("A corrupted file gets a one-line message naming it, and open moves it aside and starts fresh")
    func corruptedFile() throws {
        let folder = try SessionsFolder()
        defer { folder.remove() }
        let file = folder.store.file(of: "broken")
        try Data("{\"formatVersion\": 1, \"name\": \"broken\", \"runs\": [".utf8).write(to: file)
        do {
            _ = try folder.store.load("broken")
            Issue.record("a truncated file loaded")
        } catch let error as SessionError {
            let message = error.description
            #expect(message.hasSuffix("broken.json: not a valid session file (not valid JSON)"))
            #expect(!message.contains("\n"))
        }
        let opening = try folder.store.open("broken", datasetPath: "../data")
        #expect(opening.isNew)
        #expect(opening.session.runs.isEmpty)
        #expect(opening.session.datasetPath == "../data")
        #expect(opening.notice?.contains("broken.json: not a valid session file") == true)
        #expect(opening.notice?.contains("moved it to broken.json.corrupt-1 and started a fresh session") == true)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(FileManager.default.fileExists(atPath: file.path + ".corrupt-1"))

        // A second corruption goes to the next free name; a wrong type is located by its key path.
        try Data("{\"formatVersion\": 1, \"name\": \"broken\", \"datasetPath\": 3}".utf8).write(to: file)
        #expect(throws: SessionError.corrupted(file: folder.store.displayPath(file), reason: "wrong type at datasetPath")) {
            _ = try folder.store.load("broken")
        }
        let again = try folder.store.open("broken", datasetPath: "../data")
        #expect(again.notice?.contains("broken.json.corrupt-2") == true)
    }

    @Test("A file from a newer format is named and not overwritten by load")
    func newerFormat() throws {
        let folder = try SessionsFolder()
        defer { folder.remove() }
        try Data("{\"formatVersion\": 99, \"name\": \"future\"}".utf8).write(to: folder.store.file(of: "future"))
        #expect(throws: SessionError.newerFormat(file: folder.store.displayPath(folder.store.file(of: "future")), version: 99)) {
            _ = try folder.store.load("future")
        }
    }

    @Test("Missing sessions open fresh; list, last session and delete")
    func lifecycle() throws {
        let folder = try SessionsFolder()
        defer { folder.remove() }
        let fresh = try folder.store.open("new-one", datasetPath: "/data/x")
        #expect(fresh.isNew && fresh.notice == nil && fresh.session.nextRunNumber == 1)
        #expect(folder.store.lastSessionName == nil)

        try folder.store.save(sampleSession(name: "a"))
        try folder.store.save(sampleSession(name: "b"))
        try Data("garbage".utf8).write(to: folder.store.file(of: "c"))
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("a/run-1"), withIntermediateDirectories: true)
        try folder.store.rememberLast("a")
        #expect(folder.store.lastSessionName == "a")

        let listing = folder.store.list()
        #expect(listing.map(\.name) == ["a", "b", "c"])
        #expect(listing[0].session?.runs.count == 2)
        #expect(listing[0].bestPrecisionAt1 == 0.66)
        #expect(listing[2].session == nil && listing[2].problem?.contains("c.json") == true)

        try folder.store.delete("a")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("a").path))
        #expect(folder.store.lastSessionName == nil)
        #expect(folder.store.list().map(\.name) == ["b", "c"])
        #expect(throws: SessionError.self) { try folder.store.delete("a") }
    }

    @Test("Dataset paths beside the sessions directory are stored relative to it")
    func datasetPaths() throws {
        let store = SessionStore(directory: URL(fileURLWithPath: "/repo/sessions"))
        #expect(store.storedPath(ofDataset: URL(fileURLWithPath: "/repo/sample-data/debtags-small")) == "../sample-data/debtags-small")
        #expect(store.storedPath(ofDataset: URL(fileURLWithPath: "/elsewhere/data")) == "/elsewhere/data")
        var session = WorkbenchSession(name: "x", datasetPath: "../sample-data/debtags-small")
        #expect(store.datasetURL(of: session).path == "/repo/sample-data/debtags-small")
        session.datasetPath = "/elsewhere/data"
        #expect(store.datasetURL(of: session).path == "/elsewhere/data")
        #expect(store.url(ofModelFolder: "x/run-2").path == "/repo/sessions/x/run-2")
    }

    @Test("Session names: no slashes, no leading dot, plain characters, at most 64", arguments: [
        ("ok-name_1.v2", true), ("", false), ("a/b", false), ("..", false), (".hidden", false),
        ("spaced name", false), (String(repeating: "x", count: 64), true), (String(repeating: "x", count: 65), false),
        ("é", false),
    ])
    func names(name: String, valid: Bool) {
        #expect(SessionName.isValid(name) == valid)
    }

    @Test("The sessions directory: the environment override, then the checkout above, then ./sessions")
    func directoryLookup() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-root-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let nested = root.appendingPathComponent("Sources/deep")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sessions"), withIntermediateDirectories: true)
        try Data().write(to: root.appendingPathComponent("Package.swift"))
        #expect(SessionDirectory.locate(environment: [:], currentDirectory: nested).path
                == root.appendingPathComponent("sessions").standardizedFileURL.path)
        #expect(SessionDirectory.locate(environment: ["XMR_SESSIONS_DIR": "/tmp/s"], currentDirectory: nested).path == "/tmp/s")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-none-\(UUID().uuidString)")
        #expect(SessionDirectory.locate(environment: [:], currentDirectory: outside).lastPathComponent == "sessions")
    }
}

@Suite("The committed example session")
struct ExampleSessionTests {
    static let sessions = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sessions")

    @Test("It loads, its dataset and model folders resolve inside the checkout, and its models load")
    func exampleLoads() throws {
        let store = SessionStore(directory: Self.sessions)
        let session = try store.load("example")
        #expect(session.runs.count >= 2)
        #expect(Set(session.runs.map(\.parameters.indexer.branching)).count >= 2)
        #expect(session.runs.contains { !$0.sweeps.isEmpty })
        #expect(!session.datasetPath.hasPrefix("/"))
        let dataset = try DatasetLoader.load(from: store.datasetURL(of: session))
        for run in session.runs {
            #expect(!run.modelFolder.hasPrefix("/"))
            let model = try XRWorkbenchModel.load(from: store.url(ofModelFolder: run.modelFolder), dataset: dataset,
                                                  summary: run.trainingSummary)
            #expect(model.model.labelCount == dataset.labelCount)
            #expect(model.vectorizer != nil)
        }
        // Small enough to keep in the repository.
        let bytes = session.runs.reduce(0) { $0 + $1.modelBytes }
        #expect(bytes < 8 << 20)
    }
}

@Suite("Hand-written session files")
struct HandWrittenSessionTests {
    @Test("Only the name, dataset and each run's number, metrics and folder are required")
    func minimalFile() throws {
        let json = """
            {"name": "mini", "datasetPath": "/data/x",
             "runs": [{"number": 4, "modelFolder": "mini/run-4",
                       "metrics": {"precisionAt1": 0.5, "precisionAt3": 0.4, "precisionAt5": 0.3, "recallAt5": 0.2,
                                   "ndcgAt5": 0.4, "evaluatedPoints": 10, "evaluatedOnTest": true}}]}
            """
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let session = try decoder.decode(WorkbenchSession.self, from: Data(json.utf8))
        #expect(session.formatVersion == WorkbenchSession.currentFormatVersion)
        #expect(session.nextRunNumber == 5)
        #expect(session.runs[0].sweeps.isEmpty && session.runs[0].parameters == Pipeline())
        #expect(session.queryHistory.isEmpty && session.currentRun == nil)
        let missing = Data(#"{"name": "mini"}"#.utf8)
        #expect(throws: DecodingError.self) { _ = try decoder.decode(WorkbenchSession.self, from: missing) }
    }
}
