/// Writes matrices in the Extreme Classification Repository text format, canonically.
enum XMCTextWriter {
    /// The bytes of the file for `features` and `labels` (same number of rows).
    static func encode(features: CSRMatrix, labels: CSRMatrix) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(features.nonzeros * 12 + labels.nonzeros * 5 + features.rows * 2 + 32)
        appendInteger(features.rows, to: &out)
        out.append(UInt8(ascii: " "))
        appendInteger(features.cols, to: &out)
        out.append(UInt8(ascii: " "))
        appendInteger(labels.cols, to: &out)
        out.append(UInt8(ascii: "\n"))
        for i in 0..<features.rows {
            let labelRange = labels.range(ofRow: i)
            for p in labelRange {
                if p != labelRange.lowerBound { out.append(UInt8(ascii: ",")) }
                appendInteger(Int(labels.columnIndices[p]), to: &out)
            }
            for p in features.range(ofRow: i) {
                out.append(UInt8(ascii: " "))
                appendInteger(Int(features.columnIndices[p]), to: &out)
                out.append(UInt8(ascii: ":"))
                appendValue(features.values[p], to: &out)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// Appends the decimal digits of `value`.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendInteger(-value, to: &out)
            return
        }
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            }
            for k in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[k]) }
        }
    }

    /// Appends the shortest decimal that reads back as `value` (integers without `.0`).
    static func appendValue(_ value: Float, to out: inout [UInt8]) {
        if value == value.rounded(), abs(value) < 1e15 {
            if value == 0 && value.sign == .minus { out.append(UInt8(ascii: "-")) }
            appendInteger(Int(value), to: &out)
        } else {
            out.append(contentsOf: value.description.utf8)
        }
    }
}
