import CVectorKernels
import Foundation

/// A reusable per-thread workspace that solves binary linear problems on subsets of rows.
///
/// The solver minimizes LIBLINEAR's dual problems: for `.svm` the L2-loss SVM dual
/// (Hsieh et al. 2008, with shrinking), for `.logistic` the logistic-regression dual
/// (Yu, Huang and Lin 2011). A bias feature of value `parameters.bias` is appended to every row
/// implicitly, so the weight vector has `featureCount + 1` entries and the last one is the bias
/// weight. The dense weight buffer is allocated once and only the touched entries are cleared
/// after each solve, so one solver can run thousands of small jobs cheaply.
public final class LinearSolver {
    /// The most features (without the bias) a matrix given to this solver may have.
    public let featureCount: Int
    /// Column count of the matrix of the current solve; the bias weight sits at this index.
    private var biasIndex = 0
    /// The solver settings.
    public let parameters: LinearSolverParameters
    /// When set and cancelled, a running solve stops after its current pass (its result is then unusable).
    public var cancellation: CancellationToken?

    private let weights: UnsafeMutablePointer<Double>
    private var capacity = 0
    private var order: UnsafeMutablePointer<Int32>
    private var alpha: UnsafeMutablePointer<Double>
    private var diagonal: UnsafeMutablePointer<Double>
    private var signs: UnsafeMutablePointer<Double>
    private var rowStart: UnsafeMutablePointer<Int>
    private var rowEnd: UnsafeMutablePointer<Int>
    /// Whether local point i ever had a nonzero dual variable, i.e. may have changed w.
    private var changed: UnsafeMutablePointer<Bool>
    private var entries: UnsafePointer<PackedEntry>
    /// The dense block of the current matrix: its first column, width and values (`PackedRows`).
    private var denseStart = 0
    private var denseWidth = 0
    private var denseValues: UnsafePointer<Float>
    /// Where local point i's dense row starts in `denseValues`.
    private var denseOffset: UnsafeMutablePointer<Int>
    /// Local point i's row value for a uniform layout, else 1.
    private var rowScale: UnsafeMutablePointer<Double>
    /// How many visits ahead the SVM loop prefetches a point's first two row cache lines.
    static let rowLookAhead = 2
    /// How many visits ahead the SVM loop prefetches a point's state (needed earlier: it locates the row).
    static let stateLookAhead = 4
    /// Keeps the look-ahead loads of the dense block observable so the optimizer does not drop them.
    private var lookAheadSink = 0
    /// Whether the current solve started from a prior (its weights are then harvested by a dense sweep).
    private var hasPrior = false

    /// Creates a workspace for matrices with at most `featureCount` columns.
    public init(featureCount: Int, parameters: LinearSolverParameters) {
        self.featureCount = featureCount
        self.parameters = parameters
        // Features, the bias, and the padding slot of `PackedRows` (its entries are 0, so it stays 0).
        weights = .allocate(capacity: featureCount + 2)
        weights.initialize(repeating: 0, count: featureCount + 2)
        order = .allocate(capacity: 1 + Self.stateLookAhead)
        alpha = .allocate(capacity: 2)
        diagonal = .allocate(capacity: 1)
        signs = .allocate(capacity: 1)
        rowStart = .allocate(capacity: 1)
        rowEnd = .allocate(capacity: 1)
        changed = .allocate(capacity: 1)
        denseOffset = .allocate(capacity: 1)
        rowScale = .allocate(capacity: 1)
        entries = UnsafePointer(bitPattern: MemoryLayout<PackedEntry>.alignment)!
        denseValues = UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
    }

    deinit {
        weights.deallocate()
        order.deallocate()
        alpha.deallocate()
        diagonal.deallocate()
        signs.deallocate()
        rowStart.deallocate()
        rowEnd.deallocate()
        changed.deallocate()
        denseOffset.deallocate()
        rowScale.deallocate()
    }

    /// Solves the problem on rows `rows` of `features` with `labels[i]` the class of `rows[i]`.
    ///
    /// `seed` fixes the order in which coordinates are visited.
    public func solve(features: CSRMatrix, rows: [Int], labels: [Bool], seed: UInt64 = 0) -> LinearSolution {
        precondition(rows.count == labels.count, "rows and labels must have the same count")
        precondition(features.cols == featureCount, "matrix has \(features.cols) columns, solver expects \(featureCount)")
        let ids = rows.map { Int32($0) }
        let packed = PackedRows(features)
        return ids.withUnsafeBufferPointer { idp in
            labels.withUnsafeBufferPointer { lp in
                solve(packed, rows: idp, isPositive: { lp[$0] }, seed: seed)
            }
        }
    }

    /// Solves on rows `rows` of `matrix`; `isPositive(i)` gives the class of local point `i`.
    ///
    /// With a `prior` (weights over `matrix`'s columns, the bias at index `matrix.cols`) the
    /// solve starts from w = prior and minimizes ½‖w − prior‖² plus the losses instead of ½‖w‖²:
    /// the dual coordinate descent of a larger problem continued on these rows, the prior being
    /// the other rows' (fixed) part of w. Adding labels to a trained model updates a node this way.
    /// With `startingDuals` as well (SVM only; ignored for logistic regression), row i's dual
    /// variable starts there instead of 0, and the prior must already hold those rows' part
    /// (Σ αᵢyᵢxᵢ). The reported dual objective is then that of w, not of the larger problem.
    func solve(_ matrix: PackedRows, rows: UnsafeBufferPointer<Int32>, isPositive: (Int) -> Bool,
               seed: UInt64, prior: SparseVector? = nil, startingDuals: UnsafeBufferPointer<Double>? = nil) -> LinearSolution {
        precondition(matrix.cols <= featureCount, "matrix has \(matrix.cols) columns, solver holds \(featureCount)")
        biasIndex = matrix.cols
        let count = rows.count
        reserve(count)
        entries = UnsafePointer(matrix.entries)
        denseStart = matrix.denseStart
        denseWidth = matrix.denseWidth
        denseValues = UnsafePointer(matrix.denseValues)
        // The SVM loop reads the matrix's smallest row layout (`PackedRows`).
        let uniformIDs = matrix.uniformIDs, narrowEntries = matrix.narrowEntries
        hasPrior = prior != nil
        if let prior {
            for (j, v) in zip(prior.indices, prior.values) where Int(j) <= biasIndex { weights[Int(j)] = Double(v) }
        }
        let biasSquared = parameters.bias * parameters.bias
        for i in 0..<count {
            let row = Int(rows[i])
            rowStart[i] = matrix.rowPointers[row]
            rowEnd[i] = matrix.rowPointers[row + 1]
            signs[i] = isPositive(i) ? 1 : -1
            order[i] = Int32(i)
            diagonal[i] = matrix.squaredNorms[row] + biasSquared
            changed[i] = false
            denseOffset[i] = row * denseWidth
            rowScale[i] = uniformIDs != nil ? matrix.rowValues![row] : 1
        }
        var generator = ShuffleGenerator(seed: seed)
        let iterations: Int
        switch parameters.kind {
        case .svm:
            if let uniformIDs {
                iterations = solveSquaredHingeDual(UniformRowKernel(ids: UnsafePointer(uniformIDs), sink: matrix.cols + 1),
                                                   count: count, generator: &generator, startingDuals: startingDuals)
            } else if let narrowEntries {
                iterations = solveSquaredHingeDual(NarrowRowKernel(base: UnsafeRawPointer(narrowEntries)), count: count,
                                                   generator: &generator, startingDuals: startingDuals)
            } else {
                iterations = solveSquaredHingeDual(PackedRowKernel(entries: entries), count: count,
                                                   generator: &generator, startingDuals: startingDuals)
            }
        case .logistic: iterations = solveLogisticDual(count: count, generator: &generator)
        }
        let (weightVector, squaredNorm) = harvest(count: count)
        return LinearSolution(weights: weightVector,
                              dualObjective: dualObjective(count: count, squaredNorm: squaredNorm),
                              iterations: iterations)
    }

    private func reserve(_ count: Int) {
        guard count > capacity else { return }
        let newCapacity = max(count, capacity * 2)
        order.deallocate(); order = .allocate(capacity: newCapacity + Self.stateLookAhead)
        alpha.deallocate(); alpha = .allocate(capacity: 2 * newCapacity)
        diagonal.deallocate(); diagonal = .allocate(capacity: newCapacity)
        signs.deallocate(); signs = .allocate(capacity: newCapacity)
        rowStart.deallocate(); rowStart = .allocate(capacity: newCapacity)
        rowEnd.deallocate(); rowEnd = .allocate(capacity: newCapacity)
        changed.deallocate(); changed = .allocate(capacity: newCapacity)
        denseOffset.deallocate(); denseOffset = .allocate(capacity: newCapacity)
        rowScale.deallocate(); rowScale = .allocate(capacity: newCapacity)
        capacity = newCapacity
    }

    // MARK: - Row kernels

    /// wᵀxᵢ for local point i (bias included).
    @inline(__always)
    private func dot(_ i: Int) -> Double {
        denseWidth > 0 ? dot(start: rowStart[i], end: rowEnd[i]) + denseDot(denseOffset[i])
            : dot(start: rowStart[i], end: rowEnd[i])
    }

    /// wᵀx for the row stored in entries `start..<end` (bias included), read as packed entries.
    @inline(__always)
    private func dot(start: Int, end: Int) -> Double {
        PackedRowKernel(entries: entries).dot(weights, start: start, end: end) + weights[biasIndex] * parameters.bias
    }

    /// w += scale · xᵢ for local point i (bias included).
    @inline(__always)
    private func addScaled(_ i: Int, scale: Double) {
        addScaled(start: rowStart[i], end: rowEnd[i], scale: scale)
        if denseWidth > 0 { denseAddScaled(denseOffset[i], scale: scale) }
    }

    /// w += scale · x for the row stored in entries `start..<end` (bias included).
    @inline(__always)
    private func addScaled(start: Int, end: Int, scale: Double) {
        PackedRowKernel(entries: entries).add(weights, start: start, end: end, scale: scale)
        weights[biasIndex] += scale * parameters.bias
    }

    /// wᵀx over the dense block for the dense row at `offset`: four-wide vector loads of the
    /// weights (Double) and values (Float), two accumulators, then the remainder.
    @inline(__always)
    private func denseDot(_ offset: Int) -> Double {
        let w = UnsafeRawPointer(weights + denseStart), x = UnsafeRawPointer(denseValues + offset)
        let width = denseWidth
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var k = 0
        while k &+ 8 <= width {
            s0 += w.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
                * SIMD4<Double>(x.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self))
            s1 += w.loadUnaligned(fromByteOffset: (k &+ 4) &* 8, as: SIMD4<Double>.self)
                * SIMD4<Double>(x.loadUnaligned(fromByteOffset: (k &+ 4) &* 4, as: SIMD4<Float>.self))
            k &+= 8
        }
        var sum = (s0 + s1).sum()
        let wd = weights + denseStart, xd = denseValues + offset
        while k < width {
            sum += wd[k] * Double(xd[k])
            k &+= 1
        }
        return sum
    }

    /// w += scale · x over the dense block for the dense row at `offset`.
    @inline(__always)
    private func denseAddScaled(_ offset: Int, scale: Double) {
        let w = UnsafeMutableRawPointer(weights + denseStart), x = UnsafeRawPointer(denseValues + offset)
        let width = denseWidth
        let factor = SIMD4<Double>(repeating: scale)
        var k = 0
        while k &+ 4 <= width {
            let updated = w.loadUnaligned(fromByteOffset: k &* 8, as: SIMD4<Double>.self)
                + factor * SIMD4<Double>(x.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self))
            w.storeBytes(of: updated, toByteOffset: k &* 8, as: SIMD4<Double>.self)
            k &+= 4
        }
        let wd = weights + denseStart, xd = denseValues + offset
        while k < width {
            wd[k] += scale * Double(xd[k])
            k &+= 1
        }
    }

    // MARK: - L2-loss SVM dual

    /// Coordinate descent on min ½αᵀ(Q + D)α − eᵀα, α ≥ 0, D = 1/(2C), with shrinking.
    ///
    /// Each point's state sits in one `SquaredHingePoint` (one memory visit instead of five arrays).
    /// The loop is bound by the latency of fetching each randomly chosen row, so it prefetches:
    /// the state of the point visited `stateLookAhead` steps later and the start of the row
    /// visited `rowLookAhead` steps later, overlapping those misses with the current arithmetic.
    /// `kernel` reads the rows in the matrix's smallest layout (`PackedRows`): on the 16-bit
    /// layouts a visit touches a quarter (uniform rows) or three quarters of the bytes. None of
    /// this changes the arithmetic of the packed layout; a uniform row's dot product is its value
    /// times the sum of the weights, which rounds differently in the last bits.
    private func solveSquaredHingeDual<Kernel: RowKernel>(_ kernel: Kernel, count: Int, generator: inout ShuffleGenerator,
                                                          startingDuals: UnsafeBufferPointer<Double>?) -> Int {
        let diag = 0.5 / parameters.c
        let points = UnsafeMutablePointer<SquaredHingePoint>.allocate(capacity: count + 1)
        defer { points.deallocate() }
        for i in 0..<count {
            points[i] = SquaredHingePoint(start: rowStart[i], end: rowEnd[i], alpha: 0,
                                          diagonal: diagonal[i] + diag, sign: signs[i], scale: rowScale[i])
        }
        if let startingDuals {
            for i in 0..<count where startingDuals[i] > 0 {
                points[i].alpha = startingDuals[i]
                changed[i] = true
            }
        }
        // A sentinel point with an empty row, so the look-ahead never reads past the end.
        points[count] = SquaredHingePoint(start: 0, end: 0, alpha: 0, diagonal: 1, sign: 1, scale: 1)
        for k in 0..<Self.stateLookAhead { order[count + k] = Int32(count) }
        let bias = parameters.bias
        var maxOld = Double.infinity
        var minOld = -Double.infinity
        var active = count
        var iteration = 0
        var touched = 0
        while iteration < parameters.maxIterations && cancellation?.isCancelled != true {
            var maxNew = -Double.infinity
            var minNew = Double.infinity
            generator.shuffle(order, count: active)
            // Entries past `active` are other points' ids; look-ahead only reads them.
            var s = 0
            while s < active {
                let ahead = Int(order[s &+ Self.rowLookAhead])
                kernel.prefetchHead(start: points[ahead].start, end: points[ahead].end)
                if denseWidth > 0 { touched &+= touchDenseRow(ahead, count: count) }
                xmr_prefetch(points + Int(order[s &+ Self.stateLookAhead]))
                let i = Int(order[s])
                let point = points[i]
                let yi = point.sign
                var wx = point.scale * kernel.dot(weights, start: point.start, end: point.end) + weights[biasIndex] * bias
                if denseWidth > 0 { wx += denseDot(denseOffset[i]) }
                let g = yi * wx - 1 + point.alpha * diag
                var projected: Double = 0
                if point.alpha == 0 {
                    if g > maxOld {
                        active -= 1
                        let t = order[s]; order[s] = order[active]; order[active] = t
                        continue
                    }
                    if g < 0 { projected = g }
                } else {
                    projected = g
                }
                maxNew = max(maxNew, projected)
                minNew = min(minNew, projected)
                if abs(projected) > 1e-12 {
                    let old = point.alpha
                    let new = max(old - g / point.diagonal, 0)
                    points[i].alpha = new
                    changed[i] = true
                    let step = (new - old) * yi
                    kernel.add(weights, start: point.start, end: point.end, scale: step * point.scale)
                    weights[biasIndex] += step * bias
                    if denseWidth > 0 { denseAddScaled(denseOffset[i], scale: step) }
                }
                s += 1
            }
            iteration += 1
            if maxNew - minNew <= parameters.eps {
                if active == count { break }
                active = count
                maxOld = .infinity
                minOld = -.infinity
                continue
            }
            maxOld = maxNew > 0 ? maxNew : .infinity
            minOld = minNew < 0 ? minNew : -.infinity
        }
        _ = minOld
        for i in 0..<count { alpha[i] = points[i].alpha }
        lookAheadSink = touched
        return iteration
    }

    /// Loads the first cache line of point `i`'s dense row (the sentinel `count` has none).
    @inline(__always)
    private func touchDenseRow(_ i: Int, count: Int) -> Int {
        i < count ? Int(denseValues[denseOffset[i]].bitPattern) : 0
    }

    // MARK: - Logistic regression dual

    /// Coordinate descent on the logistic dual, each coordinate solved by a guarded Newton method.
    private func solveLogisticDual(count: Int, generator: inout ShuffleGenerator) -> Int {
        let c = parameters.c
        let innerMaxIterations = 100
        var innerEps = 1e-2
        let innerEpsMin = min(1e-8, parameters.eps)
        let start = min(0.001 * c, 1e-8)
        for i in 0..<count {
            alpha[2 * i] = start
            alpha[2 * i + 1] = c - start
            changed[i] = true
            addScaled(i, scale: signs[i] * start)
        }
        var iteration = 0
        while iteration < parameters.maxIterations && cancellation?.isCancelled != true {
            generator.shuffle(order, count: count)
            var newtonSteps = 0
            var gradientMax: Double = 0
            for s in 0..<count {
                let i = Int(order[s])
                let yi = signs[i]
                let a = diagonal[i]
                let b = yi * dot(i)
                var first = 2 * i, second = 2 * i + 1
                var sign: Double = 1
                if 0.5 * a * (alpha[second] - alpha[first]) + b < 0 {
                    swap(&first, &second)
                    sign = -1
                }
                let old = alpha[first]
                var z = old
                if c - z < 0.5 * c { z *= 0.1 }
                var gradient = a * (z - old) + sign * b + log(z / (c - z))
                gradientMax = max(gradientMax, abs(gradient))
                var inner = 0
                while inner <= innerMaxIterations {
                    if abs(gradient) < innerEps { break }
                    let curvature = a + c / (c - z) / z
                    let candidate = z - gradient / curvature
                    z = candidate <= 0 ? z * 0.1 : candidate
                    gradient = a * (z - old) + sign * b + log(z / (c - z))
                    newtonSteps += 1
                    inner += 1
                }
                if inner > 0 {
                    alpha[first] = z
                    alpha[second] = c - z
                    addScaled(i, scale: sign * (z - old) * yi)
                }
            }
            iteration += 1
            if gradientMax < parameters.eps { break }
            if newtonSteps <= count / 10 { innerEps = max(innerEpsMin, 0.1 * innerEps) }
        }
        return iteration
    }

    // MARK: - Result

    /// Collects the kept weights, clears every touched entry, and returns ‖w‖².
    ///
    /// w is a combination of the rows whose dual variable ever moved, so only their features can
    /// be nonzero (including rounding residue). When those rows hold fewer entries than w has
    /// slots, each of their entries is read once and reset to zero; otherwise one ascending sweep
    /// of the dense w is cheaper and needs no sort. Both keep the same weights.
    private func harvest(count: Int) -> (SparseVector, Double) {
        let w = weights
        w[biasIndex + 1] = 0  // the padding slot: its entries are 0, so it holds only ±0
        var touchedEntries = 0
        for i in 0..<count where changed[i] { touchedEntries &+= rowEnd[i] - rowStart[i] + denseWidth }
        var kept: [(Int32, Float)] = []
        var norm: Double = 0
        let threshold = parameters.threshold
        if touchedEntries >= biasIndex || hasPrior {
            for j in 0..<biasIndex where w[j] != 0 {
                let value = w[j]
                norm += value * value
                if abs(value) >= threshold { kept.append((Int32(j), Float(value))) }
                w[j] = 0
            }
        } else {
            let e = entries
            for i in 0..<count where changed[i] {
                for p in rowStart[i]..<rowEnd[i] {
                    let j = Int(e[p].feature)
                    let value = w[j]
                    if value != 0 {
                        norm += value * value
                        if abs(value) >= threshold { kept.append((Int32(j), Float(value))) }
                        w[j] = 0
                    }
                }
            }
            if touchedEntries > 0 {
                for j in denseStart..<(denseStart + denseWidth) where w[j] != 0 {
                    let value = w[j]
                    norm += value * value
                    if abs(value) >= threshold { kept.append((Int32(j), Float(value))) }
                    w[j] = 0
                }
            }
            kept.sort { $0.0 < $1.0 }
        }
        let biasWeight = w[biasIndex]
        norm += biasWeight * biasWeight
        if biasWeight != 0 && abs(biasWeight) >= threshold { kept.append((Int32(biasIndex), Float(biasWeight))) }
        w[biasIndex] = 0
        return (SparseVector(dimension: biasIndex + 1, indices: kept.map(\.0), values: kept.map(\.1)), norm)
    }

    private func dualObjective(count: Int, squaredNorm: Double) -> Double {
        var value = 0.5 * squaredNorm
        switch parameters.kind {
        case .svm:
            let diag = 0.5 / parameters.c
            for i in 0..<count { value += 0.5 * alpha[i] * alpha[i] * diag - alpha[i] }
        case .logistic:
            let c = parameters.c
            for i in 0..<count {
                let a = alpha[2 * i], b = alpha[2 * i + 1]
                value += a * log(a) + b * log(b) - c * log(c)
            }
        }
        return value
    }
}
