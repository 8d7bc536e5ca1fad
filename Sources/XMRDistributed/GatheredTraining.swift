import Foundation
import XMR

/// What rank 0's distributed stages leave for each other and for the command: whether the
/// workers got their jobs, the assembled label level, and every rank's report.
public final class GatheredTraining: @unchecked Sendable {
    private let lock = NSLock()
    private var sent = false
    private var level: LevelWeights?
    private var rankReports: [RankReport] = []

    /// Nothing gathered yet.
    public init() {}

    /// Whether the workers were sent their jobs (after that, they answer rank 0 on their own).
    public var jobsSent: Bool { lock.withLock { sent } }
    /// The assembled label level, once gathered.
    public var labelLevel: LevelWeights? { lock.withLock { level } }
    /// Every rank's report, rank 0 first, once gathered.
    public var reports: [RankReport] { lock.withLock { rankReports } }

    func markJobsSent() { lock.withLock { sent = true } }
    func record(labelLevel: LevelWeights) { lock.withLock { level = labelLevel } }
    func record(reports: [RankReport]) { lock.withLock { rankReports = reports } }
}
