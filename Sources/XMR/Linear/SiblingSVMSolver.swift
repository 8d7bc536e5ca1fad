import CVectorKernels
import Foundation

/// Solves up to `width` L2-loss SVM duals that share their rows side by side, fetching each
/// randomly chosen row once for all of them.
///
/// The children of a tree node train on the same rows (the parent's points) with different
/// labels. `LinearSolver` solves them one after another, so every row is fetched from memory once
/// per child and pass, and those fetches are what its loop waits on. Here the problems' weights
/// are interleaved (feature j's `width` weights fill one 64-byte line) and a visit of row i loads
/// the row once, computes all `width` margins with vector arithmetic and updates the weights of
/// every problem whose dual variable moved.
///
/// Each problem is still LIBLINEAR's dual coordinate descent with shrinking (Hsieh et al. 2008):
/// its own dual variables, shrunk set and stopping test, with the rows visited in one shared
/// random order (a row stays in the order while any problem has it active). So it reaches the
/// same optimum as `LinearSolver` to the tolerance `eps`, but not bit for bit.
final class SiblingSVMSolver {
    /// How many problems one solve holds.
    static let width = 8
    /// One weight per problem of a feature, or one value per problem of a row.
    typealias Lanes = SIMD8<Double>

    /// Whether solving siblings together beats one by one on a matrix of `features` columns.
    ///
    /// The interleaved weights take `width` times the memory of one problem's, and every visit
    /// does all `width` lanes' arithmetic however few problems still visit the row. Measured (2
    /// threads): together wins where even one problem's weights miss the per-core cache
    /// (≥ 131,072 features, 1 MB: the 100k-label synthetic set's level 2, 10.2 → 5.3 s), and lost
    /// where the data sits in cache (delicious, 500 features: its label level 1.56 → 2.27 s;
    /// debtags: 3.3 → 4.3 s on one thread). The rule depends only on the data, so results stay
    /// the same for any thread count.
    static func pays(features: Int) -> Bool { features >= 131_072 }

    /// The solver settings (the kind must be `.svm`).
    let parameters: LinearSolverParameters
    /// When set and cancelled, a running solve stops after its current pass (its result is then unusable).
    var cancellation: CancellationToken?

    /// The interleaved weights: `cols + 2` lanes (features, the bias, the padding slot), all 0 between solves.
    private var weights: UnsafeMutablePointer<Lanes>
    private var weightCapacity: Int
    private var capacity = 0
    private var points: UnsafeMutablePointer<SiblingPoint>
    private var order: UnsafeMutablePointer<Int32>
    private var alpha: UnsafeMutablePointer<Lanes>
    /// Per row and problem: +1 positive, −1 negative, 0 not one of the problem's rows.
    private var signs: UnsafeMutablePointer<SIMD8<Int8>>
    /// Per row, bit k set: problem k still visits the row (not shrunk, not excluded).
    private var activeBits: UnsafeMutablePointer<UInt8>
    /// Per row, bit k set: the row belongs to problem k.
    private var includedBits: UnsafeMutablePointer<UInt8>
    /// Whether row i's dual variables ever moved (only such rows' features can be nonzero in w).
    private var changed: UnsafeMutablePointer<Bool>
    private var entries: UnsafePointer<PackedEntry>
    private var denseStart = 0
    private var denseWidth = 0
    private var denseValues: UnsafePointer<Float>
    private var biasIndex = 0
    /// Keeps the look-ahead loads observable so the optimizer does not drop them.
    private var lookAheadSink = 0

    /// Creates a workspace; it grows to the matrices it is given.
    init(parameters: LinearSolverParameters) {
        precondition(parameters.kind == .svm, "SiblingSVMSolver solves the L2-loss SVM dual only")
        self.parameters = parameters
        weightCapacity = 2
        weights = .allocate(capacity: weightCapacity)
        weights.initialize(repeating: .zero, count: weightCapacity)
        points = .allocate(capacity: 1 + LinearSolver.stateLookAhead)
        order = .allocate(capacity: 1 + LinearSolver.stateLookAhead)
        alpha = .allocate(capacity: 1)
        signs = .allocate(capacity: 1)
        activeBits = .allocate(capacity: 1)
        includedBits = .allocate(capacity: 1)
        changed = .allocate(capacity: 1)
        entries = UnsafePointer(bitPattern: MemoryLayout<PackedEntry>.alignment)!
        denseValues = UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
    }

    deinit {
        weights.deallocate()
        points.deallocate()
        order.deallocate()
        alpha.deallocate()
        signs.deallocate()
        activeBits.deallocate()
        includedBits.deallocate()
        changed.deallocate()
    }

    /// Solves `problems` (1...width) problems on rows `rows` of `matrix`: `sign(i, k)` is +1 when
    /// row `rows[i]` is a positive of problem k, −1 a negative, 0 not one of its rows.
    ///
    /// `seed` fixes the order in which rows are visited. Returns one solution per problem.
    func solve(_ matrix: PackedRows, rows: UnsafeBufferPointer<Int32>, problems: Int,
               sign: (_ row: Int, _ problem: Int) -> Int8, seed: UInt64) -> [LinearSolution] {
        precondition(problems >= 1 && problems <= Self.width, "SiblingSVMSolver: 1...\(Self.width) problems")
        let count = rows.count
        reserveWeights(matrix.cols + 2)
        reserve(count)
        biasIndex = matrix.cols
        entries = UnsafePointer(matrix.entries)
        denseStart = matrix.denseStart
        denseWidth = matrix.denseWidth
        denseValues = UnsafePointer(matrix.denseValues)
        let diagonalShift = parameters.bias * parameters.bias + 0.5 / parameters.c
        for i in 0..<count {
            let row = Int(rows[i])
            var lanes = SIMD8<Int8>()
            var bits: UInt8 = 0
            for k in 0..<problems {
                let s = sign(i, k)
                lanes[k] = s
                if s != 0 { bits |= 1 << k }
            }
            signs[i] = lanes
            includedBits[i] = bits
            activeBits[i] = bits
            alpha[i] = .zero
            changed[i] = false
            order[i] = Int32(i)
            points[i] = SiblingPoint(start: matrix.rowPointers[row], end: matrix.rowPointers[row + 1],
                                     diagonal: matrix.squaredNorms[row] + diagonalShift, denseOffset: row * denseWidth)
        }
        // A sentinel row with no entries, so the look-ahead never reads past the end.
        points[count] = SiblingPoint(start: 0, end: 0, diagonal: 1, denseOffset: 0)
        for k in 0..<LinearSolver.stateLookAhead { order[count + k] = Int32(count) }
        var generator = ShuffleGenerator(seed: seed)
        let iterations = descend(count: count, problems: problems, generator: &generator)
        return harvest(count: count, problems: problems, iterations: iterations)
    }

    private func reserveWeights(_ lanes: Int) {
        guard lanes > weightCapacity else { return }
        weights.deallocate()
        weightCapacity = max(lanes, weightCapacity * 2)
        weights = .allocate(capacity: weightCapacity)
        weights.initialize(repeating: .zero, count: weightCapacity)
    }

    private func reserve(_ count: Int) {
        guard count > capacity else { return }
        let newCapacity = max(count, capacity * 2)
        points.deallocate(); points = .allocate(capacity: newCapacity + 1)
        order.deallocate(); order = .allocate(capacity: newCapacity + LinearSolver.stateLookAhead)
        alpha.deallocate(); alpha = .allocate(capacity: newCapacity)
        signs.deallocate(); signs = .allocate(capacity: newCapacity)
        activeBits.deallocate(); activeBits = .allocate(capacity: newCapacity)
        includedBits.deallocate(); includedBits = .allocate(capacity: newCapacity)
        changed.deallocate(); changed = .allocate(capacity: newCapacity)
        capacity = newCapacity
    }

    // MARK: - Coordinate descent

    /// The passes: shuffle the rows any problem still visits, visit each, then per problem test
    /// for convergence (LIBLINEAR: projected-gradient spread ≤ eps), unshrinking a problem that
    /// converged on a shrunk set. Returns each problem's pass count.
    private func descend(count: Int, problems: Int, generator: inout ShuffleGenerator) -> [Int] {
        let diag = 0.5 / parameters.c
        var maxOld = Lanes(repeating: .infinity)
        var shrunk = SIMD8<Int>()
        var passes = [Int](repeating: parameters.maxIterations, count: problems)
        var running: UInt8 = problems == Self.width ? 0xFF : UInt8((1 << problems) - 1)
        var active = count
        var iteration = 0
        var touched = 0
        while iteration < parameters.maxIterations && running != 0 && cancellation?.isCancelled != true {
            var maxNew = Lanes(repeating: -.infinity)
            var minNew = Lanes(repeating: .infinity)
            generator.shuffle(order, count: active)
            var s = 0
            while s < active {
                touched &+= touchRow(Int(order[s &+ LinearSolver.rowLookAhead]))
                touched &+= points[Int(order[s &+ LinearSolver.stateLookAhead])].start
                let i = Int(order[s])
                var bits = activeBits[i] & running
                if bits != 0 {
                    bits = visit(i, bits: bits, diag: diag, maxOld: maxOld, maxNew: &maxNew, minNew: &minNew,
                                 shrunk: &shrunk)
                    activeBits[i] = bits
                }
                if bits == 0 {
                    active -= 1
                    let t = order[s]; order[s] = order[active]; order[active] = t
                    continue
                }
                s += 1
            }
            iteration += 1
            var unshrink: UInt8 = 0
            for k in 0..<problems where running & (1 << k) != 0 {
                if maxNew[k] - minNew[k] <= parameters.eps {
                    if shrunk[k] == 0 {
                        running &= ~(1 << k)
                        passes[k] = iteration
                    } else {
                        unshrink |= 1 << k
                        shrunk[k] = 0
                        maxOld[k] = .infinity
                    }
                } else {
                    maxOld[k] = maxNew[k] > 0 ? maxNew[k] : .infinity
                }
            }
            if unshrink != 0 {
                for i in 0..<count { activeBits[i] |= includedBits[i] & unshrink }
                active = count
            }
        }
        lookAheadSink = touched
        return passes
    }

    /// One coordinate step of every problem in `bits` on row i; returns the problems that still
    /// visit the row (those that shrank it are removed and counted in `shrunk`).
    @inline(__always)
    private func visit(_ i: Int, bits: UInt8, diag: Double, maxOld: Lanes, maxNew: inout Lanes, minNew: inout Lanes,
                       shrunk: inout SIMD8<Int>) -> UInt8 {
        let point = points[i]
        var margins = dot(start: point.start, end: point.end)
        if denseWidth > 0 { margins += denseDot(point.denseOffset) }
        let y = SIMD8<Double>(signs[i])
        var a = alpha[i]
        let gradients = y * margins - 1 + a * diag
        var delta = Lanes()
        var moved = false
        var kept = bits
        var pending = bits
        while pending != 0 {
            let k = pending.trailingZeroBitCount
            pending &= pending &- 1
            let g = gradients[k]
            var projected: Double = 0
            if a[k] == 0 {
                if g > maxOld[k] {
                    kept &= ~(1 << k)
                    shrunk[k] &+= 1
                    continue
                }
                if g < 0 { projected = g }
            } else {
                projected = g
            }
            maxNew[k] = max(maxNew[k], projected)
            minNew[k] = min(minNew[k], projected)
            if abs(projected) > 1e-12 {
                let new = max(a[k] - g / point.diagonal, 0)
                delta[k] = (new - a[k]) * y[k]
                a[k] = new
                moved = true
            }
        }
        if moved {
            alpha[i] = a
            changed[i] = true
            addScaled(start: point.start, end: point.end, scale: delta)
            if denseWidth > 0 { denseAddScaled(point.denseOffset, scale: delta) }
        }
        return kept
    }

    /// Loads the first two cache lines of row i so they are in cache when it is visited.
    @inline(__always)
    private func touchRow(_ i: Int) -> Int {
        let start = points[i].start, end = points[i].end
        let second = max(start, min(start &+ 8, end &- 1))
        return Int(entries[start].feature) &+ Int(entries[second].feature)
    }

    // MARK: - Row kernels

    /// Every problem's wᵀx for the row stored in entries `start..<end` (bias included).
    ///
    /// The C kernel (`xmr_lanes8_dot`: AVX2 where the CPU has it, the same bits either way) sums
    /// even and odd entries apart; rows are padded to whole groups of four (`PackedRows.rowMultiple`).
    @inline(__always)
    private func dot(start: Int, end: Int) -> Lanes {
        var out = Lanes()
        withUnsafeMutableBytes(of: &out) { o in
            xmr_lanes8_dot(UnsafeRawPointer(weights).assumingMemoryBound(to: Double.self),
                           UnsafeRawPointer(entries).assumingMemoryBound(to: xmr_packed_entry.self), start, end,
                           o.baseAddress!.assumingMemoryBound(to: Double.self))
        }
        return out + weights[biasIndex] * parameters.bias
    }

    /// w_k += scale_k · x for every problem k, for the row stored in entries `start..<end` (bias included).
    @inline(__always)
    private func addScaled(start: Int, end: Int, scale: Lanes) {
        withUnsafeBytes(of: scale) { c in
            xmr_lanes8_add(UnsafeMutableRawPointer(weights).assumingMemoryBound(to: Double.self),
                           UnsafeRawPointer(entries).assumingMemoryBound(to: xmr_packed_entry.self), start, end,
                           c.baseAddress!.assumingMemoryBound(to: Double.self))
        }
        weights[biasIndex] += scale * parameters.bias
    }

    /// Every problem's wᵀx over the dense block for the dense row at `offset`.
    @inline(__always)
    private func denseDot(_ offset: Int) -> Lanes {
        let w = weights + denseStart, x = denseValues + offset
        var s0 = Lanes(), s1 = Lanes()
        var c = 0
        while c &+ 2 <= denseWidth {
            s0 += w[c] * Double(x[c])
            s1 += w[c &+ 1] * Double(x[c &+ 1])
            c &+= 2
        }
        if c < denseWidth { s0 += w[c] * Double(x[c]) }
        return s0 + s1
    }

    /// w_k += scale_k · x over the dense block for the dense row at `offset`.
    @inline(__always)
    private func denseAddScaled(_ offset: Int, scale: Lanes) {
        let w = weights + denseStart, x = denseValues + offset
        for c in 0..<denseWidth { w[c] += scale * Double(x[c]) }
    }

    // MARK: - Result

    /// Each problem's kept weights (|w| ≥ threshold, ascending ids, the bias at `cols`), its dual
    /// objective and pass count; clears every weight for the next solve.
    ///
    /// w is a combination of the rows whose dual variables moved, so only their features can be
    /// nonzero. When those rows hold fewer entries than w has features, each of their entries is
    /// visited (and the lanes read once, then zeroed); otherwise one ascending sweep of w.
    private func harvest(count: Int, problems: Int, iterations: [Int]) -> [LinearSolution] {
        let w = weights
        w[biasIndex + 1] = .zero  // the padding slot: its entries are 0, so it holds only ±0
        var touchedEntries = 0
        for i in 0..<count where changed[i] { touchedEntries &+= points[i].end - points[i].start + denseWidth }
        var features: [(Int32, Lanes)] = []
        if touchedEntries >= biasIndex {
            for j in 0..<biasIndex where w[j] != .zero {
                features.append((Int32(j), w[j]))
                w[j] = .zero
            }
        } else {
            for i in 0..<count where changed[i] {
                for p in points[i].start..<points[i].end {
                    let j = Int(entries[p].feature)
                    if j < biasIndex && w[j] != .zero {
                        features.append((Int32(j), w[j]))
                        w[j] = .zero
                    }
                }
            }
            for j in denseStart..<(denseStart + denseWidth) where w[j] != .zero {
                features.append((Int32(j), w[j]))
                w[j] = .zero
            }
            features.sort { $0.0 < $1.0 }
        }
        let bias = w[biasIndex]
        w[biasIndex] = .zero
        let threshold = parameters.threshold
        let diag = 0.5 / parameters.c
        var solutions: [LinearSolution] = []
        solutions.reserveCapacity(problems)
        for k in 0..<problems {
            var indices: [Int32] = [], values: [Float] = []
            var norm: Double = 0
            for (j, lanes) in features {
                let value = lanes[k]
                norm += value * value
                if abs(value) >= threshold && value != 0 {
                    indices.append(j)
                    values.append(Float(value))
                }
            }
            norm += bias[k] * bias[k]
            if bias[k] != 0 && abs(bias[k]) >= threshold {
                indices.append(Int32(biasIndex))
                values.append(Float(bias[k]))
            }
            var objective = 0.5 * norm
            for i in 0..<count where includedBits[i] & (1 << k) != 0 {
                let a = alpha[i][k]
                objective += 0.5 * a * a * diag - a
            }
            solutions.append(LinearSolution(weights: SparseVector(dimension: biasIndex + 1, indices: indices, values: values),
                                            dualObjective: objective, iterations: iterations[k]))
        }
        return solutions
    }
}
