import Foundation

/// The one JSON style of everything xmr prints: snake_case keys (from Swift's camelCase property
/// names), sorted, slashes unescaped, non-finite numbers as the strings `inf`, `-inf` and `nan`.
public enum JSONStyle {
    /// A JSON encoder in this style; `pretty` indents (for one object on a terminal), else one line.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
                                          : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}
