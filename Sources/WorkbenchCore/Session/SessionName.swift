/// The rules for session names: they become file names, so they stay short and plain.
public enum SessionName {
    /// The longest name allowed.
    public static let maximumLength = 64

    /// Throws `SessionError.invalidName` unless `name` is 1–64 letters, digits, `-`, `_` or `.`,
    /// not starting with a dot.
    public static func validate(_ name: String) throws {
        func fail(_ reason: String) throws -> Never { throw SessionError.invalidName(name, reason: reason) }
        if name.isEmpty { try fail("it is empty") }
        if name.count > maximumLength { try fail("longer than \(maximumLength) characters") }
        if name.contains("/") || name.contains("\\") { try fail("it must not contain a slash") }
        if name.hasPrefix(".") { try fail("it must not start with a dot") }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar))
        }
        if !allowed { try fail("use only letters, digits, '-', '_' and '.'") }
    }

    /// True when `name` passes `validate`.
    public static func isValid(_ name: String) -> Bool { (try? validate(name)) != nil }
}
