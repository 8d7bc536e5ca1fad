import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into a quit flag the UI loop checks every tick, so the loop can
/// cancel work and call `endwin` before the process ends.
@available(macOS 15.0, *)
final class SignalWatcher {
    /// The flag, shared with the signal handlers.
    private final class Flag: Sendable {
        let raised = Atomic<Bool>(false)
    }

    private let flag = Flag()
    private var sources: [any DispatchSourceSignal] = []

    /// Starts watching SIGINT and SIGTERM (their default actions are disabled meanwhile).
    init() {
        for number in [SIGINT, SIGTERM] {
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
