/// The row of screen tabs at the top of the workbench.
public enum TabBar {
    /// Column ranges of each tab, for drawing and for mouse clicks.
    public static func ranges(titles: [String]) -> [Range<Int>] {
        var x = 1
        var result: [Range<Int>] = []
        for (i, title) in titles.enumerated() {
            let w = label(i, title).displayWidth
            result.append(x..<(x + w))
            x += w + 1
        }
        return result
    }

    /// The text of tab `index`: " 1 Data ".
    static func label(_ index: Int, _ title: String) -> String { " \(index + 1) \(title) " }
}
