import Foundation

/// Parses the bytes of an Extreme Classification Repository text file into two CSR matrices.
///
/// Works on the raw bytes, one line at a time, without making a `String` per token. Rules are
/// documented on `XMCTextFile`.
struct XMCTextParser {
    /// The whole file.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Used in error messages.
    let path: String
    /// Offset of the next unread byte.
    private var position = 0
    /// 1-based number of the line being parsed.
    private var line = 1
    /// Where line 1 starts: after a UTF-8 byte-order mark, when the file has one.
    private let start: Int
    /// The first point line that was empty (a point without labels or features), for messages.
    private var firstEmptyLine: Int?

    /// A parser over `bytes`; `path` names the file in errors.
    init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        self.bytes = bytes
        self.path = path
        start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let comma = UInt8(ascii: ",")
    private static let colon = UInt8(ascii: ":")

    @inline(__always) private static func isBlank(_ b: UInt8) -> Bool { b == space || b == tab }

    /// An error at the current line.
    private func error(_ message: String) -> DatasetError {
        DatasetError(path: path, line: line, message: message)
    }

    /// The text of the bytes in `range`, shortened for messages.
    private func text(_ range: Range<Int>) -> String {
        let clipped = range.lowerBound..<min(range.upperBound, range.lowerBound + 40)
        let s = PrintableText.escaped(String(decoding: UnsafeBufferPointer(rebasing: bytes[clipped]), as: UTF8.self))
        return clipped.count < range.count ? s + "…" : s
    }

    /// The end of the current line's content (before `\r\n` or `\n`), and the start of the next line.
    @inline(__always)
    private func lineBounds(from start: Int) -> (contentEnd: Int, next: Int) {
        var end = bytes.count
        if start < bytes.count, let base = bytes.baseAddress,
           let hit = memchr(base + start, Int32(Self.newline), bytes.count - start) {
            end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
        let next = end < bytes.count ? end + 1 : end
        var contentEnd = end
        if contentEnd > start, bytes[contentEnd - 1] == Self.carriageReturn { contentEnd -= 1 }
        return (contentEnd, next)
    }

    /// Parses the whole file.
    mutating func parse() throws -> XMCTextFile {
        let (points, featureCount, labelCount) = try header()
        let file = try parsePoints(0..<points, declared: points, featureCount: featureCount, labelCount: labelCount)
        line = 1
        try checkPlausible(featureCount, kind: "features", largestUsed: file.features.columnIndices.max())
        try checkPlausible(labelCount, kind: "labels", largestUsed: file.labels.columnIndices.max())
        return file
    }

    /// Where the next point's line starts (for a reader that parses a file block by block).
    var resumePosition: Int { position }

    /// A parser over `bytes` that resumes at byte `position`, the start of a point's line.
    init(bytes: UnsafeBufferPointer<UInt8>, path: String, resumingAt position: Int) {
        self.init(bytes: bytes, path: path)
        self.position = position
    }

    /// Reads line 1 (`points features labels`), refusing more points than the rest of the file
    /// could hold before anything is allocated for them.
    mutating func header() throws -> (points: Int, features: Int, labels: Int) {
        let (points, featureCount, labelCount) = try parseHeader()
        // Every point but the last takes at least its line end.
        let plausiblePoints = bytes.count - position + 1
        if points > plausiblePoints {
            throw error("bad header: it declares \(points) points, but the rest of the file has only "
                        + "\(bytes.count - position) bytes (at most \(plausiblePoints) lines)")
        }
        return (points, featureCount, labelCount)
    }

    /// Parses points `range` (the next ones in the file, of the `points` the header declares)
    /// into matrices of the header's shape; after the last point, checks that only blank lines follow.
    mutating func parsePoints(_ range: Range<Int>, declared points: Int, featureCount: Int,
                              labelCount: Int) throws -> XMCTextFile {
        var featurePointers = [0]
        var labelPointers = [0]
        featurePointers.reserveCapacity(range.count + 1)
        labelPointers.reserveCapacity(range.count + 1)
        var featureIndices: [Int32] = []
        var featureValues: [Float] = []
        var labelIndices: [Int32] = []
        let estimate = range.count == points ? bytes.count / 10 : 64 * range.count
        featureIndices.reserveCapacity(estimate)
        featureValues.reserveCapacity(estimate)
        labelIndices.reserveCapacity(range.count * 4)
        for point in range {
            line = point + 2
            if position >= bytes.count {
                throw error("the file ends after \(point) points, but the header declares \(points)")
            }
            let (contentEnd, next) = lineBounds(from: position)
            if contentEnd == position, firstEmptyLine == nil { firstEmptyLine = line }
            try parsePoint(from: position, to: contentEnd,
                           featureCount: featureCount, labelCount: labelCount,
                           featureIndices: &featureIndices, featureValues: &featureValues,
                           labelIndices: &labelIndices)
            featurePointers.append(featureIndices.count)
            labelPointers.append(labelIndices.count)
            position = next
        }
        if range.upperBound == points { try checkOnlyBlankLinesRemain(points: points) }
        let features = CSRMatrix(rows: range.count, cols: featureCount, rowPointers: featurePointers,
                                 columnIndices: featureIndices, values: featureValues)
        let labels = CSRMatrix(rows: range.count, cols: labelCount, rowPointers: labelPointers,
                               columnIndices: labelIndices,
                               values: [Float](repeating: 1, count: labelIndices.count))
        return XMCTextFile(features: features, labels: labels)
    }

    /// Reads `points features labels` from line 1.
    private mutating func parseHeader() throws -> (Int, Int, Int) {
        line = 1
        let (contentEnd, next) = lineBounds(from: start)
        var numbers: [Int] = []
        var p = start
        while true {
            while p < contentEnd, Self.isBlank(bytes[p]) { p += 1 }
            if p == contentEnd { break }
            let start = p
            var value = 0
            while p < contentEnd, !Self.isBlank(bytes[p]) {
                let d = bytes[p] &- UInt8(ascii: "0")
                if d > 9 || value > Int(Int32.max) {
                    throw error("bad header '\(text(start..<contentEnd))': expected 'points features labels' (three counts)")
                }
                value = value * 10 + Int(d)
                p += 1
            }
            if value > Int(Int32.max) {
                throw error("bad header: count \(text(start..<p)) is too large")
            }
            numbers.append(value)
        }
        guard numbers.count == 3 else {
            throw error("bad header '\(text(start..<contentEnd))': expected 'points features labels' (three counts)")
        }
        for (count, kind) in [(numbers[1], "features"), (numbers[2], "labels")] where count > XMCTextFile.maximumCount {
            throw error("bad header: \(count) \(kind) is more than the \(XMCTextFile.maximumCount) supported")
        }
        position = next
        return (numbers[0], numbers[1], numbers[2])
    }

    /// Refuses a header count far beyond the ids the file uses: it would only make training and
    /// evaluation allocate for labels or features that no point has (a typo, or a hostile file).
    private func checkPlausible(_ count: Int, kind: String, largestUsed: Int32?) throws {
        let used = Int(largestUsed ?? -1) + 1
        guard count > XMCTextFile.unusedCountAllowance, count / XMCTextFile.unusedCountRatio > used else { return }
        throw error("bad header: it declares \(count) \(kind), but the points use only ids below \(used) "
                    + "(xmr accepts at most \(XMCTextFile.unusedCountRatio) times the ids in use above "
                    + "\(XMCTextFile.unusedCountAllowance))")
    }

    /// After the declared points, only blank lines may follow.
    private mutating func checkOnlyBlankLinesRemain(points: Int) throws {
        line = points + 2
        var p = position
        while p < bytes.count {
            let b = bytes[p]
            if b == Self.newline {
                line += 1
            } else if !(Self.isBlank(b) || b == Self.carriageReturn) {
                if let empty = firstEmptyLine {
                    line = empty
                    throw error("empty line: it reads as a point without labels or features, and then the file "
                                + "has more points than the \(points) the header declares (a stray blank line?)")
                }
                throw error("more points than the \(points) the header declares")
            }
            p += 1
        }
    }

    /// Parses one point's line `bytes[start..<end]`, appending its sorted entries.
    @inline(__always)
    private func parsePoint(from start: Int, to end: Int, featureCount: Int, labelCount: Int,
                            featureIndices: inout [Int32], featureValues: inout [Float],
                            labelIndices: inout [Int32]) throws {
        var p = start
        // Labels: a first token without ':' that does not start with a blank.
        if p < end, !Self.isBlank(bytes[p]) {
            var q = p
            var hasColon = false
            while q < end, !Self.isBlank(bytes[q]) {
                if bytes[q] == Self.colon { hasColon = true; break }
                q += 1
            }
            if !hasColon {
                let labelStart = labelIndices.count
                while true {
                    let (id, after) = try parseID(from: p, kind: "label", count: labelCount, end: end)
                    labelIndices.append(Int32(id))
                    p = after
                    if p < end, bytes[p] == Self.comma {
                        p += 1
                        continue
                    }
                    if p < end, !Self.isBlank(bytes[p]) {
                        throw error("label list '\(text(start..<tokenEnd(from: start, end: end)))' is not comma-separated ids")
                    }
                    break
                }
                Self.sortAndMergeLabels(&labelIndices, from: labelStart)
            }
        }
        // Features: `f:v` tokens separated by blanks.
        let featureStart = featureIndices.count
        var sorted = true
        var last: Int32 = -1
        while true {
            while p < end, Self.isBlank(bytes[p]) { p += 1 }
            if p == end { break }
            let (id, afterID) = try parseID(from: p, kind: "feature", count: featureCount, end: end)
            guard afterID < end, bytes[afterID] == Self.colon else {
                throw error("feature '\(text(p..<tokenEnd(from: p, end: end)))' is not of the form id:value")
            }
            let valueStart = afterID + 1
            let valueEnd = tokenEnd(from: valueStart, end: end)
            let token = UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd])
            guard let value = DecimalFloatParser.parse(token) else {
                throw error("value '\(text(valueStart..<valueEnd))' of feature \(id) is not a number")
            }
            guard value.isFinite else {
                throw error("value '\(text(valueStart..<valueEnd))' of feature \(id) is not finite")
            }
            let id32 = Int32(id)
            if id32 == last { throw error("feature id \(id) appears twice on one line") }
            if id32 < last { sorted = false }
            last = id32
            featureIndices.append(id32)
            featureValues.append(value)
            p = valueEnd
        }
        if !sorted {
            try sortFeatures(&featureIndices, &featureValues, from: featureStart)
        }
    }

    /// The end of the token starting at `p` (the next blank or `end`).
    @inline(__always)
    private func tokenEnd(from p: Int, end: Int) -> Int {
        var q = p
        while q < end, !Self.isBlank(bytes[q]) { q += 1 }
        return q
    }

    /// Parses a non-negative id below `count` at `p`; returns it and the offset after its digits.
    @inline(__always)
    private func parseID(from p: Int, kind: String, count: Int, end: Int) throws -> (Int, Int) {
        var q = p
        var value = 0
        while q < end {
            let d = bytes[q] &- UInt8(ascii: "0")
            if d > 9 { break }
            if value <= Int(Int32.max) { value = value * 10 + Int(d) }   // saturates: too large either way
            q += 1
        }
        let stop = q < end ? bytes[q] : Self.space
        let validStop = Self.isBlank(stop) || stop == Self.comma || stop == Self.colon
        if q == p || !validStop {
            var e = p
            while e < end, !Self.isBlank(bytes[e]), bytes[e] != Self.comma, bytes[e] != Self.colon { e += 1 }
            let token = text(p..<e)
            if e > p + 1, bytes[p] == UInt8(ascii: "-"),
               bytes[(p + 1)..<e].allSatisfy({ $0 &- UInt8(ascii: "0") <= 9 }) {
                throw error("\(kind) id \(token) is negative")
            }
            if token.isEmpty { throw error("missing \(kind) id") }
            throw error("\(kind) id '\(token)' is not a number")
        }
        if value >= count {
            throw error("\(kind) id \(text(p..<q)) is out of range: the header declares \(count) \(kind)s")
        }
        return (value, q)
    }

    /// Sorts the labels appended since `start` and removes repeats.
    @inline(__always)
    private static func sortAndMergeLabels(_ labels: inout [Int32], from start: Int) {
        let n = labels.count - start
        if n < 2 { return }
        labels.withUnsafeMutableBufferPointer { all in
            var row = UnsafeMutableBufferPointer(rebasing: all[start...])
            var ordered = true
            for k in 1..<n where row[k] <= row[k - 1] { ordered = false; break }
            if !ordered { row.sort() }
        }
        var write = start + 1
        for k in (start + 1)..<labels.count where labels[k] != labels[write - 1] {
            labels[write] = labels[k]
            write += 1
        }
        labels.removeSubrange(write...)
    }

    /// Sorts the features appended since `start` by id; a repeated id is an error.
    private func sortFeatures(_ indices: inout [Int32], _ values: inout [Float], from start: Int) throws {
        let pairs = (start..<indices.count).map { (indices[$0], values[$0]) }.sorted { $0.0 < $1.0 }
        for (k, pair) in pairs.enumerated() {
            if k > 0, pairs[k - 1].0 == pair.0 {
                throw error("feature id \(pair.0) appears twice on one line")
            }
            indices[start + k] = pair.0
            values[start + k] = pair.1
        }
    }
}
