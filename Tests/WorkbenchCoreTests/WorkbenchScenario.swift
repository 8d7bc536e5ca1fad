import Foundation
import Testing
import XMR
@testable import WorkbenchCore

/// A whole workbench in-process: the real runtime, engine and session store (in a temporary
/// folder) on a `MemoryTerminal`, driven by keys the way a user types them.
@available(macOS 15.0, *)
final class WorkbenchScenario {
    let sessions: URL
    let store: SessionStore
    let terminal: MemoryTerminal
    let runtime: WorkbenchRuntime

    /// Opens session `name` on `dataset` (default: the sample data) at `width` × `height`.
    init(width: Int = 120, height: Int = 40, session name: String = "scenario",
         dataset: URL = SampleData.directory, quitRequested: @escaping () -> Bool = { false }) throws {
        sessions = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: sessions, withIntermediateDirectories: true)
        store = SessionStore(directory: sessions)
        let opening = try store.open(name, datasetPath: store.storedPath(ofDataset: dataset))
        terminal = MemoryTerminal(width: width, height: height)
        runtime = WorkbenchRuntime(terminal: terminal, engine: XRWorkbenchEngine(), store: store, opening: opening,
                                   dataset: store.datasetURL(of: opening.session), quitRequested: quitRequested)
    }

    deinit { try? FileManager.default.removeItem(at: sessions) }

    /// The screen as text.
    var screen: String { terminal.text }

    /// Types `keys`, ticking until each is handled and the screen shows the result.
    func press(_ keys: Key...) { press(keys) }

    /// Types `keys`, ticking until each is handled and the screen shows the result.
    func press(_ keys: [Key]) {
        terminal.press(keys)
        while !terminal.pendingKeys.isEmpty { runtime.tick() }
        runtime.tick()
    }

    /// Ticks until the screen satisfies `condition` (true) or `seconds` pass (false, with the
    /// last screen recorded as an issue naming `what`).
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            runtime.tick()
            if condition(screen) { return true }
        }
        Issue.record("\(what) did not appear in \(seconds) s; last screen:\n\(screen)", sourceLocation: sourceLocation)
        return false
    }

    /// Ticks until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitUntil("\"\(text)\"", seconds: seconds, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The row of the screen holding `text`, if any.
    func row(containing text: String) -> Int? {
        (0..<terminal.screen.height).first { terminal.screen.line($0).contains(text) }
    }

    /// The style of the cell where `text` starts on its row.
    func style(of text: String) -> CellStyle? {
        guard let y = row(containing: text) else { return nil }
        let line = Array(terminal.screen.line(y))
        let target = Array(text)
        guard let x = line.indices.first(where: { Array(line[$0...].prefix(target.count)) == target }) else { return nil }
        return terminal.screen[x, y].style
    }
}
