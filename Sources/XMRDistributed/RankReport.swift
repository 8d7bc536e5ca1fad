import Foundation

/// What one rank measured about its own part of a job, sent to rank 0 with its result.
public struct RankReport: Sendable, Equatable {
    /// The rank.
    public var rank: Int
    /// Training points (or test points) this rank held.
    public var points: Int
    /// Seconds this rank spent on its own work.
    public var seconds: Double
    /// Peak resident memory of the process, bytes (`getrusage`).
    public var peakBytes: Int
    /// Bytes this rank sent over MPI.
    public var bytesSent: Int
    /// Bytes this rank received over MPI.
    public var bytesReceived: Int

    /// This process's peak resident memory in bytes.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Bytes of an encoded report.
    static let encodedBytes = 6 * 8

    /// Appends the report to a message.
    func write(to writer: inout MessageWriter) {
        writer.append(rank)
        writer.append(points)
        writer.append(Int(seconds * 1e6))
        writer.append(peakBytes)
        writer.append(bytesSent)
        writer.append(bytesReceived)
    }

    /// Reads a report from a message.
    init(reading reader: inout MessageReader) throws {
        rank = try reader.readInt()
        points = try reader.readInt()
        seconds = Double(try reader.readInt()) / 1e6
        peakBytes = try reader.readInt()
        bytesSent = try reader.readInt()
        bytesReceived = try reader.readInt()
    }

    /// Bundles a report.
    public init(rank: Int, points: Int, seconds: Double, peakBytes: Int, bytesSent: Int, bytesReceived: Int) {
        self.rank = rank
        self.points = points
        self.seconds = seconds
        self.peakBytes = peakBytes
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
    }

    /// One line for people.
    public var line: String {
        String(format: "rank %d: %d points, %.2f s, peak RSS %.1f MB, sent %d bytes, received %d bytes",
               rank, points, seconds, Double(peakBytes) / 1e6, bytesSent, bytesReceived)
    }
}
