/// A grid of styled cells that every screen renders into; the terminal backend draws it, and
/// tests compare its text with golden snapshots.
public struct ScreenBuffer: Sendable, Equatable {
    /// Width in columns.
    public let width: Int
    /// Height in rows.
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    /// Creates a blank buffer.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y` (a blank cell outside the buffer).
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, x < width, y >= 0, y < height else { return .blank }
            return cells[y * width + x]
        }
        set {
            guard x >= 0, x < width, y >= 0, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Sets one cell; a wide grapheme that does not fit before `limit` becomes a space.
    /// Returns the number of columns used.
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: CellStyle = .plain,
                             limit: Int? = nil) -> Int {
        let end = min(limit ?? width, width)
        guard y >= 0, y < height, x >= 0, x < end else { return 0 }
        let w = DisplayWidth.of(character)
        if w == 0 { return 0 }
        clearWideNeighbours(x: x, y: y)
        if w == 2 {
            guard x + 1 < end else {
                self[x, y] = Cell(" ", style: style)
                return 1
            }
            clearWideNeighbours(x: x + 1, y: y)
            self[x, y] = Cell(character, style: style)
            self[x + 1, y] = Cell(" ", style: style, isContinuation: true)
            return 2
        }
        self[x, y] = Cell(character, style: style)
        return 1
    }

    /// Writes `text` at (`x`, `y`), clipped to `maxWidth` columns and to the buffer; control
    /// characters are dropped and tabs become spaces. Returns the number of columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain,
                               maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        var column = x
        for c in text {
            if column >= limit { break }
            let glyph: Character = c == "\t" ? " " : c
            if column < 0 {
                column += DisplayWidth.of(glyph)
                continue
            }
            column += put(glyph, x: column, y: y, style: style, limit: limit)
        }
        return max(0, column - x)
    }

    /// Writes `text` into a column of `width` cells with the given alignment, truncating with "…".
    public mutating func write(_ text: String, x: Int, y: Int, width: Int, alignment: TextAlignment,
                               style: CellStyle = .plain) {
        guard width > 0 else { return }
        write(text.padded(toWidth: width, alignment: alignment), x: x, y: y, style: style, maxWidth: width)
    }

    /// Fills a rectangle with one grapheme and style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: CellStyle = .plain) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                self[column, row] = Cell(character, style: style)
            }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping its text.
    public mutating func restyle(_ rect: Rect, _ change: (inout CellStyle) -> Void) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                change(&cells[row * width + column].style)
            }
        }
    }

    /// The text of row `y` (continuation cells skipped), trailing spaces kept.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !self[x, y].isContinuation { text.append(self[x, y].character) }
        return text
    }

    /// The whole buffer as text, one line per row, trailing spaces trimmed (for snapshots).
    public func renderedText() -> String {
        (0..<height).map { y in
            var text = line(y)
            while text.last == " " { text.removeLast() }
            return text
        }.joined(separator: "\n")
    }

    /// Blanks the other half of a wide grapheme that (`x`, `y`) is about to overwrite.
    private mutating func clearWideNeighbours(x: Int, y: Int) {
        let cell = self[x, y]
        if cell.isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        } else if DisplayWidth.of(cell.character) == 2, x + 1 < width, self[x + 1, y].isContinuation {
            self[x + 1, y] = Cell(" ", style: cell.style)
        }
    }
}
