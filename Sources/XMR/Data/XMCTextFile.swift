import Foundation

/// The contents of one file in the Extreme Classification Repository text format.
///
/// The format: a header line `points features labels`, then one line per point,
/// `l1,l2,... f:v f:v ...` with 0-based ids. A point without labels starts with a space (a line
/// whose first token already is `f:v` is also read as having no labels); a point may have no
/// features. Reading accepts CRLF line ends, spaces or tabs between tokens, trailing spaces and
/// blank lines after the last point. Features of a line may come in any order and are sorted;
/// a feature id twice on one line is an error. Label ids of a line are sorted and a repeated
/// label is merged into one (labels are a set; the label matrix stores 1 for each).
/// Explicit zero feature values are kept as stored entries so that a round trip is exact.
public struct XMCTextFile: Sendable, Equatable {
    /// Points × features.
    public var features: CSRMatrix
    /// Points × labels, every stored value 1.
    public var labels: CSRMatrix

    /// Creates a file's contents from its two matrices, which must have the same number of rows.
    public init(features: CSRMatrix, labels: CSRMatrix) {
        precondition(features.rows == labels.rows, "features and labels must have the same rows")
        self.features = features
        self.labels = labels
    }

    /// The largest feature or label count accepted (a typo in a header must not allocate gigabytes).
    public static let maximumCount = 100_000_000
    /// A header may declare this many features or labels whatever ids the points use.
    public static let unusedCountAllowance = 1 << 20
    /// Above `unusedCountAllowance`, a header count may be at most this many times the ids in use.
    public static let unusedCountRatio = 64

    /// Number of points.
    public var count: Int { features.rows }

    /// Reads and parses the file at `url`; errors name `url.path` and the line.
    public init(contentsOf url: URL) throws {
        try self.init(data: DatasetError.readFile(url), path: url.path)
    }

    /// Parses the bytes of a file; `path` is only used in error messages.
    public init(data: Data, path: String) throws {
        self = try data.withUnsafeBytes { raw in
            var parser = XMCTextParser(bytes: raw.bindMemory(to: UInt8.self), path: path)
            return try parser.parse()
        }
    }

    /// The text of the file, in the canonical form that `init(data:path:)` reads back exactly.
    ///
    /// Canonical form: `\n` line ends, no trailing spaces, ids sorted, values written as the
    /// shortest decimal that reads back to the same `Float` (integers without a fraction).
    public func encoded() -> Data {
        Data(XMCTextWriter.encode(features: features, labels: labels))
    }

    /// Writes `encoded()` to `url` atomically and durably (`DurableFile`).
    public func write(to url: URL) throws {
        do {
            try DurableFile.replace(url, with: encoded())
        } catch let failure as DurableFile.Failure {
            throw DatasetError(path: url.path, message: "cannot write the file (\(failure.reason))")
        }
    }
}
