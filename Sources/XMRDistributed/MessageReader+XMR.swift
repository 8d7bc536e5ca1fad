import Foundation
import XMR

extension MessageReader {
    /// Reads a sparse matrix, checking that its arrays fit together.
    public mutating func readMatrix() throws -> CSRMatrix {
        let rows = try readInt(), cols = try readInt()
        let pointers = try readArray(of: Int.self)
        let indices = try readArray(of: Int32.self)
        let values = try readFloats()
        guard rows >= 0, cols >= 0, pointers.count == rows + 1, pointers.first == 0, pointers.last == indices.count,
              values.count == indices.count, zip(pointers, pointers.dropFirst()).allSatisfy({ $0 <= $1 }),
              indices.allSatisfy({ $0 >= 0 && Int($0) < cols }) else {
            throw DistributedError.mpi("a message holds a malformed \(rows) × \(cols) matrix")
        }
        return CSRMatrix(rows: rows, cols: cols, rowPointers: pointers, columnIndices: indices, values: values)
    }

    /// Reads a label tree, checking every parent id.
    public mutating func readTree() throws -> LabelTree {
        let depth = try readInt()
        guard depth >= 0 else { throw DistributedError.mpi("a message holds a tree of depth \(depth)") }
        var parents: [[Int32]] = []
        var above = 1
        for t in stride(from: 1, through: depth, by: 1) {
            let level = try readArray(of: Int32.self)
            guard level.allSatisfy({ $0 >= 0 && Int($0) < above }) else {
                throw DistributedError.mpi("a message holds a tree whose level \(t) names missing parents")
            }
            parents.append(level)
            above = level.count
        }
        return LabelTree(parents: parents)
    }

    /// Reads a pipeline from its JSON.
    public mutating func readPipeline() throws -> Pipeline {
        try JSONDecoder().decode(Pipeline.self, from: Data(try readString().utf8))
    }

    /// Reads the weights of one rank's subtrees.
    public mutating func readSubtreeWeights() throws -> SubtreeWeights {
        let splitLevel = try readInt()
        let levelCount = try readInt()
        guard levelCount >= 0 else { throw DistributedError.mpi("a message holds \(levelCount) levels") }
        var pieces = SubtreeWeights(splitLevel: splitLevel, nodes: [], weights: [])
        for _ in 0..<levelCount {
            let nodes = try readArray(of: Int32.self)
            let dimension = try readInt()
            let pointers = try readArray(of: Int.self)
            let indices = try readArray(of: Int32.self)
            let values = try readFloats()
            guard pointers.count == nodes.count + 1, pointers.first == 0, pointers.last == indices.count,
                  values.count == indices.count, zip(pointers, pointers.dropFirst()).allSatisfy({ $0 <= $1 }),
                  indices.allSatisfy({ $0 >= 0 && Int($0) < dimension }) else {
                throw DistributedError.mpi("a message holds malformed subtree weights")
            }
            pieces.nodes.append(nodes)
            pieces.weights.append(nodes.indices.map { k in
                SparseVector(dimension: dimension, indices: Array(indices[pointers[k]..<pointers[k + 1]]),
                             values: Array(values[pointers[k]..<pointers[k + 1]]))
            })
        }
        return pieces
    }

    /// Reads ranked label lists.
    public mutating func readRankings() throws -> [[LabelScore]] {
        let counts = try readArray(of: Int.self)
        let labels = try readArray(of: Int32.self)
        let scores = try readFloats()
        guard counts.allSatisfy({ $0 >= 0 }), counts.reduce(0, +) == labels.count, scores.count == labels.count else {
            throw DistributedError.mpi("a message holds malformed rankings")
        }
        var rankings: [[LabelScore]] = []
        rankings.reserveCapacity(counts.count)
        var offset = 0
        for count in counts {
            rankings.append((offset..<(offset + count)).map { LabelScore(label: Int(labels[$0]), score: scores[$0]) })
            offset += count
        }
        return rankings
    }
}
