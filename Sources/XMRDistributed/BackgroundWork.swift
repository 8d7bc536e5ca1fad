import Foundation

/// A piece of work running on its own thread, so the thread that owns MPI keeps polling for
/// messages meanwhile; `outcome` is nil until it ends.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: Result<Value, any Error>?

    /// Starts `body` on a new thread (8 MiB of stack, like the main thread's).
    init(_ body: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try body() }
            lock.withLock { finished = result }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The result once the work has ended.
    var outcome: Result<Value, any Error>? { lock.withLock { finished } }
}
