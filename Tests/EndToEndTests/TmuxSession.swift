import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tmux server of its own (unique `-L` socket) running one command in a detached session, driven
/// like a person would: send keys, resize, read the screen.
///
/// tmux is started with `posix_spawn`, never Foundation's `Process`: the tmux server inherits the
/// descriptors `Process` watches, so `waitUntilExit()` would never return.
final class TmuxSession {
    let socket: String
    let name = "wb"

    /// The tmux executable, or nil when tmux is not installed.
    static let executable: String? = {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/tmux"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }()

    /// Starts `command` in a new detached session of `width` × `height`.
    init(command: String, width: Int, height: Int, directory: String) throws {
        socket = "xmr-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let status = Self.spawn(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)", "-c", directory,
                                 command], socket: socket).status
        if status != 0 { throw TmuxError(message: "tmux new-session failed with status \(status)") }
    }

    deinit { _ = Self.spawn(["kill-server"], socket: socket) }

    /// Sends tmux key names (e.g. "Enter", "Down", "q").
    func send(_ keys: String...) {
        _ = Self.spawn(["send-keys", "-t", name] + keys, socket: socket)
    }

    /// Types `text` literally.
    func type(_ text: String) {
        _ = Self.spawn(["send-keys", "-t", name, "-l", text], socket: socket)
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) {
        _ = Self.spawn(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"], socket: socket)
    }

    /// The visible screen as text.
    func screen() -> String {
        Self.spawn(["capture-pane", "-p", "-t", name], socket: socket, captureOutput: true).output
    }

    /// The visible screen with its colours and attributes as escape sequences (`capture-pane -e`).
    func styledScreen() -> String {
        Self.spawn(["capture-pane", "-p", "-e", "-t", name], socket: socket, captureOutput: true).output
    }

    /// Polls the screen until `predicate` holds or `seconds` pass; returns the last screen and
    /// whether the predicate held.
    func waitUntil(seconds: Double, _ predicate: (String) -> Bool) -> (screen: String, ok: Bool) {
        let deadline = Date().addingTimeInterval(seconds)
        var last = screen()
        while !predicate(last) {
            if Date() > deadline { return (last, false) }
            usleep(150_000)
            last = screen()
        }
        return (last, true)
    }

    /// Polls until the screen contains `text`.
    func waitFor(_ text: String, seconds: Double = 20) -> (screen: String, ok: Bool) {
        waitUntil(seconds: seconds) { $0.contains(text) }
    }

    /// Runs tmux with `arguments` on `socket`; stdout captured when asked, else discarded.
    static func spawn(_ arguments: [String], socket: String, captureOutput: Bool = false) -> (status: Int32, output: String) {
        guard let tmux = executable else { return (-1, "") }
        let argv = [tmux, "-L", socket] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeFDs: [Int32] = [-1, -1]
        if captureOutput {
            guard pipe(&pipeFDs) == 0 else { return (-1, "") }
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
            posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArgs { free(pointer) } }
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = environment["LANG"] ?? "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        var cEnv: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in cEnv { free(pointer) } }
        // Tests run on worker threads whose signal mask blocks signals; a tmux server spawned with
        // that mask passes it on, and the workbench would never see SIGWINCH. Start with an empty mask.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attributes, &cArgs, &cEnv)
        var output = ""
        if captureOutput {
            close(pipeFDs[1])
            if rc == 0 {
                var data = [UInt8]()
                var chunk = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = read(pipeFDs[0], &chunk, chunk.count)
                    if n <= 0 { break }
                    data.append(contentsOf: chunk[0..<n])
                }
                output = String(decoding: data, as: UTF8.self)
            }
            close(pipeFDs[0])
        }
        guard rc == 0 else { return (rc, "") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return ((status >> 8) & 0xFF, output)
    }
}

/// A tmux command failed.
struct TmuxError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
