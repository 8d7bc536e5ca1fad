/// Why a distributed command failed.
public enum DistributedError: Error, Equatable, CustomStringConvertible {
    /// An MPI call failed, or a message was malformed.
    case mpi(String)
    /// Another rank failed; its message.
    case rankFailed(rank: Int, message: String)
    /// This rank's failure has already been reported to rank 0, which prints it.
    case reported

    /// One line for people.
    public var description: String {
        switch self {
        case let .mpi(message): return "MPI: \(message)"
        case let .rankFailed(rank, message): return "rank \(rank): \(message)"
        case .reported: return "reported to rank 0"
        }
    }

    /// One line for any error (its description).
    public static func describe(_ error: any Error) -> String { String(describing: error) }
}
