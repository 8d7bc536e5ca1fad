import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points inside xmr's saves where a test can simulate a crash, to prove that a kill at
/// the worst moment leaves the previous files loadable.
///
/// A process started with `XMR_FAULT_KILL_AT=POINT` (or `POINT@N`: the N-th time) sends itself
/// SIGKILL on reaching `POINT`,
/// which is a real kill: nothing is cleaned up. In-process tests set `handler` instead, which
/// throws at the point; the saves place every point outside their cleanup code, so a throw there
/// leaves the disk exactly as a kill would.
public enum FaultInjection {
    /// The environment variable naming the point at which the process kills itself.
    public static let environmentVariable = "XMR_FAULT_KILL_AT"

    /// A save's points, in order.
    public enum Point: String, Sendable, CaseIterable {
        /// A model's files are written to the temporary folder, nothing replaced yet.
        case modelBeforeReplace = "model-before-replace"
        /// The new model folder has replaced the old one, whose copy is not removed yet.
        case modelAfterReplace = "model-after-replace"
        /// A session's temporary file is written and flushed, not yet renamed over the session.
        case sessionBeforeRename = "session-before-rename"
        /// Half of a fine-tuning checkpoint's temporary file is written.
        case checkpointPartlyWritten = "checkpoint-partly-written"
        /// A fine-tuning checkpoint's temporary file is written and flushed, not yet renamed over the checkpoint.
        case checkpointBeforeRename = "checkpoint-before-rename"
    }

    private final class HandlerBox: @unchecked Sendable {
        let lock = NSLock()
        var handler: (@Sendable (Point) throws -> Void)?
    }

    private static let box = HandlerBox()
    /// `POINT`, or `POINT@N`: the N-th time the process reaches it (1-based; points a run
    /// reaches many times, like a checkpoint's).
    private static let killAt: (point: String, count: Int)? = {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable] else { return nil }
        let parts = text.split(separator: "@", maxSplits: 1)
        guard parts.count == 2 else { return (text, 1) }
        return (String(parts[0]), max(1, Int(parts[1]) ?? 1))
    }()
    private static let reached = Atomic<Int>(0)

    /// A test's handler, called at every point (nil: none).
    public static var handler: (@Sendable (Point) throws -> Void)? {
        get { box.lock.withLock { box.handler } }
        set { box.lock.withLock { box.handler = newValue } }
    }

    /// Called by a save at `point`: kills the process when the environment names it, and runs the
    /// test handler.
    public static func reach(_ point: Point) throws {
        if let killAt, killAt.point == point.rawValue, reached.add(1, ordering: .relaxed).newValue >= killAt.count {
            kill(getpid(), SIGKILL)
        }
        try handler?(point)
    }
}
