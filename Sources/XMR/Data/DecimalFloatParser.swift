/// Parses decimal floating-point numbers straight from bytes, correctly rounded to `Float`.
///
/// The fast path (at most 19 significant digits, decimal exponent within ±22) is Clinger's exact
/// `Double` computation followed by one rounding to `Float`. That second rounding can only go wrong
/// when the `Double` lies exactly halfway between two `Float`s; that case, and every other form
/// (more digits, big exponents, `inf`, `nan`, hex floats), falls back to `Float(String)`, which is
/// correctly rounded and independent of the C locale.
enum DecimalFloatParser {
    /// Exact powers of ten representable in a `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The value of the bytes `token`, or `nil` when they do not spell a number.
    @inline(__always)
    static func parse(_ token: UnsafeBufferPointer<UInt8>) -> Float? {
        if let fast = parseFast(token) { return fast }
        return parseSlow(token)
    }

    /// The fast path; `nil` means "not handled here", not "not a number".
    @inline(__always)
    static func parseFast(_ t: UnsafeBufferPointer<UInt8>) -> Float? {
        let n = t.count
        var i = 0
        var negative = false
        if i < n, t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+") {
            negative = t[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var digits = 0
        var exponent = 0
        while i < n {
            let d = t[i] &- UInt8(ascii: "0")
            if d > 9 { break }
            if mantissa != 0 || d != 0 { significantDigits += 1 }
            mantissa = mantissa &* 10 &+ UInt64(d)
            digits += 1
            i += 1
        }
        if i < n, t[i] == UInt8(ascii: ".") {
            i += 1
            while i < n {
                let d = t[i] &- UInt8(ascii: "0")
                if d > 9 { break }
                if mantissa != 0 || d != 0 { significantDigits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(d)
                exponent -= 1
                digits += 1
                i += 1
            }
        }
        if digits == 0 || significantDigits > 19 { return nil }
        if i < n, t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, t[i] == UInt8(ascii: "-") || t[i] == UInt8(ascii: "+") {
                expNegative = t[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < n {
                let d = t[i] &- UInt8(ascii: "0")
                if d > 9 || e > 100_000 { break }
                e = e * 10 + Int(d)
                expDigits += 1
                i += 1
            }
            if expDigits == 0 { return nil }
            exponent += expNegative ? -e : e
        }
        if i != n { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if mantissa > (1 << 53) || exponent < -22 || exponent > 22 { return nil }
        let exact = exponent < 0 ? Double(mantissa) / powersOfTen[-exponent]
                                 : Double(mantissa) * powersOfTen[exponent]
        let rounded = Float(exact)
        let back = Double(rounded)
        if back != exact {
            let neighbour = back < exact ? rounded.nextUp : rounded.nextDown
            if (back + Double(neighbour)) * 0.5 == exact { return nil }   // a tie: let the slow path decide
        }
        return negative ? -rounded : rounded
    }

    /// The general path through the standard library's correctly rounded parser.
    static func parseSlow(_ t: UnsafeBufferPointer<UInt8>) -> Float? {
        // `Float(String)` stops at a NUL byte (C string rules): "1\05" must not read as 1.
        guard !t.contains(0) else { return nil }
        return Float(String(decoding: t, as: UTF8.self))
    }
}
