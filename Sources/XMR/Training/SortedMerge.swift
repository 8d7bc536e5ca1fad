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

    /// Replaces `out` with `base`, joined with `extra` when `addExtra` (both ascending).
    static func rows(_ base: ArraySlice<Int32>, adding extra: ArraySlice<Int32>, when addExtra: Bool,
                     into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        if addExtra {
            union(base, extra, into: &out)
        } else {
            out.append(contentsOf: base)
        }
    }

    /// One child's binary problem: its rows (the parent's `base`, plus the child's `positives` when
    /// `addPositives`) into `rows`, and whether each row is a positive into `isPositive`.
    static func childProblem(base: ArraySlice<Int32>, positives: ArraySlice<Int32>, addPositives: Bool,
                             rows: inout [Int32], isPositive: inout [Bool]) {
        Self.rows(base, adding: positives, when: addPositives, into: &rows)
        membership(rows: rows, members: positives, into: &isPositive)
    }
}
