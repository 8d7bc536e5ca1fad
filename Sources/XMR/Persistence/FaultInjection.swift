import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points inside xmr's saves where a test can simulate a crash, to prove that a kill at
/// the worst moment leaves the previous files loadable.
///
/// A process started with `XMR_FAULT_KILL_AT=POINT` sends itself SIGKILL on reaching `POINT`,
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
    }

    private final class HandlerBox: @unchecked Sendable {
        let lock = NSLock()
        var handler: (@Sendable (Point) throws -> Void)?
    }

    private static let box = HandlerBox()
    private static let killPoint = ProcessInfo.processInfo.environment[environmentVariable]

    /// A test's handler, called at every point (nil: none).
    public static var handler: (@Sendable (Point) throws -> Void)? {
        get { box.lock.withLock { box.handler } }
        set { box.lock.withLock { box.handler = newValue } }
    }

    /// Called by a save at `point`: kills the process when the environment names it, and runs the
    /// test handler.
    public static func reach(_ point: Point) throws {
        if killPoint == point.rawValue { kill(getpid(), SIGKILL) }
        try handler?(point)
    }
}
