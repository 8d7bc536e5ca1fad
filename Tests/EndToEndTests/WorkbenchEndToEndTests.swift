import Foundation
import Testing

/// The real `xmr` binary in tmux: open, train, browse the tree, query, resize, quit.
@Suite(.serialized) struct WorkbenchEndToEndTests {
    /// The package root.
    static let packageRoot = XMRExecutable.packageRoot

    /// The path of the built `xmr` executable.
    static func binary() -> String? { XMRExecutable.url?.path }

    /// An empty sessions directory, so tests never write into the checkout's sessions/.
    static func temporarySessionsDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-e2e-sessions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static var tmuxAvailable: Bool {
        if TmuxSession.executable == nil {
            print("EndToEndTests: tmux is not installed; skipping the workbench tests (apt-get install tmux)")
            return false
        }
        return true
    }

    /// Records a failure with the last screen, so a red test shows what the user would have seen.
    func require(_ result: (screen: String, ok: Bool), _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if !result.ok {
            Issue.record("\(what) did not appear; last screen:\n\(result.screen)", sourceLocation: sourceLocation)
        }
        return result.ok
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(5)))
    func workbenchSession() throws {
        guard let xmr = Self.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let dataset = Self.packageRoot.appendingPathComponent("sample-data/debtags-small").path
        let sessions = try Self.temporarySessionsDirectory()
        defer { try? FileManager.default.removeItem(at: sessions) }
        let command = "XMR_SESSIONS_DIR='\(sessions.path)' '\(xmr)' workbench --session e2e --dataset '\(dataset)'; "
            + "echo XMR-EXIT=$?; sleep 120"
        let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: Self.packageRoot.path)

        // 1. The Data screen shows the sample's point count.
        guard require(tmux.waitFor("Training points            3,000", seconds: 60), "the Data screen with 3,000 points")
        else { return }

        // 2. Train with the defaults and wait for P@1.
        tmux.send("2")
        guard require(tmux.waitFor("Hyperparameters"), "the Train screen") else { return }
        tmux.send("s")
        let training = tmux.waitUntil(seconds: 240) {
            ($0.contains("P@1") && $0.contains("finished")) || $0.contains("Status      failed")
        }
        guard require((training.screen, training.ok && !training.screen.contains("failed")), "P@1 after training")
        else { return }
        let trained = tmux.screen()
        #expect(trained.contains("Level 1"))
        #expect(trained.contains("Results on 800 test points"))

        // 3. The Tree screen shows the root's children.
        tmux.send("3")
        guard require(tmux.waitFor("▾ root"), "the tree's root") else { return }
        let tree = tmux.screen()
        #expect(tree.contains("  ▸ 0 · "), "the root's first child:\n\(tree)")
        #expect(tree.contains("Most frequent labels"))

        // 4. Query: type a text, see ranked labels and the beam path.
        tmux.send("4")
        guard require(tmux.waitFor("Ranked labels"), "the Query screen") else { return }
        tmux.send("/")
        tmux.type("a python library for parsing xml files")
        tmux.send("Enter")
        guard require(tmux.waitFor("├─"), "the beam path tree") else { return }
        let query = tmux.screen()
        #expect(query.contains("Asked: a python library for parsing xml files"))
        #expect(query.contains("   1 "), "a first ranked label:\n\(query)")
        // A test point marks its true labels.
        tmux.send("Escape")
        usleep(300_000)
        tmux.send("n")
        guard require(tmux.waitFor("Test point 1:"), "test point 1") else { return }
        #expect(tmux.screen().contains(" true)"), "the true labels are counted:\n\(tmux.screen())")

        // 5. Resize to 80×24: still a full, readable screen; smaller shows the enlarge message.
        tmux.resize(width: 80, height: 24)
        guard require(tmux.waitUntil(seconds: 10) { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains("Ranked labels") && lines.allSatisfy { $0.count <= 80 }
        }, "the Query screen at 80×24") else { return }
        tmux.resize(width: 70, height: 20)
        guard require(tmux.waitFor("Enlarge the window (need 80×24, have 70×20)"), "the enlarge message") else { return }
        tmux.resize(width: 100, height: 30)
        guard require(tmux.waitFor("Ranked labels"), "the Query screen after growing again") else { return }

        // 6. Quit: exit status 0 and the terminal restored (the workbench is gone from the screen).
        tmux.send("q")
        let exit = tmux.waitFor("XMR-EXIT=")
        guard require(exit, "the exit status") else { return }
        #expect(exit.screen.contains("XMR-EXIT=0"))
        #expect(!exit.screen.contains("Ranked labels"), "the terminal was not restored:\n\(exit.screen)")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(2)))
    func quitAsksWhileTrainingAndSignalsRestoreTheTerminal() throws {
        guard let xmr = Self.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        // No --dataset: the default sample is found from the current directory.
        let sessions = try Self.temporarySessionsDirectory()
        defer { try? FileManager.default.removeItem(at: sessions) }
        let command = "XMR_SESSIONS_DIR='\(sessions.path)' '\(xmr)'; echo XMR-EXIT=$?; sleep 60"
        let tmux = try TmuxSession(command: command, width: 100, height: 30, directory: Self.packageRoot.path)
        guard require(tmux.waitFor("debtags-small", seconds: 60), "the default dataset") else { return }
        // Stray keys do nothing harmful.
        tmux.send("z", "F5", "Escape", "!", "PageDown")
        // A mouse click (X10 encoding, as tmux's terminfo declares) on the "3 Tree" tab at column 21.
        tmux.type("\u{1B}[M \(UnicodeScalar(33 + 21)!)!")
        tmux.type("\u{1B}[M#\(UnicodeScalar(33 + 21)!)!")
        guard require(tmux.waitFor("No label tree yet"), "the Tree screen after a click on its tab") else { return }
        tmux.send("1")
        guard require(tmux.waitFor("Training points"), "the Data screen after stray keys") else { return }
        // q while a training runs asks first; n keeps the workbench and the training.
        tmux.send("2", "s", "q")
        guard require(tmux.waitFor("Quit anyway?"), "the quit question while training") else { return }
        tmux.send("n")
        guard require(tmux.waitUntil(seconds: 10) { !$0.contains("Quit anyway?") }, "the workbench after n") else { return }
        // Ctrl-C (SIGINT) ends the workbench, training or not, and restores the terminal.
        tmux.send("C-c")
        let exit = tmux.waitFor("XMR-EXIT=")
        guard require(exit, "the exit after Ctrl-C") else { return }
        #expect(!exit.screen.contains("Training points"), "the terminal was not restored:\n\(exit.screen)")
    }
}
