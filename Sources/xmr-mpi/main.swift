import Foundation
import XMRDistributed

// `xmr-mpi`: xmr's training, evaluation and batch prediction over MPI ranks (`mpirun -np N xmr-mpi …`).
// MPI starts before the command line is parsed, so only rank 0 reports a bad command line.
let world: MPIWorld
do {
    world = try MPIWorld()
} catch {
    FileHandle.standardError.write(Data("xmr-mpi: \(DistributedError.describe(error))\n".utf8))
    exit(1)
}
StopMessage.install("xmr-mpi: rank \(world.rank): stopped by the MPI runtime because another rank of the job failed or was killed; nothing was written")
let status = XMRMPICommand.run(in: world, arguments: Array(CommandLine.arguments.dropFirst()))
StopMessage.commandEnded(status: status)
world.finalize()
exit(status)
