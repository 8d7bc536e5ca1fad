import CReadline
import Foundation
import WorkbenchCore

/// GNU readline as the line editor of the Query prompt and the Tree search, through its callback
/// interface: curses keeps the screen and the key loop; each key the workbench reads is turned
/// back into the bytes a terminal sends and handed to `rl_callback_read_char`; readline's
/// redisplay hook reports the line, the cursor and its prompt (the Ctrl-R search shows there),
/// which become `WorkbenchEvent`s for the reducer. So emacs keys, Alt-b/Alt-f, Ctrl-R and
/// `~/.inputrc` work as in any readline program. readline never touches the terminal: no signal
/// handlers, no terminal modes, output to /dev/null.
///
/// readline keeps its state in C globals, so there is one instance, used on the main thread only.
final class ReadlineLineInput {
    /// What the C callbacks hand back to Swift. Main thread only (readline calls back synchronously
    /// from `rl_callback_read_char`).
    private struct Exchange {
        /// Bytes waiting for readline's getc.
        var pending: [UInt8] = []
        /// Set by the redisplay hook.
        var redisplayed = false
        /// Set by the line handler: the submitted line, or nil for end of input (Ctrl-D).
        var submitted: String??
    }

    nonisolated(unsafe) private static var exchange = Exchange()

    /// The prompt being edited, while readline's handler is installed.
    private(set) var active: LinePrompt?
    private let nullStream: UnsafeMutablePointer<FILE>?

    /// The one instance (readline's state is global).
    nonisolated(unsafe) static let shared = ReadlineLineInput()

    private init() {
        nullStream = fopen("/dev/null", "w")
        xmr_rl_configure(nullStream, Self.getc, Self.redisplay, Self.inputAvailable)
    }

    /// Starts editing `prompt` with `history` (oldest first) and `text` already typed.
    func activate(_ prompt: LinePrompt, history: [String], text: String) {
        if active != nil { deactivate() }
        clear_history()
        for line in history { add_history(line) }
        using_history()
        Self.exchange = Exchange()
        rl_callback_handler_install(Self.promptText(prompt), Self.lineHandler)
        if !text.isEmpty {
            rl_insert_text(text)
        }
        active = prompt
    }

    /// Stops editing (the prompt lost the keyboard).
    func deactivate() {
        guard active != nil else { return }
        rl_callback_handler_remove()
        active = nil
    }

    /// Hands `key` to readline; returns what changed as events (nothing for a key it only buffered,
    /// such as the first byte of Alt-b). Esc alone leaves the prompt.
    func feed(_ key: Key) -> [WorkbenchEvent] {
        guard let prompt = active else { return [] }
        if key == .escape {
            deactivate()
            return [.lineCancelled(prompt)]
        }
        guard let bytes = Self.bytes(of: key) else { return [] }
        Self.exchange.pending += bytes
        Self.exchange.redisplayed = false
        Self.exchange.submitted = nil
        while !Self.exchange.pending.isEmpty, active != nil {
            rl_callback_read_char()
            if Self.exchange.submitted != nil { break }
        }
        Self.exchange.pending = []
        if let submitted = Self.exchange.submitted {
            deactivate()
            guard let line = submitted else { return [.lineCancelled(prompt)] }
            return [.lineSubmitted(prompt, line)]
        }
        guard Self.exchange.redisplayed else { return [] }
        return [displayed(prompt)]
    }

    /// What readline shows now, as an event.
    private func displayed(_ prompt: LinePrompt) -> WorkbenchEvent {
        let line = String(cString: xmr_rl_line_buffer())
        let point = Int(xmr_rl_point())
        let utf8 = Array(line.utf8)
        let cursor = String(decoding: utf8.prefix(max(0, min(point, utf8.count))), as: UTF8.self).count
        let shown = String(cString: xmr_rl_display_prompt())
        return .lineEdited(prompt, text: line, cursor: cursor, label: shown == Self.promptText(prompt) ? nil : shown)
    }

    /// The prompt readline is installed with.
    private static func promptText(_ prompt: LinePrompt) -> String {
        switch prompt {
        case .query: "> "
        case .treeSearch: "/ "
        }
    }

    /// The bytes a terminal sends for `key` (ANSI sequences for the keypad keys).
    static func bytes(of key: Key) -> [UInt8]? {
        switch key {
        case .character(let c): return Array(String(c).utf8)
        case .alt(let c): return [0x1B] + Array(String(c).utf8)
        case .enter: return [0x0D]
        case .backspace: return [0x7F]
        case .up: return Array("\u{1B}[A".utf8)
        case .down: return Array("\u{1B}[B".utf8)
        case .right: return Array("\u{1B}[C".utf8)
        case .left: return Array("\u{1B}[D".utf8)
        case .home: return Array("\u{1B}[H".utf8)
        case .end: return Array("\u{1B}[F".utf8)
        case .delete: return Array("\u{1B}[3~".utf8)
        default: return nil
        }
    }

    // MARK: readline's callbacks (C function pointers; they reach Swift state through `exchange`)

    private static let getc: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
        guard !exchange.pending.isEmpty else { return EOF }
        return Int32(exchange.pending.removeFirst())
    }

    private static let inputAvailable: @convention(c) () -> Int32 = {
        exchange.pending.isEmpty ? 0 : 1
    }

    private static let redisplay: @convention(c) () -> Void = {
        exchange.redisplayed = true
    }

    private static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
        guard let line else {
            exchange.submitted = .some(nil)
            return
        }
        let text = String(cString: line)
        free(line)
        if !text.trimmingCharacters(in: .whitespaces).isEmpty { add_history(text) }
        exchange.submitted = .some(text)
    }
}
