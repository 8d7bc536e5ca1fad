import Foundation

/// The bytes the SIGTERM handler writes, set once before the handler is installed.
nonisolated(unsafe) private var stopBytes: UnsafeMutablePointer<UInt8>?
/// The number of `stopBytes`.
nonisolated(unsafe) private var stopCount = 0
/// The exit status a SIGTERM after the command's end exits with (see `commandEnded`).
nonisolated(unsafe) private var endedStatus: Int32 = 0

/// What a rank prints when the MPI runtime stops it because another rank died.
public enum StopMessage {
    /// Installs a SIGTERM handler that writes `message` on stderr and exits with status 1 (the
    /// runtime sends SIGTERM to every rank when one dies, so they say why they stop).
    public static func install(_ message: String) {
        let bytes = Array((message + "\n").utf8)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        stopBytes = buffer
        stopCount = bytes.count
        signal(SIGTERM) { _ in
            _ = write(2, stopBytes, stopCount)
            _exit(1)
        }
    }

    /// Called when this rank's command has finished and said what it had to say: from then on a
    /// SIGTERM (the runtime tearing the job down because another rank already exited with an
    /// error) exits silently with `status`, instead of claiming the rank was stopped.
    public static func commandEnded(status: Int32) {
        endedStatus = status
        signal(SIGTERM) { _ in _exit(endedStatus) }
    }
}
