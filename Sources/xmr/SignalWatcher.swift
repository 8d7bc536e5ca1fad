import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP into a quit flag the UI loop checks every tick, so the loop
/// can cancel work, restore the terminal (`endwin`) and save the session before the process ends.
/// SIGQUIT is ignored: a stray Ctrl-\ or `kill -QUIT` must not paint a crash trace over the UI.
@available(macOS 15.0, *)
final class SignalWatcher {
    /// The flag, shared with the signal handlers.
    private final class Flag: Sendable {
        let raised = Atomic<Bool>(false)
    }

    /// The signals that end the workbench cleanly.
    static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let flag = Flag()
    private var sources: [any DispatchSourceSignal] = []

    /// Starts watching the quit signals (their default actions are disabled meanwhile).
    init() {
        signal(SIGQUIT, SIG_IGN)
        for number in Self.quitSignals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            let flag = self.flag
            source.setEventHandler { flag.raised.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// True once a quit signal arrived.
    var quitRequested: Bool { flag.raised.load(ordering: .relaxed) }
}
