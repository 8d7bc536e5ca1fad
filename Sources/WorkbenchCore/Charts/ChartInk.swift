/// What a chart cell shows, so a renderer can colour axes, labels and each series apart.
public enum ChartInk: Sendable, Hashable {
    /// Nothing.
    case blank
    /// Axis lines and ticks.
    case axis
    /// Axis labels, titles and values.
    case label
    /// The series with this index (markers, lines or bars).
    case series(Int)
}
