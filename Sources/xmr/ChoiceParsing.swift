import ArgumentParser

/// Parses option values into the engine's enums with an error that names the option.
enum ChoiceParsing {
    /// The case of `T` whose raw value is `value`, or a usage error listing the choices of `option`.
    static func parse<T: RawRepresentable & CaseIterable>(_ value: String, option: String, as type: T.Type) throws -> T
    where T.RawValue == String {
        if let choice = T(rawValue: value.lowercased()) { return choice }
        let choices = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("invalid value '\(value)' for --\(option): expected one of \(choices)")
    }
}
