import Foundation
import XMR

extension WorkbenchSession {
    enum CodingKeys: String, CodingKey {
        case formatVersion, name, datasetPath, parameters, runs, currentRun, nextRunNumber, deletedRunNumbers, queryHistory
        case createdAt, savedAt
    }

    /// Decodes a session; the name and dataset are required, everything else has a default, so
    /// hand-written files and files from older builds stay readable.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decodeIfPresent(Int.self, forKey: .formatVersion) ?? Self.currentFormatVersion
        name = try c.decode(String.self, forKey: .name)
        datasetPath = try c.decode(String.self, forKey: .datasetPath)
        parameters = try c.decodeIfPresent(Pipeline.self, forKey: .parameters) ?? Pipeline()
        runs = try c.decodeIfPresent([SessionRun].self, forKey: .runs) ?? []
        currentRun = try c.decodeIfPresent(Int.self, forKey: .currentRun)
        // Clamped so that a hostile number cannot overflow here; `SessionStore` rejects it after.
        let after = min(runs.map(\.number).max() ?? 0, Self.maximumRunNumber + 1) + 1
        nextRunNumber = max(after, try c.decodeIfPresent(Int.self, forKey: .nextRunNumber) ?? after)
        deletedRunNumbers = try c.decodeIfPresent([Int].self, forKey: .deletedRunNumbers) ?? []
        queryHistory = try c.decodeIfPresent([String].self, forKey: .queryHistory) ?? []
        createdAt = try c.decodeIfPresent(Date.self, forKey: .createdAt) ?? Date(timeIntervalSince1970: 0)
        savedAt = try c.decodeIfPresent(Date.self, forKey: .savedAt) ?? createdAt
    }
}
