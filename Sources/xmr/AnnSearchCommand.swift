import ArgumentParser
import Foundation
import XMR

/// `xmr ann search`: the nearest indexed vectors of every query row.
struct AnnSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search an HNSW index with the rows of a .npy or XMC feature file.",
        discussion: """
            Writes one 'query<TAB>rank<TAB>id<TAB>score' line per neighbour (0-based query and vector ids, \
            rank from 1, best first) to --output, or to stdout without it. With --json, stdout gets one JSON \
            object with the search time instead (the lines then need --output).
            """)

    @Option(help: "The index file (from xmr ann build).") var index: String
    @Option(help: "The queries: a .npy file of rows, or an XMC text file (its feature rows).") var queries: String
    @Option(help: "Neighbours per query.") var k = 10
    @Option(help: "Candidate list of the search (at least k is used).") var ef = 100
    @Option(help: "Threads for the search (default: all cores).") var threads: Int?
    @Option(help: "Write the neighbours to this TSV file.") var output: String?
    @Flag(help: "Print one JSON object on stdout (counts and times).") var json = false

    func validate() throws {
        if k < 1 { throw ValidationError("--k must be at least 1") }
        if ef < 1 { throw ValidationError("--ef must be at least 1") }
        if let problem = PipelineParameter.firstOptionProblem([.threads: threads]) { throw ValidationError(problem) }
    }

    func run() throws {
        try CLIError.run {
            if let output { try AnnNeighbourTable.checkReplaceable(output) }
            let loadStart = Date()
            let loaded = try HNSWIndex.load(from: URL(fileURLWithPath: index))
            let loadSeconds = Date().timeIntervalSince(loadStart)
            let rows = try AnnVectorFile.read(queries)
            let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let start = Date()
            let found = try loaded.search(rows, k: k, ef: ef, threads: workers)
            let seconds = Date().timeIntervalSince(start)
            let table = AnnNeighbourTable.text(found)
            if let output {
                try AnnNeighbourTable.write(table, to: output)
            } else if !json {
                FileHandle.standardOutput.write(Data(table.utf8))
            }
            if json {
                try JSONPrinting.print(AnnSearchOutput(queries: found.queryCount, k: k, ef: ef, threads: workers,
                                                       loadSeconds: loadSeconds, searchSeconds: seconds,
                                                       queriesPerSecond: Double(found.queryCount) / max(seconds, 1e-9)))
            }
        }
    }
}

/// The JSON shape of `xmr ann search --json`.
struct AnnSearchOutput: Encodable {
    var queries: Int
    var k: Int
    var ef: Int
    var threads: Int
    var loadSeconds: Double
    var searchSeconds: Double
    var queriesPerSecond: Double
}
