/// What the Data screen remembers between keys.
public struct DataScreenState: Sendable, Hashable {
    /// The training example shown in the example browser (0-based).
    public var exampleIndex = 0
    /// Scroll position in the example's text, in wrapped lines.
    public var exampleScroll = 0
    /// Selected row in the labels-by-frequency list.
    public var labelSelection = 0

    /// The initial state.
    public init() {}
}
