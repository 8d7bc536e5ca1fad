import CMPI
import Foundation

/// This process's place in an MPI job: its rank, the number of ranks, and byte messages
/// between ranks, counted.
///
/// Initialized with `MPI_THREAD_FUNNELED`: only the thread that created the world may call it
/// (training runs on other threads and hands its events over). Waiting polls with short sleeps
/// instead of blocking in MPI, whose blocking calls spin a core that training needs.
/// `@unchecked Sendable`: stage objects hold it, but only the creating thread calls it.
public final class MPIWorld: @unchecked Sendable {
    /// This process's rank, 0..<size.
    public let rank: Int
    /// The number of ranks of the job.
    public let size: Int
    /// Bytes this rank sent so far.
    public private(set) var bytesSent = 0
    /// Bytes this rank received so far.
    public private(set) var bytesReceived = 0
    private let communicator: MPI_Comm
    private var finalized = false
    /// The largest piece one MPI call carries (MPI counts are 32-bit).
    static let chunkBytes = 1 << 30

    /// Joins the job (`MPI_Init_thread`); a process started without `mpirun` is a job of one rank.
    public init() throws {
        var provided: Int32 = 0
        guard MPI_Init_thread(nil, nil, xmr_mpi_thread_funneled(), &provided) == xmr_mpi_success() else {
            throw DistributedError.mpi("MPI_Init_thread failed")
        }
        communicator = xmr_mpi_comm_world()
        var r: Int32 = 0, s: Int32 = 0
        MPI_Comm_rank(communicator, &r)
        MPI_Comm_size(communicator, &s)
        rank = Int(r)
        size = Int(s)
    }

    /// Whether this is rank 0, the one that reads the dataset and writes results.
    public var isRoot: Bool { rank == 0 }

    /// Leaves the job (`MPI_Finalize`); later calls do nothing.
    public func finalize() {
        guard !finalized else { return }
        finalized = true
        MPI_Finalize()
    }

    /// Sends `bytes` to rank `destination` with `tag`: an 8-byte length, then pieces of at most 1 GiB.
    public func send(_ bytes: [UInt8], to destination: Int, tag: MessageTag) throws {
        var length = Int64(bytes.count)
        try check(MPI_Send(&length, 1, xmr_mpi_int64(), Int32(destination), tag.rawValue, communicator), "MPI_Send")
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            while offset < bytes.count {
                let count = min(Self.chunkBytes, bytes.count - offset)
                try check(MPI_Send(raw.baseAddress! + offset, Int32(count), xmr_mpi_byte(), Int32(destination),
                                   tag.rawValue, communicator), "MPI_Send")
                offset += count
            }
        }
        bytesSent += 8 + bytes.count
    }

    /// Waits (polling) for the next message from `source` (nil: any rank) with one of `tags`
    /// (nil: any tag) and returns its sender, tag and bytes.
    public func receive(from source: Int? = nil, tags: Set<MessageTag>? = nil) throws -> (source: Int, tag: MessageTag, bytes: [UInt8]) {
        while true {
            if let message = try receiveIfReady(from: source, tags: tags) { return message }
            usleep(2_000)
        }
    }

    /// The next message from `source` with one of `tags` when one has arrived, else nil at once.
    public func receiveIfReady(from source: Int? = nil, tags: Set<MessageTag>? = nil) throws -> (source: Int, tag: MessageTag, bytes: [UInt8])? {
        let wantedTags: [MessageTag?] = tags.map { $0.sorted { $0.rawValue < $1.rawValue }.map(Optional.some) } ?? [nil]
        for wanted in wantedTags {
            var flag: Int32 = 0
            var status = MPI_Status()
            try check(MPI_Iprobe(source.map(Int32.init) ?? xmr_mpi_any_source(), wanted?.rawValue ?? xmr_mpi_any_tag(),
                                 communicator, &flag, &status), "MPI_Iprobe")
            guard flag != 0 else { continue }
            let from = xmr_mpi_status_source(&status), rawTag = xmr_mpi_status_tag(&status)
            guard let tag = MessageTag(rawValue: rawTag) else {
                throw DistributedError.mpi("rank \(from) sent a message with unknown tag \(rawTag)")
            }
            var length: Int64 = 0
            try check(MPI_Recv(&length, 1, xmr_mpi_int64(), from, rawTag, communicator, xmr_mpi_status_ignore()), "MPI_Recv")
            guard length >= 0 else { throw DistributedError.mpi("rank \(from) announced a message of \(length) bytes") }
            var bytes = [UInt8](repeating: 0, count: Int(length))
            var offset = 0
            try bytes.withUnsafeMutableBytes { raw in
                while offset < raw.count {
                    let count = min(Self.chunkBytes, raw.count - offset)
                    try check(MPI_Recv(raw.baseAddress! + offset, Int32(count), xmr_mpi_byte(), from, rawTag, communicator,
                                       xmr_mpi_status_ignore()), "MPI_Recv")
                    offset += count
                }
            }
            bytesReceived += 8 + bytes.count
            return (Int(from), tag, bytes)
        }
        return nil
    }

    /// Stops the whole job at once (`MPI_Abort`), for when ranks can no longer agree.
    public func abort(status: Int32) -> Never {
        MPI_Abort(communicator, status)
        exit(status)
    }

    private func check(_ code: Int32, _ call: String) throws {
        guard code == xmr_mpi_success() else { throw DistributedError.mpi("\(call) failed with MPI error \(code)") }
    }
}
