/// A grid of characters, each with its `ChartInk`: what charts draw into before a screen buffer
/// gives the inks their styles. Writes outside the grid are clipped.
public struct ChartCanvas: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Characters, row by row.
    public private(set) var characters: [Character]
    /// Inks, row by row.
    public private(set) var inks: [ChartInk]

    /// A blank canvas.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        characters = Array(repeating: " ", count: self.width * self.height)
        inks = Array(repeating: .blank, count: self.width * self.height)
    }

    /// A blank `width` × `height` canvas for a chart that needs at least `minimumWidth` ×
    /// `minimumHeight`; a smaller one says "(too small for the chart)" and `fits` is false.
    public static func forChart(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int) -> (canvas: ChartCanvas, fits: Bool) {
        var canvas = ChartCanvas(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            canvas.write("(too small for the chart)", x: 0, y: 0, ink: .label)
            return (canvas, false)
        }
        return (canvas, true)
    }

    /// The character and ink at column `x`, row `y` (a blank outside).
    public subscript(x: Int, y: Int) -> (character: Character, ink: ChartInk) {
        guard x >= 0, y >= 0, x < width, y < height else { return (" ", .blank) }
        return (characters[y * width + x], inks[y * width + x])
    }

    /// Puts one character.
    public mutating func put(_ character: Character, x: Int, y: Int, ink: ChartInk) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        characters[y * width + x] = character
        inks[y * width + x] = ink
    }

    /// Writes `text` from column `x` (one column per character; charts use single-width text).
    public mutating func write(_ text: String, x: Int, y: Int, ink: ChartInk) {
        for (i, character) in text.enumerated() { put(character, x: x + i, y: y, ink: ink) }
    }

    /// Row `y` as text, trailing spaces kept.
    public func line(_ y: Int) -> String {
        String(characters[(y * width)..<((y + 1) * width)])
    }

    /// Every row, trailing spaces removed, joined by newlines (for tests).
    public var text: String {
        (0..<height).map { y in
            var row = line(y)
            while row.last == " " { row.removeLast() }
            return row
        }.joined(separator: "\n")
    }
}
