import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// Whole workbench sessions in-process (`WorkbenchRuntime` on a `MemoryTerminal`): the same keys
/// a user types in the terminal, the real engine on sample-data/debtags-small, the session saved
/// to a temporary sessions folder. The tmux tests (EndToEndTests) check the same on the real binary.
@Suite(.serialized) struct RuntimeScenarioTests {
    @available(macOS 15.0, *)
    @Test(.timeLimit(.minutes(8)))
    func trainQueryAndDrillDownIntoALostLabel() throws {
        let scenario = try WorkbenchScenario()
        guard scenario.waitFor("Label frequency: the long tail") else { return }

        // Train with the form's defaults (2 threads): the status names the stage running, and
        // the results arrive on the Train screen.
        scenario.press(.character("2"))
        scenario.press(.character("s"))
        #expect(scenario.runtime.state.isTraining)
        scenario.waitUntil("a level training with its ETA", seconds: 240) { $0.contains("running · level") && $0.contains("levels ETA") }
        #expect(scenario.screen.contains("training… (Level"), "the tab row names the stage")
        guard scenario.waitFor("Results on 800 test points", seconds: 360) else { return }
        #expect(scenario.screen.contains("Run 1 finished"))
        #expect(scenario.screen.contains("Level 1"))
        // Every stage with its time; the times add up to the total shown.
        guard case .finished(let progress, _) = scenario.runtime.state.trainScreen.status else {
            Issue.record("the training did not finish: \(scenario.runtime.state.trainScreen.status)")
            return
        }
        let sum = progress.steps.reduce(0) { $0 + progress.seconds(of: $1) }
        #expect(abs(sum - progress.elapsedSeconds) < 1e-9)
        for title in ["TF-IDF fit", "Representation", "Clustering", "Level 2", "Evaluation", "Saving", "Total"] {
            #expect(scenario.screen.contains(title), "no \(title) row:\n\(scenario.screen)")
        }
        let saved = try scenario.store.load("scenario")
        #expect(saved.runs.count == 1, "the run is saved as soon as it finishes")

        // Query: beam 2, then test points in turn until one has a true label lost above the labels.
        scenario.press(.character("4"), .character("-"), .character("-"), .character("-"))
        #expect(scenario.screen.contains("Beam 2 (+/-)"))
        var found = false
        for point in 1...40 {
            scenario.press(.character("#"))
            scenario.press(Key.typing("\(point)") + [.enter])
            guard scenario.waitFor("Test point \(point): ") else { return }
            if scenario.screen.contains("✗ #") {
                found = true
                break
            }
        }
        guard found else {
            Issue.record("no test point among the first 40 lost a true label at beam 2:\n\(scenario.screen)")
            return
        }
        let tree = scenario.screen
        #expect(tree.contains("├─") && tree.contains("└─"), "the beam tree has connectors:\n\(tree)")
        // Styles: the pruned ancestor is red, the focused pane's title reverse.
        #expect(scenario.style(of: "✗ #")?.role == .bad)
        #expect(scenario.style(of: "Beam path")?.reverse == true)

        // j on the focused tree moves its selection and never types into the prompt.
        scenario.press(.character("j"), .character("j"), .character("k"))
        #expect(scenario.screen.contains("> press / and type"), "j reached the prompt:\n\(scenario.screen)")

        // The labels pane: its last row is the label lost earliest; Enter drills down into it.
        scenario.press(.tab, .character("G"), .enter)
        guard scenario.waitFor("was missed") else { return }
        let drill = scenario.screen
        #expect(drill.contains("PRUNED: beam ≥ "), "the drill-down names the beam that keeps it:\n\(drill)")
        #expect(scenario.style(of: "PRUNED: beam ≥ ")?.role == .bad)
        scenario.press(.escape)
        #expect(scenario.screen.contains("Beam path · linear matcher · beam 2"))

        // The same screen at 80×24 still shows the tree.
        scenario.terminal.resize(width: 80, height: 24)
        scenario.press()
        #expect(scenario.screen.contains("├─"))
        #expect(scenario.screen.split(separator: "\n").allSatisfy { $0.count <= 80 })

        // Runs: p calibrates run 1 (a copy trained on 80% of the training split) and draws its
        // reliability diagram; Query then shows probabilities.
        scenario.terminal.resize(width: 120, height: 40)
        scenario.press(.character("5"), .character("p"))
        guard scenario.waitFor("Reliability of run 1", seconds: 240) else { return }
        #expect(scenario.screen.contains("●"))
        #expect(try scenario.store.load("scenario").runs.first?.calibration != nil, "the calibration is saved with the run")
        scenario.press(.character("4"), .character("n"))
        guard scenario.waitFor("prob") else { return }

        // q ends the loop; the session is saved with the queries in its history.
        scenario.press(.character("q"))
        #expect(!scenario.runtime.tick(), "q ends the loop")
        #expect(scenario.runtime.finish() == nil)
        let final = try scenario.store.load("scenario")
        #expect(final.queryHistory.last?.hasPrefix("#") == true, "history: \(final.queryHistory)")
        #expect(final.currentRun == 1)
    }

    @available(macOS 15.0, *)
    @Test func aQuitSignalEndsTheLoopAndTheExampleStaysAsCommitted() throws {
        // A copy of the committed example session: opening it and quitting changes nothing.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let checkout = SampleData.directory.deletingLastPathComponent().deletingLastPathComponent()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sessions"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: checkout.appendingPathComponent("sessions/example.json"),
                                         to: root.appendingPathComponent("sessions/example.json"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("sample-data"),
                                                   withDestinationURL: checkout.appendingPathComponent("sample-data"))
        let store = SessionStore(directory: root.appendingPathComponent("sessions"))
        let before = try Data(contentsOf: store.file(of: "example"))
        let opening = try store.open("example", datasetPath: "")
        let signal = Flag()
        let terminal = MemoryTerminal(width: 80, height: 24)
        let runtime = WorkbenchRuntime(terminal: terminal, engine: XRWorkbenchEngine(), store: store, opening: opening,
                                       dataset: store.datasetURL(of: opening.session), quitRequested: { signal.raised })
        #expect(runtime.tick())
        #expect(terminal.text.contains("Resumed session example"))
        signal.raised = true
        #expect(!runtime.tick(), "a quit signal ends the loop")
        #expect(runtime.finish() == nil)
        #expect(try Data(contentsOf: store.file(of: "example")) == before)
        #expect(!store.exists("example-copy"))
        #expect(store.lastSessionName == "example")
    }

    /// A flag the test raises (the runtime checks it every tick).
    final class Flag { var raised = false }
}
