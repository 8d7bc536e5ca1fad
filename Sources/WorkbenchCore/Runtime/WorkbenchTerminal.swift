/// What the workbench's runtime needs from a terminal: its size, a way to draw a frame and the
/// next key. The curses backend of `xmr` is one; `MemoryTerminal` (keys from a script, frames kept
/// in memory) is the other, so whole scenarios run in `swift test`.
public protocol WorkbenchTerminal: AnyObject {
    /// The terminal's size now, in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer` (a backend may send only the cells that changed since the last frame).
    func draw(_ buffer: ScreenBuffer)
    /// The next key, or nil when one UI tick (about 50 ms) passed without one.
    func readKey() -> Key?
}
