import ArgumentParser
import Foundation
import XMRDistributed

/// The `xmr-mpi` command: distributed training, evaluation and prediction.
struct XMRMPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xmr-mpi",
        abstract: "xmr's training, evaluation and batch prediction spread over MPI ranks (run under mpirun).",
        discussion: """
            Rank 0 reads the dataset and writes the results; the other ranks get their share \
            from rank 0. A training is split below the first tree level with at least 4 nodes \
            per rank; its model folder is the one `xmr train` writes with the same settings.
            """,
        subcommands: [MPITrainCommand.self, MPIEvalCommand.self, MPIPredictCommand.self])

    /// Parses `arguments` on every rank, agrees on the outcome, runs the command; returns the exit status.
    ///
    /// Only rank 0 prints an error (the lowest failing rank's); every rank stops with it.
    static func run(in world: MPIWorld, arguments: [String]) -> Int32 {
        var command: (any DistributedCommand)?
        var failure: MPIWorld.StepFailure?
        do {
            let parsed = try parseAsRoot(arguments)
            guard let distributed = parsed as? any DistributedCommand else {
                throw ValidationError("give a command: train, eval or predict")
            }
            command = distributed
        } catch {
            // Bad usage exits with 2, as in xmr (ArgumentParser's own code is 64).
            let code = exitCode(for: error)
            failure = MPIWorld.StepFailure(rank: world.rank, status: code == .validationFailure ? 2 : code.rawValue,
                                           message: fullMessage(for: error))
        }
        do {
            if let stop = try world.agree(failure) {
                if world.isRoot { report(stop, of: world) }
                return stop.status
            }
            try command!.run(in: world)
            return 0
        } catch DistributedError.reported {
            return 1
        } catch {
            let message = DistributedError.describe(error)
            printError(world.isRoot ? "xmr-mpi: \(message)" : "xmr-mpi: rank \(world.rank): \(message)")
            return 1
        }
    }

    /// Prints a failed step on rank 0: help on stdout, usage errors as ArgumentParser words them,
    /// other errors as `xmr-mpi: [rank N: ]message`.
    static func report(_ stop: MPIWorld.StepFailure, of world: MPIWorld) {
        let rank = stop.rank == 0 ? "" : "rank \(stop.rank): "
        switch stop.status {
        case 0: print(stop.message)
        case 2: printError(rank + stop.message)
        default: printError("xmr-mpi: " + rank + stop.message)
        }
    }
}

/// A subcommand that runs on every rank of the job.
protocol DistributedCommand: ParsableCommand {
    /// Runs this rank's part.
    func run(in world: MPIWorld) throws
}

/// Writes one line on stderr.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
