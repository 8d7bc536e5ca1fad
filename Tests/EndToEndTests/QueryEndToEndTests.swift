import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The Query screen and terminal hygiene through the real workbench in tmux, on a copy of the
/// committed example session (its models are trained, so nothing waits for a training): a test
/// point with a lost label shows the tree with connectors and a red pruned ancestor, the
/// drill-down says which beam keeps it, `j` on a pane never reaches the prompt, Ctrl-S does not
/// freeze the screen, Ctrl-\ paints no crash trace, and SIGHUP saves the session.
@Suite(.serialized) struct QueryEndToEndTests {
    typealias Harness = WorkbenchEndToEndTests

    func require(_ result: (screen: String, ok: Bool), _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        if !result.ok {
            Issue.record("\(what) did not appear; last screen:\n\(result.screen)", sourceLocation: sourceLocation)
        }
        return result.ok
    }

    /// Leaves the prompt (Esc), quits (q) and expects exit status 0; false (recorded) otherwise.
    func leavePromptAndQuit(_ tmux: TmuxSession, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        tmux.send("Escape")
        usleep(300_000)
        tmux.send("q")
        return require(tmux.waitFor("XMR-EXIT=0"), what, sourceLocation: sourceLocation)
    }

    /// A temporary folder holding a copy of the checkout's example session beside a link to
    /// sample-data/, so the example's relative dataset path resolves and the checkout stays untouched.
    static func exampleCopy() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-query-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sessions"), withIntermediateDirectories: true)
        let source = Harness.packageRoot.appendingPathComponent("sessions")
        for name in ["example.json", "example"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name),
                                             to: root.appendingPathComponent("sessions/\(name)"))
        }
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("sample-data"),
                                                   withDestinationURL: Harness.packageRoot.appendingPathComponent("sample-data"))
        return root
    }

    /// Starts the workbench on session `session` of the example copy in `root`, its pid written to `root/pid`.
    /// `environment` goes before the sessions variable in `env`'s arguments (e.g. `-u INPUTRC HOME=…`).
    static func start(in root: URL, xmr: String, session: String = "example", width: Int = 120, height: Int = 40,
                      environment: String = "") throws -> TmuxSession {
        let command = "sh -c 'echo $$ > \"\(root.path)/pid\"; exec env \(environment) XMR_SESSIONS_DIR=\"\(root.path)/sessions\" \"\(xmr)\" workbench --session \(session)'; "
            + "echo XMR-EXIT=$?; sleep 60"
        return try TmuxSession(command: command, width: width, height: height, directory: root.path)
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(3)))
    func lostLabelTreeDrillDownAndFocus() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let tmux = try Self.start(in: root, xmr: xmr)
        guard require(tmux.waitFor("Loaded the model of run", seconds: 60), "the example's model") else { return }
        // Beam 10 → 8 → 4 → 2, then test point 1: some of its true labels leave the beam above the labels.
        tmux.send("4", "-", "-", "-")
        guard require(tmux.waitFor("Beam 2 (+/-)"), "beam 2") else { return }
        tmux.send("#")
        tmux.type("1")
        tmux.send("Enter")
        guard require(tmux.waitUntil(seconds: 20) { $0.contains("├─") && $0.contains("└─") && $0.contains("✗ #") },
                      "the beam tree with connectors and a ✗ pruned ancestor") else { return }
        // The ✗ row is red (SGR 31) and the focused pane's title is reverse video (SGR 7).
        let styled = tmux.styledScreen()
        let redRow = styled.split(separator: "\n").first { $0.contains("✗ #") } ?? ""
        #expect(redRow.contains("[31m") || redRow.contains(";31m"), "the ✗ row is not red:\n\(redRow)")
        let titleRow = styled.split(separator: "\n").first { $0.contains("Beam path") } ?? ""
        #expect(titleRow.contains("[7m") || titleRow.contains(";7m"), "the focused title is not reverse:\n\(titleRow)")
        #expect(tmux.screen().contains("Enter/→ expand"), "the status line lists the tree's keys")

        // j and k on the focused tree move its selection and never reach the prompt.
        tmux.send("j", "j", "k", "j")
        usleep(500_000)
        let moved = tmux.screen()
        #expect(moved.contains("> press / and type"), "j reached the prompt:\n\(moved)")

        // Tab to the labels, the last row is the label lost earliest; Enter shows its chain.
        tmux.send("Tab", "G", "Enter")
        guard require(tmux.waitFor("was missed"), "the drill-down") else { return }
        let drill = tmux.screen()
        #expect(drill.contains("PRUNED: beam ≥ "), "the drill-down names the beam that keeps it:\n\(drill)")
        tmux.send("Escape")
        guard require(tmux.waitFor("Beam path · linear matcher · beam 2"), "the tree after Esc") else { return }

        // At 80×24 the tree still fits, with connectors.
        tmux.resize(width: 80, height: 24)
        guard require(tmux.waitUntil(seconds: 10) { screen in
            screen.contains("├─") && screen.split(separator: "\n").allSatisfy { $0.count <= 80 }
        }, "the tree at 80×24") else { return }

        // Ctrl-S no longer freezes the screen: the next key still redraws. Ctrl-\ paints no trace.
        tmux.send("C-s", "5")
        guard require(tmux.waitFor("Runs of session"), "the Runs screen after Ctrl-S") else { return }
        tmux.send("C-\\", "4")
        guard require(tmux.waitFor("Beam path"), "the Query screen after Ctrl-\\") else { return }
        #expect(!tmux.screen().contains("XMR-EXIT="), "Ctrl-\\ ended the workbench:\n\(tmux.screen())")
        tmux.send("q")
        guard require(tmux.waitFor("XMR-EXIT=0"), "the exit") else { return }
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(2)))
    func hangupSavesTheSessionAndItsHistory() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        let tmux = try Self.start(in: root, xmr: xmr)
        guard require(tmux.waitFor("Loaded the model of run", seconds: 60), "the example's model") else { return }
        tmux.send("4", "/")
        tmux.type("perl module library")
        tmux.send("Enter")
        guard require(tmux.waitFor("Asked: perl module library"), "the answer") else { return }
        let pidText = try String(contentsOf: root.appendingPathComponent("pid"), encoding: .utf8)
        let pid = try #require(pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGHUP) == 0)
        let exit = tmux.waitFor("XMR-EXIT=")
        guard require(exit, "the exit after SIGHUP") else { return }
        #expect(!exit.screen.contains("Beam path"), "the terminal was not restored:\n\(exit.screen)")
        // The session file was saved whole, with the query in its history.
        let saved = try Data(contentsOf: root.appendingPathComponent(Self.savedSessionPath(in: root)))
        let json = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
        let history = json["queryHistory"] as? [String] ?? []
        #expect(history.last == "perl module library", "history: \(history)")
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(3)))
    func readlineEditsAndCtrlRFindsAQueryAfterARestart() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        var tmux = try Self.start(in: root, xmr: xmr)
        guard require(tmux.waitFor("Loaded the model of run", seconds: 60), "the example's model") else { return }
        // Emacs keys and Alt-b: "library parsing xml" becomes "a perl library for parsing xml documents".
        tmux.send("4", "/")
        tmux.type("library parsing xml")
        tmux.send("M-b", "M-b")
        tmux.type("for ")
        tmux.send("C-a")
        tmux.type("a perl ")
        tmux.send("C-e")
        tmux.type(" documents")
        tmux.send("Enter")
        guard require(tmux.waitFor("Asked: a perl library for parsing xml documents"), "the edited query") else { return }
        guard leavePromptAndQuit(tmux, "the first exit") else { return }
        // The query went into the example's copy; reopen that and search the history.
        tmux = try Self.start(in: root, xmr: xmr, session: "example-copy")
        guard require(tmux.waitFor("Loaded the model of run", seconds: 60), "the copy's model") else { return }
        tmux.send("4", "/", "C-r")
        tmux.type("pars")
        guard require(tmux.waitFor("(reverse-i-search)`pars': a perl library for parsing xml documents"),
                      "Ctrl-R finding the query of the first run") else { return }
        // Enter accepts the found line, as in any readline program: the query is asked again.
        tmux.send("Enter")
        guard require(tmux.waitFor("Asked: a perl library for parsing xml documents"), "the query asked again") else { return }
        guard leavePromptAndQuit(tmux, "the exit") else { return }
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(2)))
    func inputrcBindingsTakeEffect() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        // HOME is the temporary folder, so readline reads its .inputrc: Ctrl-T (transpose by
        // default) becomes a macro, only in programs named xmr.
        let inputrc = #"""
            $if xmr
            "\C-t": "typed by inputrc"
            $endif
            """#
        try Data((inputrc + "\n").utf8).write(to: root.appendingPathComponent(".inputrc"))
        let tmux = try Self.start(in: root, xmr: xmr, environment: "-u INPUTRC HOME=\"\(root.path)\"")
        guard require(tmux.waitFor("Loaded the model of run", seconds: 60), "the example's model") else { return }
        tmux.send("4", "/", "C-t")
        guard require(tmux.waitFor("> typed by inputrc"), "the ~/.inputrc macro in the prompt") else { return }
        tmux.send("Enter")
        guard require(tmux.waitFor("Asked: typed by inputrc"), "the query the macro typed") else { return }
        guard leavePromptAndQuit(tmux, "the exit") else { return }
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(3)))
    func usingTheExampleSessionLeavesGitStatusClean() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        // The example copy as a git checkout of its own, with the repository's sessions/.gitignore.
        let root = try Self.exampleCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Harness.packageRoot.appendingPathComponent("sessions/.gitignore"),
                                         to: root.appendingPathComponent("sessions/.gitignore"))
        for arguments in [["init", "-q"], ["add", "sessions"],
                          ["-c", "user.email=e2e@example.com", "-c", "user.name=e2e", "commit", "-q", "-m", "example"]] {
            #expect(try Self.git(arguments, in: root).status == 0)
        }
        let tmux = try Self.start(in: root, xmr: xmr)
        guard require(tmux.waitFor("Loaded the model of run", seconds: 60), "the example's model") else { return }
        // A query, a beam change and a training (cancelled at once) in the example session.
        tmux.send("4", "/")
        tmux.type("perl module library")
        tmux.send("Enter")
        guard require(tmux.waitFor("your changes go to session example-copy"), "the copy's notice") else { return }
        tmux.send("Escape")
        usleep(300_000)
        tmux.send("+", "2", "s")
        usleep(500_000)
        tmux.send("c")
        guard require(tmux.waitUntil(seconds: 60) { !$0.contains("training…") }, "the cancelled training") else { return }
        tmux.send("q")
        guard require(tmux.waitFor("XMR-EXIT=0"), "the exit") else { return }
        let status = try Self.git(["status", "--porcelain", "--untracked-files=all", "--", "sessions"], in: root)
        #expect(status.output.isEmpty, "git status after using the example:\n\(status.output)")
        let copy = try Data(contentsOf: root.appendingPathComponent("sessions/example-copy.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: copy) as? [String: Any])
        #expect((json["queryHistory"] as? [String])?.last == "perl module library")
    }

    @Test(.enabled(if: Harness.tmuxAvailable, "tmux is not installed"), .timeLimit(.minutes(5)))
    func freeTextOnAFeatureOnlyDatasetReturnsLabels() throws {
        guard let xmr = Harness.binary() else {
            Issue.record("cannot find the xmr executable; run `swift build` first")
            return
        }
        let sessions = try Harness.temporarySessionsDirectory()
        defer { try? FileManager.default.removeItem(at: sessions) }
        let dataset = Harness.packageRoot.appendingPathComponent("sample-data/delicious-small").path
        let command = "XMR_SESSIONS_DIR='\(sessions.path)' '\(xmr)' workbench --session delicious --dataset '\(dataset)'; "
            + "echo XMR-EXIT=$?; sleep 60"
        let tmux = try TmuxSession(command: command, width: 120, height: 40, directory: Harness.packageRoot.path)
        // No raw texts: the example browser shows the point's top feature words instead.
        guard require(tmux.waitFor("its top feature words", seconds: 60), "the feature words of example 1") else { return }
        tmux.send("2", "s")
        let training = tmux.waitUntil(seconds: 240) {
            ($0.contains("P@1") && $0.contains("finished")) || $0.contains("Status      failed")
        }
        guard require((training.screen, training.ok && !training.screen.contains("failed")), "P@1 after training") else { return }
        tmux.send("4", "/")
        tmux.type("python programming tutorial")
        tmux.send("Enter")
        guard require(tmux.waitFor("Asked: python programming tutorial"), "the answer") else { return }
        let screen = tmux.screen()
        #expect(screen.contains("TAG_python") && screen.contains("TAG_programming"), "labels for the text:\n\(screen)")
        #expect(!screen.contains("cannot be vectorized"))
        guard leavePromptAndQuit(tmux, "the exit") else { return }
    }

    /// Runs git with `arguments` in `folder`; its exit status and output.
    static func git(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The session file a workbench on the example copy writes (relative to `root`).
    static func savedSessionPath(in root: URL) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("sessions").path)
            .filter { $0.hasSuffix(".json") && $0 != "example.json" }
        #expect(names == ["example-copy.json"], "the changes go to the example's copy")
        return "sessions/" + (names.sorted().first ?? "example.json")
    }

    @Test func predictTracePrintsEveryCandidate() throws {
        let model = Harness.packageRoot.appendingPathComponent("sessions/example/run-1").path
        let dataset = Harness.packageRoot.appendingPathComponent("sample-data/debtags-small").path
        let out = try XMRExecutable.run(["predict", "--model", model, dataset, "--point", "0", "--trace", "--beam-width", "2"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n")
        // "level t: N candidates, …" per level; every candidate then has its own tree line.
        let candidates = lines.compactMap { line -> Int? in
            guard line.hasPrefix("  level ") || line.hasPrefix("  labels") else { return nil }
            return Int(line.split(separator: ":")[1].split(separator: " ")[0])
        }
        #expect(candidates.count >= 2)
        let nodeLines = lines.filter { $0.contains(" kept   score ") || $0.contains(" pruned score ") }
        #expect(nodeLines.count == candidates.reduce(0, +), "\(out.stdout)")
        #expect(out.stdout.contains("├─") && out.stdout.contains("└─"))
        #expect(out.stdout.contains("was missed"))
        #expect(out.stdout.contains("PRUNED: "))
        #expect(out.stdout.contains("ranking:"))
    }
}
