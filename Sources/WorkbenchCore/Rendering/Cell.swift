/// One terminal cell: a grapheme and its style.
///
/// A wide grapheme (East Asian wide, most emoji) occupies two cells: the first holds the
/// grapheme, the second is a *continuation* cell that draws nothing.
public struct Cell: Sendable, Hashable {
    /// The grapheme shown in this cell (a space when empty).
    public var character: Character
    /// How the grapheme is drawn.
    public var style: CellStyle
    /// True when this cell is the right half of a wide grapheme in the cell to its left.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(_ character: Character = " ", style: CellStyle = .plain, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// An empty cell.
    public static let blank = Cell()
}
