// libFuzzer target: session files (NAME.json). A session that decodes is merged with itself,
// written and read back, restored into the workbench state and every screen is rendered, so
// that no number in a session file can trap the workbench.
import Foundation
@testable import WorkbenchCore
@testable import XMR

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let session: WorkbenchSession
    do {
        session = try SessionStore.decode(data, name: "fuzz", file: "fuzz.json")
    } catch let error as SessionError {
        if error.description.contains("\n") { fatalError("a multi-line error: \(error)") }
        return 0
    } catch {
        fatalError("an error that is not a SessionError: \(error)")
    }
    let merged = session.merged(withStored: session)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    guard let written = try? encoder.encode(merged) else { fatalError("a decoded session does not encode") }
    do { _ = try SessionStore.decode(written, name: "fuzz", file: "fuzz.json") } catch {
        fatalError("a written session does not read back: \(error)")
    }
    var state = WorkbenchState(width: 100, height: 30, sessionName: "fuzz")
    state.restore(session)
    for screen in Screen.allCases {
        state.screen = screen
        _ = WorkbenchRenderer.render(state)
    }
    return 0
}
