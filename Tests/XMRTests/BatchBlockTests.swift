import Testing
@testable import XMR

@Suite("How a batch search cuts its queries into blocks")
struct BatchBlockTests {
    static func search(threads: Int, blockSize: Int) throws -> BatchBeamSearch {
        let (model, _, _) = try XRLinearModelTests.trained()
        let levels = LinearLevels(tree: model.tree, weights: model.levels, firstLevel: 1, preparation: model.preparation,
                                  postProcessor: model.parameters.postProcessor, maxChildren: model.maxChildren)
        var search = BatchBeamSearch(levels: levels, beamWidth: 3, lastKeep: 4, threads: threads)
        search.blockSize = blockSize
        return search
    }

    @Test("Blocks cover the queries in order, none above the block size, a multiple of the threads when each gets enough",
          arguments: [(threads: 1, blockSize: 4096, count: 10_000), (2, 4096, 10_000), (2, 512, 3185), (3, 100, 1000),
                      (2, 4096, 100), (2, 4096, 0), (4, 7, 20)])
    func blocksCoverQueries(threads: Int, blockSize: Int, count: Int) throws {
        let search = try Self.search(threads: threads, blockSize: blockSize)
        let blocks = search.blocks(count: count)
        #expect(blocks.first?.lowerBound ?? 0 == 0 && blocks.last?.upperBound ?? 0 == count)
        #expect(zip(blocks, blocks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(blocks.allSatisfy { !$0.isEmpty && $0.count <= blockSize })
        if threads > 1 && count >= threads * search.minimumThreadBlock {
            #expect(blocks.count % threads == 0)
            let sizes = blocks.map(\.count)
            #expect(sizes.max()! - sizes.min()! <= 1)
        }
    }

    @Test("Block sizes follow the deepest level's chunk count, between 512 and 4096")
    func blockSizeFollowsChunks() {
        #expect(BatchBeamSearch.blockSize(parents: 16, beamWidth: 10) == 512)
        #expect(BatchBeamSearch.blockSize(parents: 120, beamWidth: 10) == 768)
        #expect(BatchBeamSearch.blockSize(parents: 1000, beamWidth: 10) == 4096)
        #expect(BatchBeamSearch.blockSize(parents: 1000, beamWidth: 0) == 4096)
    }
}
