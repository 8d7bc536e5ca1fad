import Foundation
import XMR

/// Prints one JSON object on stdout in xmr's one JSON style (`JSONStyle`: snake_case keys, sorted).
enum JSONPrinting {
    /// Encodes `value` in `JSONStyle`, indented, and prints it.
    static func print<T: Encodable>(_ value: T, dates: JSONEncoder.DateEncodingStrategy = .deferredToDate) throws {
        let encoder = JSONStyle.encoder(pretty: true)
        encoder.dateEncodingStrategy = dates
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
