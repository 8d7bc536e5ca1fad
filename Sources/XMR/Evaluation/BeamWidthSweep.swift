import Foundation

/// Ranking quality and single-thread latency of one model at several beam widths: how much
/// precision a wider beam buys and what it costs per query.
public struct BeamWidthSweep: Sendable, Codable, Equatable {
    /// The measurements at one beam width.
    public struct Point: Sendable, Codable, Equatable {
        /// The beam width.
        public var beamWidth: Int
        /// Precision at 1 over every evaluated point.
        public var precisionAt1: Double
        /// Precision at 5 over every evaluated point.
        public var precisionAt5: Double
        /// Mean milliseconds per query, one query at a time on one thread.
        public var latencyMilliseconds: Double
        /// Median milliseconds per query (same measurement).
        public var medianLatencyMilliseconds: Double

        /// Creates a point.
        public init(beamWidth: Int, precisionAt1: Double, precisionAt5: Double, latencyMilliseconds: Double,
                    medianLatencyMilliseconds: Double) {
            self.beamWidth = beamWidth
            self.precisionAt1 = precisionAt1
            self.precisionAt5 = precisionAt5
            self.latencyMilliseconds = latencyMilliseconds
            self.medianLatencyMilliseconds = medianLatencyMilliseconds
        }
    }

    /// Where a running sweep stands, for a progress bar.
    public struct Progress: Sendable, Equatable {
        /// Beam widths finished.
        public var widthsDone: Int
        /// Beam widths requested.
        public var widthsTotal: Int
        /// The width being measured (nil when done).
        public var currentWidth: Int?
        /// Creates a progress report.
        public init(widthsDone: Int, widthsTotal: Int, currentWidth: Int?) {
            self.widthsDone = widthsDone
            self.widthsTotal = widthsTotal
            self.currentWidth = currentWidth
        }

        /// The fraction done, 0...1.
        public var fraction: Double { widthsTotal == 0 ? 1 : Double(widthsDone) / Double(widthsTotal) }
    }

    /// The widths a sweep uses when the user gives none.
    public static let defaultBeamWidths = [1, 2, 4, 8, 16, 32]

    /// One point per requested width, in the order requested.
    public var points: [Point]
    /// Points (queries) the precision was computed on.
    public var evaluatedPoints: Int
    /// Queries timed one at a time for the latency (the first ones of the split).
    public var timedPoints: Int

    /// Creates a sweep from measured points.
    public init(points: [Point], evaluatedPoints: Int, timedPoints: Int) {
        self.points = points
        self.evaluatedPoints = evaluatedPoints
        self.timedPoints = timedPoints
    }

    /// Evaluates `model` on `features`/`truth` at every width of `beamWidths`.
    ///
    /// Precision comes from a batch prediction over all points on `threads` threads; latency from
    /// predicting the first `latencySample` points one at a time on the calling thread.
    /// `progress` is called before each width and once at the end; `cancel` is checked between
    /// widths and every 64 timed queries, and a cancel throws `XRLinearError.cancelled`.
    public static func measure(_ model: TrainedModel, queries: QueryBatch, truth: CSRMatrix,
                               beamWidths: [Int] = defaultBeamWidths, latencySample: Int = 1000, threads: Int? = nil,
                               progress: (@Sendable (Progress) -> Void)? = nil,
                               cancel: CancellationToken? = nil) throws -> BeamWidthSweep {
        let features = queries.features
        guard !beamWidths.isEmpty else {
            throw XRLinearError.invalidParameter(name: "beam-widths", message: "give at least one beam width")
        }
        if let bad = beamWidths.first(where: { $0 < 1 }) {
            throw XRLinearError.invalidParameter(name: "beam-widths", message: "every width must be at least 1, got \(bad)")
        }
        guard features.rows == truth.rows else {
            throw XRLinearError.invalidInput("features have \(features.rows) rows but labels have \(truth.rows)")
        }
        guard truth.cols == model.model.labelCount else {
            throw XRLinearError.invalidInput("the labels have \(truth.cols) columns but the model has \(model.model.labelCount) labels")
        }
        let timed = min(max(0, latencySample), features.rows)
        var points: [Point] = []
        for (done, width) in beamWidths.enumerated() {
            if cancel?.isCancelled == true { throw XRLinearError.cancelled }
            progress?(Progress(widthsDone: done, widthsTotal: beamWidths.count, currentWidth: width))
            let batch = try model.predictBatch(queries, beamWidth: width, topK: 5, threads: threads)
            let metrics = try RankingMetrics(predictions: batch.rankings.map { $0.map { Int32($0.label) } },
                                             truth: truth, maxK: 5)
            var times: [Double] = []
            times.reserveCapacity(timed)
            // A few untimed queries first, so the first width is not timed on cold caches.
            func query(_ i: Int) -> Query { Query(features: features.row(i), text: queries.texts?[i]) }
            for i in 0..<min(timed, 16) { _ = try model.predict(query(i), beamWidth: width, topK: 5) }
            for i in 0..<timed {
                if i % 64 == 63, cancel?.isCancelled == true { throw XRLinearError.cancelled }
                let q = query(i)
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try model.predict(q, beamWidth: width, topK: 5)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            times.sort()
            let mean = times.isEmpty ? 0 : times.reduce(0, +) / Double(times.count)
            let median = times.isEmpty ? 0 : times[(times.count - 1) / 2]
            points.append(Point(beamWidth: width, precisionAt1: metrics.precision[0], precisionAt5: metrics.precision[4],
                                latencyMilliseconds: mean, medianLatencyMilliseconds: median))
        }
        progress?(Progress(widthsDone: beamWidths.count, widthsTotal: beamWidths.count, currentWidth: nil))
        return BeamWidthSweep(points: points, evaluatedPoints: features.rows, timedPoints: timed)
    }

    /// Parses a user's list of beam widths ("1 2 4", "1,2,4"); throws naming the bad entry.
    public static func parseWidths(_ text: String) throws -> [Int] {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        guard !parts.isEmpty else {
            throw XRLinearError.invalidParameter(name: "beam-widths", message: "give at least one beam width")
        }
        return try parts.map { part in
            guard let width = Int(part), width >= 1, width <= 100_000 else {
                throw XRLinearError.invalidParameter(name: "beam-widths",
                                                     message: "\"\(part)\" is not a beam width (a whole number ≥ 1)")
            }
            return width
        }
    }
}
