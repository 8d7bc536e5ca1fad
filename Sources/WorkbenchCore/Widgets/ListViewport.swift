/// Scrolling arithmetic shared by lists, outlines and tables.
public enum ListViewport {
    /// The first visible row for `count` rows in `height` rows with `selected` kept visible:
    /// the selection stays in the middle once the list scrolls, and the end never leaves a gap.
    public static func firstRow(selected: Int?, count: Int, height: Int) -> Int {
        guard height > 0, count > height, let selected else { return 0 }
        return max(0, min(count - height, selected - height / 2))
    }
}
