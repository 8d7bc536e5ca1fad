/// Scrolling arithmetic shared by lists, outlines and tables.
public enum ListViewport {
    /// The first visible row for `count` rows in `height` rows with `selected` kept visible:
    /// the selection stays in the middle once the list scrolls, and the end never leaves a gap.
    public static func firstRow(selected: Int?, count: Int, height: Int) -> Int {
        guard height > 0, count > height, let selected else { return 0 }
        return max(0, min(count - height, selected - height / 2))
    }

    /// The index of the row shown at screen line `y` of a list whose first visible line is `top`
    /// (scrolled as `firstRow` says), or nil below its last row.
    public static func row(atLine y: Int, top: Int, selected: Int?, count: Int, height: Int) -> Int? {
        let index = firstRow(selected: selected, count: count, height: height) + y - top
        return index >= 0 && index < count ? index : nil
    }
}
