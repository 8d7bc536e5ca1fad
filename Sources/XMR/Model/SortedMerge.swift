/// Merges of ascending, duplicate-free id lists.
enum SortedMerge {
    /// Appends the union of `a` and `b` to `out`, ascending.
    static func union(_ a: ArraySlice<Int32>, _ b: ArraySlice<Int32>, into out: inout [Int32]) {
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex && j < b.endIndex {
            if a[i] < b[j] { out.append(a[i]); i += 1 } else if a[i] > b[j] { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1; j += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
    }

    /// Writes into `flags` (one per element of `rows`) whether each row is in `members` (a subset or not).
    static func membership(rows: [Int32], members: ArraySlice<Int32>, into flags: inout [Bool]) {
        flags.removeAll(keepingCapacity: true)
        var j = members.startIndex
        for r in rows {
            while j < members.endIndex && members[j] < r { j += 1 }
            flags.append(j < members.endIndex && members[j] == r)
        }
    }
}
