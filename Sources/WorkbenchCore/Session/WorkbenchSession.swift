import Foundation
import XMR

/// A saved workbench session: the dataset, the hyperparameters on the Train form, every run and
/// the query history. Stored as `NAME.json` in the sessions directory by `SessionStore`.
public struct WorkbenchSession: Sendable, Codable, Equatable {
    /// The format version this build writes.
    public static let currentFormatVersion = 1
    /// The most queries the history keeps (oldest dropped first).
    public static let historyLimit = 200

    /// The version of the format the file was written in.
    public var formatVersion: Int
    /// The session's name (the file is `NAME.json`).
    public var name: String
    /// The dataset folder: relative to the sessions directory when it lies beside it, else absolute.
    public var datasetPath: String
    /// The hyperparameters on the Train form when the session was saved.
    public var parameters: Pipeline
    /// Finished runs, oldest first.
    public var runs: [SessionRun]
    /// The run whose model the workbench had loaded (its Tree and Query screens), if any.
    public var currentRun: Int?
    /// The number the next run gets (run numbers are never reused, so model folders never clash).
    public var nextRunNumber: Int
    /// Numbers of runs deleted from this session, so that merging with the file on disk does not
    /// bring them back.
    public var deletedRunNumbers: [Int]
    /// Free-text queries typed on the Query screen, oldest first.
    public var queryHistory: [String]
    /// When the session was created.
    public var createdAt: Date
    /// When it was last saved.
    public var savedAt: Date

    /// A new, empty session on `datasetPath` with default parameters.
    public init(name: String, datasetPath: String, parameters: Pipeline = Pipeline(),
                now: Date = Date()) {
        formatVersion = Self.currentFormatVersion
        self.name = name
        self.datasetPath = datasetPath
        self.parameters = parameters
        runs = []
        currentRun = nil
        nextRunNumber = 1
        deletedRunNumbers = []
        queryHistory = []
        createdAt = now
        savedAt = now
    }

    /// The run numbered `number`, if the session still has it.
    public func run(numbered number: Int) -> SessionRun? {
        runs.first { $0.number == number }
    }

    /// The model folder (relative to the sessions directory) of the next run.
    public var nextModelFolder: String { "\(name)/run-\(nextRunNumber)" }

    /// Appends a finished run, makes it the current one and advances the run counter.
    public mutating func append(_ run: SessionRun) {
        runs.append(run)
        currentRun = run.number
        nextRunNumber = max(nextRunNumber, run.number + 1)
    }

    /// Removes run `number`; the current run falls back to the newest remaining one.
    @discardableResult
    public mutating func removeRun(numbered number: Int) -> SessionRun? {
        guard let index = runs.firstIndex(where: { $0.number == number }) else { return nil }
        let removed = runs.remove(at: index)
        if !deletedRunNumbers.contains(number) { deletedRunNumbers.append(number) }
        if currentRun == number { currentRun = runs.last?.number }
        return removed
    }

    /// Records a typed query (a repeat of the last one is not stored twice).
    public mutating func remember(query: String) {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, queryHistory.last != text else { return }
        queryHistory.append(text)
        if queryHistory.count > Self.historyLimit { queryHistory.removeFirst(queryHistory.count - Self.historyLimit) }
    }

    /// The largest run number a session may hold (run folders are `run-N`; the counter must not overflow).
    public static let maximumRunNumber = Int(Int32.max)

    /// This session merged with `stored`, the same session's file as it is on disk now: runs
    /// are merged by number (a run only `stored` has is kept unless this session deleted it;
    /// this session's own runs win), deletions of both are kept, and the run counter is the
    /// larger of the two. Everything else is this session's.
    public func merged(withStored stored: WorkbenchSession) -> WorkbenchSession {
        var result = self
        let deleted = Set(deletedRunNumbers).union(stored.deletedRunNumbers)
        let mine = Set(runs.map(\.number))
        let kept = runs.filter { !deleted.contains($0.number) }
        let theirs = stored.runs.filter { !mine.contains($0.number) && !deleted.contains($0.number) }
        result.runs = (kept + theirs).sorted { $0.number < $1.number }
        result.deletedRunNumbers = deleted.sorted()
        result.nextRunNumber = max(nextRunNumber, stored.nextRunNumber)
        if let current = result.currentRun, result.run(numbered: current) == nil { result.currentRun = result.runs.last?.number }
        return result
    }

    /// The first thing wrong with a decoded session's numbers, if any (a file is input: its
    /// numbers are checked before anything uses them).
    func problem() -> String? {
        var seen = Set<Int>()
        for run in runs {
            guard (1...Self.maximumRunNumber).contains(run.number) else {
                return "run number \(run.number) is out of range (1 to \(Self.maximumRunNumber))"
            }
            guard seen.insert(run.number).inserted else { return "run \(run.number) appears twice" }
            if let problem = run.problem() { return "run \(run.number): \(problem)" }
        }
        guard (1...(Self.maximumRunNumber + 1)).contains(nextRunNumber) else {
            return "nextRunNumber \(nextRunNumber) is out of range"
        }
        if let bad = deletedRunNumbers.first(where: { !(1...Self.maximumRunNumber).contains($0) }) {
            return "deleted run number \(bad) is out of range"
        }
        do { try parameters.validate() } catch { return "parameters: \(error)" }
        return nil
    }
}
