/// A label and its score on a 2-means split direction, ordered by score, then by label id.
struct ScoredLabel {
    var score: Float
    var label: Int32

    /// The split's total order: lower score first, lower label id first on equal scores.
    @inline(__always)
    static func precedes(_ a: ScoredLabel, _ b: ScoredLabel) -> Bool {
        a.score < b.score || (a.score == b.score && a.label < b.label)
    }

    /// Reorders `items` so that `items[k]` is the element of rank k in the split's order, with
    /// every element before it preceding it and every element after it not (quickselect, O(n)
    /// expected; median-of-three pivots keep it deterministic).
    static func select(rank k: Int, in items: UnsafeMutableBufferPointer<ScoredLabel>) {
        var lo = 0, hi = items.count - 1
        while lo < hi {
            // Median of three as pivot, moved to `hi`.
            let mid = lo + (hi - lo) / 2
            if precedes(items[mid], items[lo]) { items.swapAt(mid, lo) }
            if precedes(items[hi], items[lo]) { items.swapAt(hi, lo) }
            if precedes(items[mid], items[hi]) { items.swapAt(mid, hi) }
            let pivot = items[hi]
            var store = lo
            for i in lo..<hi where precedes(items[i], pivot) {
                items.swapAt(i, store)
                store += 1
            }
            items.swapAt(store, hi)
            if store == k { return }
            if store < k { lo = store + 1 } else { hi = store - 1 }
        }
    }
}
