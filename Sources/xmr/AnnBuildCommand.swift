import ArgumentParser
import Foundation
import XMR

/// `xmr ann build`: builds an HNSW index over the rows of a vector file and saves it.
struct AnnBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build an HNSW index over the rows of a .npy or XMC feature file.")

    @Option(help: "The vectors: a .npy file of rows, or an XMC text file (its feature rows).") var input: String
    @Option(help: "The index file to write.") var index: String
    @Option(help: "Neighbours per node on the upper levels (the bottom level keeps 2 M), 2–256.") var m = 16
    @Option(help: "Candidate list while inserting (larger: better graph, slower build).") var efConstruction = 200
    @Option(help: "Similarity: ip (inner product), cosine, or l2 (dense vectors only).") var similarity: ANNSimilarity = .innerProduct
    @Option(help: "Seed of the node levels.") var seed: UInt64 = 0
    @Option(help: "Threads for the build (default: all cores); the index does not depend on it.") var threads: Int?
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        if m < 2 || m > HNSWParameters.maximumM { throw ValidationError("--m must be between 2 and \(HNSWParameters.maximumM)") }
        if efConstruction < 1 { throw ValidationError("--ef-construction must be at least 1") }
        if let problem = PipelineParameter.firstOptionProblem([.threads: threads]) { throw ValidationError(problem) }
    }

    func run() throws {
        try CLIError.run {
            let vectors = try AnnVectorFile.read(input)
            let parameters = HNSWParameters(m: m, efConstruction: efConstruction, seed: seed, threads: threads ?? 0)
            let bar = ProgressBar(quiet: json)
            let start = Date()
            let built = try HNSWIndex.build(vectors, similarity: similarity, parameters: parameters) { inserted in
                bar.update("inserted \(inserted) of \(vectors.count)", fraction: Double(inserted) / Double(vectors.count))
            }
            let seconds = Date().timeIntervalSince(start)
            bar.finish()
            try built.save(to: URL(fileURLWithPath: index))
            let output = AnnBuildOutput(vectors: built.count, dimension: built.dimension, dense: built.isDense,
                                        similarity: similarity.rawValue, m: m, efConstruction: efConstruction, seed: seed,
                                        threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                        buildSeconds: seconds, topLevel: built.topLevel, indexBytes: built.byteCount)
            if json {
                try JSONPrinting.print(output)
            } else {
                print(String(format: "indexed %d %@ vectors of dimension %d (%@, M %d, efConstruction %d) in %.3f s; %d levels; %@ written (%d bytes)",
                             built.count, built.isDense ? "dense" : "sparse", built.dimension, similarity.rawValue, m,
                             efConstruction, seconds, built.topLevel + 1, index, built.byteCount))
            }
        }
    }
}

/// The JSON shape of `xmr ann build --json`.
struct AnnBuildOutput: Encodable {
    var vectors: Int
    var dimension: Int
    var dense: Bool
    var similarity: String
    var m: Int
    var efConstruction: Int
    var seed: UInt64
    var threads: Int
    var buildSeconds: Double
    var topLevel: Int
    var indexBytes: Int
}
