/// A step every rank takes (parsing the command line, loading files), and whether all of
/// them succeeded: rank 0 collects every rank's outcome and tells every rank to go on or stop.
extension MPIWorld {
    /// A rank's failed step: the exit status it asks for and its one-line message.
    public struct StepFailure: Sendable, Equatable {
        /// The failing rank.
        public var rank: Int
        /// The exit status (0 for a clean stop such as `--help`, 2 for bad usage, else 1).
        public var status: Int32
        /// What went wrong, for people.
        public var message: String

        /// Bundles a failure.
        public init(rank: Int, status: Int32, message: String) {
            self.rank = rank
            self.status = status
            self.message = message
        }
    }

    /// Shares this rank's outcome of a step; returns nil when every rank succeeded, else the
    /// failure of the lowest failing rank (the same answer on every rank).
    public func agree(_ failure: StepFailure?) throws -> StepFailure? {
        func write(_ failure: StepFailure?) -> [UInt8] {
            var writer = MessageWriter()
            writer.append(failure == nil ? 0 : 1)
            if let failure {
                writer.append(failure.rank)
                writer.append(Int(failure.status))
                writer.append(failure.message)
            }
            return writer.bytes
        }
        func read(_ bytes: [UInt8]) throws -> StepFailure? {
            var reader = MessageReader(bytes)
            guard try reader.readInt() != 0 else { return nil }
            return StepFailure(rank: try reader.readInt(), status: Int32(clamping: try reader.readInt()),
                               message: try reader.readString())
        }
        guard isRoot else {
            try send(write(failure), to: 0, tag: .status)
            return try read(receive(from: 0, tags: [.verdict]).bytes)
        }
        var first = failure
        for source in 1..<max(1, size) {
            if let failed = try read(receive(from: source, tags: [.status]).bytes), first == nil { first = failed }
        }
        for destination in 1..<max(1, size) { try send(write(first), to: destination, tag: .verdict) }
        return first
    }
}
