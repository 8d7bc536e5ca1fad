import CNCurses
import CTermShims
import Foundation
import WorkbenchCore

/// The ncurses backend: owns the terminal from `newterm` to `endwin`, reads keys (and mouse
/// clicks) with a 50 ms timeout that is the UI tick, and draws `ScreenBuffer`s, sending only the
/// cells that changed since the previous frame. Every call happens on the main thread.
final class CursesTerminal {
    /// Why the terminal could not be opened.
    struct OpenError: Error, CustomStringConvertible {
        let description: String
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let utf8: Bool
    private let colors: Bool
    private var previous: ScreenBuffer?
    private var isOpen = true

    /// Opens the terminal: UTF-8 locale (or ASCII graphics), cbreak, no echo, keypad, 50 ms key
    /// timeout, hidden cursor, colours when available, and mouse clicks when `mouse` is true.
    init(mouse: Bool) throws {
        utf8 = term_setlocale_utf8() != 0
        let termName = String(cString: term_name())
        if termName.isEmpty || termName == "dumb" {
            throw OpenError(description: "the workbench needs a real terminal (TERM is \(termName.isEmpty ? "unset" : "dumb"))")
        }
        guard isatty(0) != 0, isatty(1) != 0 else {
            throw OpenError(description: "the workbench needs a terminal on stdin and stdout")
        }
        // A process started from a thread that blocks signals inherits that mask (tmux started from
        // a test's worker thread does this); ncurses must see SIGWINCH, and the quit signals must arrive.
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGWINCH, SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, number) }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        guard let screen = term_newterm() else {
            throw OpenError(description: "cannot open the terminal \"\(termName)\" (unknown to terminfo?)")
        }
        self.screen = screen
        window = term_stdscr()
        cbreak()
        noecho()
        nonl()
        // Ctrl-S must not freeze the UI and Ctrl-\ must not kill it with a crash trace: both reach
        // the workbench as ordinary (ignored) keys. endwin restores the user's settings.
        _ = term_disable_flow_control_and_quit_key()
        keypad(window, true)
        wtimeout(window, 50)
        term_set_escdelay(25)
        curs_set(0)
        colors = has_colors()
        if colors {
            start_color()
            use_default_colors()
            init_pair(1, Int16(COLOR_CYAN), -1)
            init_pair(2, Int16(COLOR_GREEN), -1)
            init_pair(3, Int16(COLOR_RED), -1)
            init_pair(4, Int16(COLOR_YELLOW), -1)
            init_pair(5, Int16(COLOR_BLUE), -1)
        }
        if mouse {
            mousemask(mmask_t(term_mouse_button1_pressed() | term_mouse_button1_clicked()), nil)
            mouseinterval(0)
        }
    }

    deinit { close() }

    /// Restores the terminal (endwin). Safe to call more than once.
    func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
        delscreen(screen)
    }

    /// The terminal's size now.
    var size: (width: Int, height: Int) { (Int(term_max_x(window)), Int(term_max_y(window))) }

    /// The next key, or nil when the 50 ms tick passed without one.
    func readKey() -> Key? {
        var code: UInt32 = 0
        let rc = term_read_key(window, &code)
        if rc == ERR { return nil }
        if rc == KEY_CODE_YES { return functionKey(Int32(code)) }
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return escapeOrAlt()
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown }
            return .character(Character(scalar))
        }
    }

    /// Esc alone, or Alt plus the character that arrived with it (terminals send Alt-b as Esc b;
    /// ncurses has already waited ESCDELAY for a keypad sequence).
    private func escapeOrAlt() -> Key {
        wtimeout(window, 0)
        defer { wtimeout(window, 50) }
        var code: UInt32 = 0
        let rc = term_read_key(window, &code)
        if rc == OK, code != 27, let scalar = Unicode.Scalar(code) { return .alt(Character(scalar)) }
        if rc == KEY_CODE_YES { ungetch(Int32(code)) }
        return .escape
    }

    /// Decodes a keypad function key.
    private func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_RESIZE:
            previous = nil
            let (width, height) = size
            return .resize(width: width, height: height)
        case KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0
            var buttons: UInt = 0
            guard term_mouse_event(&x, &y, &buttons) == OK else { return .unknown }
            let wanted = term_mouse_button1_pressed() | term_mouse_button1_clicked()
            return buttons & wanted != 0 ? .mouse(x: Int(x), y: Int(y)) : .unknown
        default: return .unknown
        }
    }

    /// Draws `buffer`, sending only cells that differ from the last frame (all of them after a
    /// resize), in runs of equal style.
    func draw(_ buffer: ScreenBuffer) {
        let full = previous == nil || previous!.width != buffer.width || previous!.height != buffer.height
        if full { werase(window) }
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                if !full, let previous, previous[x, y] == buffer[x, y] {
                    x += 1
                    continue
                }
                // A run of changed cells with one style.
                let style = buffer[x, y].style
                let start = x
                var text = ""
                while x < buffer.width {
                    let cell = buffer[x, y]
                    let changed = full || previous.map { $0[x, y] != cell } ?? true
                    if !changed || cell.style != style { break }
                    if !cell.isContinuation { text.append(utf8 ? cell.character : AsciiFallback.map(cell.character)) }
                    if !utf8, cell.isContinuation { text.append("?") }
                    x += 1
                }
                // Never start a run on the right half of a wide character.
                if buffer[start, y].isContinuation, start > 0 {
                    continue
                }
                _ = term_put_utf8(window, Int32(y), Int32(start), text, attributes(style))
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    /// Forces the next `draw` to repaint every cell.
    func invalidate() {
        previous = nil
        clearok(window, true)
    }

    /// curses attributes for a cell style; without colours, roles become bold/dim/underline.
    private func attributes(_ style: CellStyle) -> UInt32 {
        var attrs = term_attr_normal()
        if style.bold { attrs |= term_attr_bold() }
        if style.reverse { attrs |= term_attr_reverse() }
        if style.dim { attrs |= term_attr_dim() }
        if style.underline { attrs |= term_attr_underline() }
        if colors {
            switch style.role {
            case .normal: break
            case .accent: attrs |= term_color_pair(1)
            case .good: attrs |= term_color_pair(2)
            case .bad: attrs |= term_color_pair(3)
            case .warning: attrs |= term_color_pair(4)
            case .muted: attrs |= term_attr_dim()
            }
        } else {
            switch style.role {
            case .normal: break
            case .accent, .good, .warning: attrs |= term_attr_bold()
            case .bad: attrs |= term_attr_bold() | term_attr_underline()
            case .muted: attrs |= term_attr_dim()
            }
        }
        return attrs
    }
}
