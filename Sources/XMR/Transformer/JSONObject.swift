import Foundation

/// A parsed JSON object of an encoder folder's configuration file, with typed field access
/// whose errors name the file and the field.
struct JSONObject {
    /// The file the object came from, for errors.
    let path: String
    /// The fields.
    let fields: [String: Any]

    /// Reads and parses the JSON object in `url`.
    init(contentsOf url: URL) throws {
        let data: Data
        do { data = try InputFile.read(url) } catch {
            throw EncoderError.badFile(path: url.path, message: "cannot read: \(InputFile.reason(error))")
        }
        try self.init(data: data, path: url.path)
    }

    /// Parses `data` as a JSON object; `path` names it in errors.
    init(data: Data, path: String) throws {
        self.path = path
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw EncoderError.badFile(path: path, message: "not a JSON object")
        }
        self.fields = fields
    }

    /// An error naming this file and `field`.
    func error(_ field: String, _ message: String) -> EncoderError {
        .badFile(path: path, message: "\(field): \(message)")
    }

    /// Whether `field` is absent or JSON null.
    func isAbsent(_ field: String) -> Bool { fields[field] == nil || fields[field] is NSNull }

    /// An integer field; `defaultValue` when absent (an error when absent without a default).
    func integer(_ field: String, default defaultValue: Int? = nil) throws -> Int {
        if isAbsent(field) {
            guard let defaultValue else { throw error(field, "missing") }
            return defaultValue
        }
        guard let number = fields[field] as? NSNumber, let value = Int(exactly: number.doubleValue) else {
            throw error(field, "expected an integer")
        }
        return value
    }

    /// A number field; `defaultValue` when absent.
    func number(_ field: String, default defaultValue: Double) throws -> Double {
        if isAbsent(field) { return defaultValue }
        guard let number = fields[field] as? NSNumber else { throw error(field, "expected a number") }
        return number.doubleValue
    }

    /// A boolean field; `nil` when absent or null.
    func boolean(_ field: String) throws -> Bool? {
        if isAbsent(field) { return nil }
        guard let value = fields[field] as? Bool else { throw error(field, "expected true or false") }
        return value
    }

    /// A string field; `nil` when absent or null.
    func string(_ field: String) throws -> String? {
        if isAbsent(field) { return nil }
        guard let value = fields[field] as? String else { throw error(field, "expected a string") }
        return value
    }
}
