import ArgumentParser

/// `xmr ann`: the HNSW approximate nearest-neighbour index as a standalone tool.
struct AnnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ann",
        abstract: "Build and search an HNSW approximate nearest-neighbour index (sparse or dense vectors).",
        discussion: """
            Vectors and queries are .npy files of float32 (or float64) rows, which give dense vectors, or \
            Extreme Classification Repository text files, whose feature rows give sparse vectors.
            """,
        subcommands: [AnnBuildCommand.self, AnnSearchCommand.self])
}
