/// The rows and per-problem signs of a group of sibling nodes solved together.
///
/// The rows are the union of the members' rows (the parent's points, plus each member's positives
/// when `addPositives`), ascending; `signs[i * width + k]` is +1 when row i is a positive of member
/// k, −1 a negative, 0 not one of its rows.
struct SiblingProblem {
    /// The union of the members' rows, ascending.
    private(set) var rows: [Int32] = []
    /// `width` signs per row.
    private(set) var signs: [Int8] = []
    private var memberRows: [Int32] = []
    private var flags: [Bool] = []
    private var merged: [Int32] = []

    /// Builds the problem of `members` (children of one parent whose points are `base`); with
    /// `superset` (ascending, holding every member's rows) its rows are those instead of the union.
    mutating func gather(members: ArraySlice<Int32>, base: ArraySlice<Int32>, positives: NodePointSets,
                         addPositives: Bool, width: Int, within superset: [Int32]? = nil) {
        rows.removeAll(keepingCapacity: true)
        rows.append(contentsOf: superset.map { $0[...] } ?? base)
        if addPositives && superset == nil {
            for child in members {
                merged.removeAll(keepingCapacity: true)
                SortedMerge.union(rows[...], positives.points(of: Int(child)), into: &merged)
                swap(&rows, &merged)
            }
        }
        signs.removeAll(keepingCapacity: true)
        signs.append(contentsOf: repeatElement(0, count: rows.count * width))
        for (k, child) in members.enumerated() {
            SortedMerge.childProblem(base: base, positives: positives.points(of: Int(child)), addPositives: addPositives,
                                     rows: &memberRows, isPositive: &flags)
            var position = 0
            for (r, positive) in zip(memberRows, flags) {
                while rows[position] < r { position += 1 }
                signs[position * width + k] = positive ? 1 : -1
            }
        }
    }
}
