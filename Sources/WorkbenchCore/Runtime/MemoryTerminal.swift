import Foundation

/// An in-process terminal for tests: keys come from a queue the test fills, frames are kept in
/// memory (the last one is `screen`, with its styles). With it, `WorkbenchRuntime` runs whole
/// scenarios (train, query, drill-down) inside `swift test`, without a pty.
public final class MemoryTerminal: WorkbenchTerminal {
    /// The size the runtime sees.
    public private(set) var size: (width: Int, height: Int)
    /// The last frame drawn.
    public private(set) var screen: ScreenBuffer
    /// Frames drawn so far.
    public private(set) var frameCount = 0
    /// Keys not read yet, oldest first.
    public private(set) var pendingKeys: [Key] = []
    /// How long `readKey` waits when no key is queued (a tick; short, so tests run fast).
    public var idleSeconds: TimeInterval = 0.002

    /// A terminal of `width` × `height` with an empty screen.
    public init(width: Int, height: Int) {
        size = (width, height)
        screen = ScreenBuffer(width: width, height: height)
    }

    /// Queues keys, read one per tick.
    public func press(_ keys: Key...) { pendingKeys += keys }

    /// Queues keys, read one per tick.
    public func press(_ keys: [Key]) { pendingKeys += keys }

    /// Queues the characters of `text`.
    public func type(_ text: String) { pendingKeys += Key.typing(text) }

    /// Changes the size and queues the resize key a real terminal would deliver.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        pendingKeys.append(.resize(width: width, height: height))
    }

    /// The last frame as text, one line per row.
    public var text: String { screen.renderedText() }

    /// Keeps `buffer` as the screen.
    public func draw(_ buffer: ScreenBuffer) {
        screen = buffer
        frameCount += 1
    }

    /// The next queued key; with none, waits one idle tick and returns nil.
    public func readKey() -> Key? {
        guard pendingKeys.isEmpty else { return pendingKeys.removeFirst() }
        Thread.sleep(forTimeInterval: idleSeconds)
        return nil
    }
}
