import CVectorKernels
import Testing
@testable import XMR

/// The dense distance kernels (C, AVX2+FMA or portable) against a double-precision sum, at
/// lengths around every step of their loops.
@Suite struct VectorKernelsTests {
    @Test(arguments: [0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 384, 1000])
    func kernelsMatchADoublePrecisionSum(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &+ 11)
        func next() -> Float { Float(Double(generator.next() >> 11) / Double(1 << 53)) * 2 - 1 }
        let a = (0..<count).map { _ in next() }
        let b = (0..<count).map { _ in next() }
        var dot = 0.0, distance = 0.0
        for i in 0..<count {
            dot += Double(a[i]) * Double(b[i])
            distance += Double(a[i] - b[i]) * Double(a[i] - b[i])
        }
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let base = pa.baseAddress ?? UnsafePointer(bitPattern: 8)!, other = pb.baseAddress ?? UnsafePointer(bitPattern: 8)!
                let tolerance = 1e-5 * Double(max(1, count))
                #expect(abs(Double(VectorKernels.dot(base, other, count)) - dot) <= tolerance)
                #expect(abs(Double(VectorKernels.squaredDistance(base, other, count)) - distance) <= tolerance)
                // Unaligned starts (rows of a dense block rarely sit on 32-byte boundaries).
                if count > 1 {
                    let shifted = (1..<count).reduce(0.0) { $0 + Double(a[$1]) * Double(b[$1]) }
                    #expect(abs(Double(VectorKernels.dot(base + 1, other + 1, count - 1)) - shifted) <= tolerance)
                }
            }
        }
    }

    /// With AVX2 (and so with AVX-512, which must give the same bits) the kernels sum in one
    /// documented order: four 8-lane accumulators of fused multiply-adds (two for the distance),
    /// added lane-wise, then across the lanes. Rebuilt here in Swift, exactly, for whole 8-float
    /// steps (the scalar tail is left to the compiler's contraction).
    @Test(.enabled(if: xmr_vector_kernels_use_avx2() == 1, "the CPU has no AVX2"),
          arguments: [8, 16, 24, 40, 64, 200, 384, 1000])
    func simdKernelsKeepTheirSumOrder(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &+ 29)
        func next() -> Float { Float(Double(generator.next() >> 11) / Double(1 << 53)) * 2 - 1 }
        let a = (0..<count).map { _ in next() }
        let b = (0..<count).map { _ in next() }
        func acrossLanes(_ v: [Float]) -> Float {
            let s = (0..<4).map { v[$0] + v[$0 + 4] }
            return (s[0] + s[2]) + (s[1] + s[3])
        }
        var dotLanes = [[Float]](repeating: [Float](repeating: 0, count: 8), count: 4)
        var i = 0
        while i + 32 <= count {
            for k in 0..<4 { for l in 0..<8 { dotLanes[k][l].addProduct(a[i + 8 * k + l], b[i + 8 * k + l]) } }
            i += 32
        }
        while i + 8 <= count {
            for l in 0..<8 { dotLanes[0][l].addProduct(a[i + l], b[i + l]) }
            i += 8
        }
        let dot = acrossLanes((0..<8).map { (dotLanes[0][$0] + dotLanes[1][$0]) + (dotLanes[2][$0] + dotLanes[3][$0]) })
        var distanceLanes = [[Float]](repeating: [Float](repeating: 0, count: 8), count: 2)
        i = 0
        while i + 8 <= count {
            let k = (i / 8) % 2   // a last single step (a multiple of 16 before it) lands in 0
            for l in 0..<8 {
                let d = a[i + l] - b[i + l]
                distanceLanes[k][l].addProduct(d, d)
            }
            i += 8
        }
        let distance = acrossLanes((0..<8).map { distanceLanes[0][$0] + distanceLanes[1][$0] })
        #expect(VectorKernels.dot(a, b, count) == dot)
        #expect(VectorKernels.squaredDistance(a, b, count) == distance)
    }

    /// The filtered gather reads a column only when its filter bit is set, and the zero slot
    /// otherwise (or, on AVX-512, adds only the entries that pass the filter, 16 tested at once);
    /// with every query column's bit set it must give the plain gather's exact bits, also when
    /// many other columns share those bits (a 64-bit filter), values are negative, and the row
    /// ends just before, at or after a 16-entry block, from an even or an odd start.
    @Test(arguments: [(count: 0, mask: UInt32(63)), (1, 63), (7, 63), (105, 63), (105, 32767), (333, 1023),
                      (15, 63), (16, 63), (17, 63), (31, 1023), (32, 63), (33, 1023), (48, 63), (49, 32767)])
    func filteredGatherKeepsThePlainGathersBits(count: Int, mask: UInt32) {
        var generator = SplitMix64(seed: UInt64(count) &+ UInt64(mask))
        let dimension = 5000
        func value() -> Float { Float(Double(generator.next() >> 11) / Double(1 << 53)) * 2 - 1 }
        var dense = [Float](repeating: 0, count: dimension + 1)
        var filter = [UInt64](repeating: 0, count: Int(mask) / 64 + 1)
        for _ in 0..<200 {
            let column = generator.nextInt(below: dimension)
            dense[column] = value()
            let bit = UInt32(column) & mask
            filter[Int(bit >> 6)] |= 1 << UInt64(bit & 63)
        }
        let indices = (0..<count).map { _ in Int32(generator.nextInt(below: dimension)) }
        let values = (0..<count).map { _ in value() }
        var hits = 0
        for c in indices where dense[Int(c)] != 0 { hits += 1 }
        if count >= 105 { #expect(hits > 0) }   // the test means something only if some entries hit
        indices.withUnsafeBufferPointer { i in
            values.withUnsafeBufferPointer { v in
                let ip = i.baseAddress ?? UnsafePointer(bitPattern: 8)!, vp = v.baseAddress ?? UnsafePointer(bitPattern: 8)!
                for start in Set([0, 1, 2, 3, 5].map { min($0, count) }).sorted() {
                    let plain = VectorKernels.gatherDot(ip, vp, start, count, dense)
                    let filtered = VectorKernels.filteredGatherDot(ip, vp, start, count, dense, filter, mask, dimension)
                    #expect(plain.bitPattern == filtered.bitPattern)
                }
            }
        }
    }

    /// Entries that miss the query add a zero in the plain gather, and sums that cancel to +0
    /// stay +0 there: a kernel that skips the misses must agree on the sign of every zero.
    @Test func filteredGatherKeepsTheSignOfZeroSums() {
        let dimension = 100
        var dense = [Float](repeating: 0, count: dimension + 1)
        var filter = [UInt64](repeating: 0, count: 2)
        for column in [3, 5, 9] {
            dense[column] = column == 9 ? 0 : 1   // column 9 is a query column whose value is zero
            filter[column >> 6] |= 1 << UInt64(column & 63)
        }
        // Even entries: +1, then -1 (cancels to +0), then misses with negative values (-0 terms);
        // odd entries: only the zero-valued query column and misses; 17 entries cross a block.
        let indices: [Int32] = [3, 9, 50, 9, 3, 60, 70, 80, 90, 11, 12, 13, 14, 15, 16, 17, 18]
        let values: [Float] = [1, -2, -3, 4, -1, -5, -6, -7, -8, -9, -1, -1, -1, -1, -1, -1, -1]
        indices.withUnsafeBufferPointer { i in
            values.withUnsafeBufferPointer { v in
                for start in 0..<3 {
                    let plain = VectorKernels.gatherDot(i.baseAddress!, v.baseAddress!, start, indices.count, dense)
                    let filtered = VectorKernels.filteredGatherDot(i.baseAddress!, v.baseAddress!, start, indices.count,
                                                                   dense, filter, 127, dimension)
                    #expect(plain.bitPattern == filtered.bitPattern, "from \(start)")
                    if start == 0 { #expect(plain.bitPattern == 0) }   // +0: the even sum cancels, the odd one adds zeros
                }
            }
        }
    }
}
