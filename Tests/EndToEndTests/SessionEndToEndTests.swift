import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Sessions through the real workbench in tmux: train, quit, reopen with `--session`; the run is
/// listed and a query works at once, with no retraining. A corrupted session file is moved aside.
@Suite(.serialized) struct SessionEndToEndTests {
    typealias Harness = WorkbenchEndToEndTests

    func require(_ result: (screen: String, ok: Bool), _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if !result.ok {
            Issue.record("\(what) did not appear; last screen:\n\(result.screen)", sourceLocation: sourceLocation)
        }
        return result.ok
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(6)))
    func trainQuitAndResume() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let sessions = try Harness.temporarySessionsDirectory()
        defer { try? FileManager.default.removeItem(at: sessions) }
        let dataset = Harness.packageRoot.appendingPathComponent("sample-data/debtags-small").path
        let environment = "XMR_SESSIONS_DIR='\(sessions.path)'"

        // 1. A new session: train once with the defaults, see the run, quit.
        do {
            let command = "\(environment) '\(xmr)' workbench --session resume --dataset '\(dataset)'; echo XMR-EXIT=$?; sleep 60"
            let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: Harness.packageRoot.path)
            guard require(tmux.waitFor("Training points", seconds: 60), "the Data screen") else { return }
            tmux.send("2", "s")
            let training = tmux.waitUntil(seconds: 240) { $0.contains("Run 1 finished") || $0.contains("failed") }
            guard require((training.screen, training.ok && !training.screen.contains("failed")), "the end of training")
            else { return }
            tmux.send("5")
            guard require(tmux.waitFor("Runs of session resume"), "the Runs screen") else { return }
            #expect(tmux.screen().contains("/resume/run-1 (loaded"))
            tmux.send("q")
            let exit = tmux.waitFor("XMR-EXIT=")
            guard require(exit, "the exit") else { return }
            #expect(exit.screen.contains("XMR-EXIT=0"))
        }
        let file = sessions.appendingPathComponent("resume.json")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect((saved?["runs"] as? [Any])?.count == 1)
        #expect(saved?["currentRun"] as? Int == 1)
        #expect(FileManager.default.fileExists(atPath: sessions.appendingPathComponent("resume/run-1/model.json").path))
        #expect(try String(contentsOf: sessions.appendingPathComponent(".last"), encoding: .utf8) == "resume\n")

        // 2. Reopen by name: the run is listed, and the Query screen answers at once.
        do {
            let command = "\(environment) '\(xmr)' workbench --session resume; echo XMR-EXIT=$?; sleep 60"
            let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: Harness.packageRoot.path)
            guard require(tmux.waitFor("Loaded the model of run 1", seconds: 60), "the restored model") else { return }
            tmux.send("5")
            guard require(tmux.waitFor("Runs of session resume"), "the Runs screen") else { return }
            let runs = tmux.screen()
            #expect(runs.contains("▸   1  16     100   10"), "run 1, loaded:\n\(runs)")
            tmux.send("4", "/")
            tmux.type("a python library for parsing xml files")
            tmux.send("Enter")
            guard require(tmux.waitFor("├─", seconds: 10), "a query answer without training") else { return }
            #expect(tmux.screen().contains("Asked: a python library for parsing xml files"))
            tmux.send("Escape")
            usleep(300_000)
            tmux.send("2")
            guard require(tmux.waitFor("Hyperparameters"), "the Train screen") else { return }
            #expect(!tmux.screen().contains("training…"), "nothing retrains")
            tmux.send("q")
            guard require(tmux.waitFor("XMR-EXIT=0"), "the exit") else { return }
        }
        let history = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        #expect(history?["queryHistory"] as? [String] == ["a python library for parsing xml files"])

        // 3. Plain xmr reopens the last session.
        do {
            let command = "\(environment) '\(xmr)'; echo XMR-EXIT=$?; sleep 60"
            let tmux = try TmuxSession(command: command, width: 100, height: 30, directory: Harness.packageRoot.path)
            guard require(tmux.waitFor("Loaded the model of run 1", seconds: 60), "the last session") else { return }
            #expect(tmux.screen().contains("session resume"))
            tmux.send("q")
            _ = tmux.waitFor("XMR-EXIT=")
        }
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(2)))
    func firstStartOpensTheExampleSession() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let root = try QueryEndToEndTests.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let command = "XMR_SESSIONS_DIR='\(root.path)/sessions' '\(xmr)'; echo XMR-EXIT=$?; sleep 60"
        let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: root.path)
        guard require(tmux.waitFor("Loaded the model of run", seconds: 60), "the example's model") else { return }
        tmux.send("5")
        guard require(tmux.waitFor("Beam-width sweep of run"), "the example's sweep chart") else { return }
        let screen = tmux.screen()
        #expect(screen.contains("Runs of session example"))
        #expect(screen.contains("ms/query (1 thread)"))
        tmux.send("q")
        guard require(tmux.waitFor("XMR-EXIT=0"), "the exit") else { return }
        #expect(try String(contentsOf: root.appendingPathComponent("sessions/.last"), encoding: .utf8) == "example\n")
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(2)))
    func corruptedSessionIsMovedAsideAndTheWorkbenchOpens() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let sessions = try Harness.temporarySessionsDirectory()
        defer { try? FileManager.default.removeItem(at: sessions) }
        try Data("{\"formatVersion\": 1, \"runs\": [".utf8).write(to: sessions.appendingPathComponent("bad.json"))
        let command = "XMR_SESSIONS_DIR='\(sessions.path)' '\(xmr)' workbench --session bad; echo XMR-EXIT=$?; sleep 60"
        let tmux = try TmuxSession(command: command, width: 160, height: 30, directory: Harness.packageRoot.path)
        guard require(tmux.waitFor("moved it to bad.json.corrupt-1", seconds: 60), "the corruption notice") else { return }
        let screen = tmux.screen()
        #expect(screen.contains("bad.json: not a valid session file (not valid JSON)"))
        #expect(screen.contains("1 Data") && screen.contains("session bad"))
        #expect(FileManager.default.fileExists(atPath: sessions.appendingPathComponent("bad.json.corrupt-1").path))
        tmux.send("q")
        guard require(tmux.waitFor("XMR-EXIT=0"), "the exit") else { return }
        // The fresh session was saved over the moved file.
        let fresh = try JSONSerialization.jsonObject(with: Data(contentsOf: sessions.appendingPathComponent("bad.json")))
        #expect((fresh as? [String: Any])?["runs"] as? [Any] != nil)
    }
}
