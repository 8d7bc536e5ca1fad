import Foundation

/// Fine-tunes a text encoder as a cluster matcher, coarse to fine down the label tree
/// (XR-Transformer): at each cluster level a linear head scores the level's clusters from the
/// pooled embedding; the loss covers each text's positive clusters and the hard negatives its
/// beam reached one level up; each head starts from its parent's rows; the encoder carries over
/// from level to level.
///
/// Products run through OpenBLAS at one thread per worker; workers split each batch into
/// contiguous shares and their gradients are summed in worker order, so the same seed and
/// thread count give the same weights, bit for bit.
struct ClusterFineTuner {
    /// What fine-tuning produced.
    struct Result {
        /// The fine-tuned encoder weights, laid out by `layout`.
        let parameters: FlatParameters
        /// Their layout.
        let layout: EncoderParameterLayout
        /// The head of every cluster level, level 1 first.
        let heads: [ClusterHeadWeights]
        /// The mean loss per text of every epoch, level by level.
        let epochLosses: [[Double]]
        /// Seconds spent, and texts processed (epochs × levels × texts).
        let seconds: Double, examples: Int
    }

    /// The pretrained encoder to start from.
    let encoder: TextEncoder
    /// The training texts.
    let texts: [String]
    /// Points × labels.
    let labels: CSRMatrix
    /// The label tree; levels 1...depth − 1 are trained.
    let tree: LabelTree
    /// Epochs, batch size, learning rates and the rest.
    let parameters: FineTuningParameters
    /// The beam that picks the hard negatives of the next level.
    let beamWidth: Int
    /// How a head's logit becomes a path score in that beam.
    let postProcessor: PostProcessor
    /// Seeds the top head, the shuffles and the dropout.
    let seed: UInt64
    /// Worker threads.
    let threads: Int
    /// Called after every step (from the training thread).
    var progress: ((FineTuningProgress) -> Void)?
    /// Checked between steps; training then throws `XRLinearError.cancelled`.
    var cancel: CancellationToken?
    /// Where a checkpoint is written every `parameters.checkpointEvery` optimizer steps (nil: never).
    var checkpointFile: URL?
    /// A checkpoint of this same fine-tuning to go on from (its signature must match), and its file (for errors).
    var resume: FineTuningCheckpoint?, resumeFile: URL?

    /// Trains every cluster level in turn.
    func run() throws -> Result {
        try parameters.validate(layerCount: encoder.configuration.layerCount, maxPositions: encoder.configuration.maxPositions)
        guard texts.count == labels.rows, !texts.isEmpty else {
            throw XRLinearError.invalidInput("fine-tuning needs one text per training point (\(texts.count) texts, \(labels.rows) points)")
        }
        let start = Date()
        let layout = EncoderParameterLayout(encoder.configuration)
        let weights = encoder.model.flatParameters(layout)
        let model = BertModel(layout: layout, parameters: weights)
        let workerCount = max(1, min(threads, parameters.batchSize))
        let workers = (0..<workerCount).map { _ in FineTuningWorker(model: model, layout: layout, pooling: encoder.pooling) }
        let sequences = encoder.tokenize(texts, maxLength: parameters.maxLength, threads: threads)
        let levels = max(0, tree.depth - 1)
        let frozenLayers = parameters.frozenLayers(of: layout.configuration.layerCount)
        let frozen = frozenLayers > 0 && levels > 0
            ? BLAS.withThreadCount(1) {
                FrozenLayerStates(sequences: sequences, layers: frozenLayers, width: layout.configuration.hiddenSize,
                                  workers: workers, batchSize: parameters.batchSize)
            }
            : nil
        let trainable = layout.trainableStart(frozenLayers: frozenLayers)
        let signature = checkpointFile == nil && resume == nil ? [:] : try checkpointSignature()
        var heads: [ClusterHeadWeights] = [], losses: [[Double]] = []
        var globalStep = 0, firstLevel = 1, spentBefore = 0.0
        var lastCheckpoint: Int?
        var beam: [[Int32]]? = nil
        if let resume {
            try resume.check(against: signature, file: resumeFile?.path ?? "the checkpoint")
            guard resume.trainableStart == trainable, resume.encoder.count == layout.count - trainable, resume.level <= max(1, levels),
                  resume.heads.count == resume.level - 1, resume.epoch <= parameters.epochs,
                  resume.head.count == tree.nodeCount(atLevel: resume.level) * (layout.configuration.hiddenSize + 1),
                  resume.beam == nil || resume.beam?.count == texts.count, (resume.beam == nil) == (resume.level == 1) else {
                throw XRLinearError.invalidModelFile(file: resumeFile?.path ?? "the checkpoint", message: "does not fit this fine-tuning (its tensors have other sizes)")
            }
            (weights.pointer + trainable).update(from: resume.encoder, count: resume.encoder.count)
            heads = resume.heads
            losses = resume.losses
            globalStep = resume.globalStep
            firstLevel = resume.level
            beam = resume.beam
            spentBefore = resume.seconds
        }
        try BLAS.withThreadCount(1) {
            for level in stride(from: firstLevel, through: levels, by: 1) {
                let resumed = level == firstLevel ? resume : nil
                let positives = ClusterCandidates.positives(labels: labels, tree: tree, level: level)
                let candidates: [ClusterCandidates]
                if let beam {
                    let parents = ClusterCandidates.positives(labels: labels, tree: tree, level: level - 1)
                    candidates = (0..<texts.count).map { i in
                        ClusterCandidates.children(of: Array(Set(parents[i] + beam[i])), tree: tree, level: level, positives: positives[i])
                    }
                } else {
                    candidates = positives.map { ClusterCandidates.all(clusters: tree.nodeCount(atLevel: level), positives: $0) }
                }
                let clusters = tree.nodeCount(atLevel: level), width = layout.configuration.hiddenSize
                let head = resumed.map { ClusterHeadTraining(clusters: clusters, width: width, values: $0.head, first: $0.headFirst, second: $0.headSecond) }
                    ?? heads.last.map { ClusterHeadTraining(childrenOf: $0, tree: tree, level: level) }
                    ?? ClusterHeadTraining(clusters: clusters, width: width, seed: seed)
                for worker in workers { worker.headGradient = FlatParameters(count: head.parameters.count) }
                let encoderMoments = AdamMoments(count: layout.count)
                if let resumed {
                    (encoderMoments.first.pointer + trainable).update(from: resumed.encoderFirst, count: resumed.encoderFirst.count)
                    (encoderMoments.second.pointer + trainable).update(from: resumed.encoderSecond, count: resumed.encoderSecond.count)
                }
                let stepsPerEpoch = (texts.count + parameters.batchSize - 1) / parameters.batchSize
                let total = stepsPerEpoch * parameters.epochs
                let schedule = LearningRateSchedule(peak: 1, warmupSteps: Int(Float(total) * parameters.warmupFraction), totalSteps: total)
                var levelLosses = resumed?.levelLosses ?? []
                for epoch in (resumed?.epoch ?? 1)...parameters.epochs {
                    let order = Self.shuffled(texts.count, seed: seed, level: level, epoch: epoch)
                    let epochStart = Date()
                    let firstStep = resumed != nil && epoch == resumed?.epoch ? resumed!.step : 0
                    var epochLoss = firstStep > 0 ? resumed!.epochLoss : 0.0
                    for s in firstStep..<max(firstStep, stepsPerEpoch) {
                        if cancel?.isCancelled == true { throw XRLinearError.cancelled }
                        let points = Array(order[(s * parameters.batchSize)..<min(order.count, (s + 1) * parameters.batchSize)])
                        let stepInLevel = (epoch - 1) * stepsPerEpoch + s
                        let stepLoss = step(points, sequences: sequences, frozen: frozen, candidates: candidates, head: head, workers: workers,
                                            weights: weights, layout: layout, encoderMoments: encoderMoments,
                                            globalStep: globalStep, adamStep: stepInLevel + 1, rate: schedule.rate(at: stepInLevel))
                        epochLoss += stepLoss
                        globalStep += 1
                        let done = min(order.count, (s + 1) * parameters.batchSize)
                        if let checkpointFile, parameters.checkpointEvery > 0, globalStep % parameters.checkpointEvery == 0 {
                            try writeCheckpoint(to: checkpointFile, signature: signature, level: level, epoch: epoch, step: s + 1,
                                                globalStep: globalStep, epochLoss: epochLoss, levelLosses: levelLosses, losses: losses,
                                                seconds: spentBefore + Date().timeIntervalSince(start), trainable: trainable,
                                                weights: weights, encoderMoments: encoderMoments, head: head, heads: heads, beam: beam)
                            lastCheckpoint = globalStep
                        }
                        progress?(FineTuningProgress(level: level, levels: levels, epoch: epoch, epochs: parameters.epochs,
                                                     done: done, total: order.count, loss: epochLoss / Double(done),
                                                     examplesPerSecond: Double(done - firstStep * parameters.batchSize)
                                                        / max(1e-9, Date().timeIntervalSince(epochStart)),
                                                     stepLoss: stepLoss / Double(points.count), checkpointStep: lastCheckpoint))
                    }
                    levelLosses.append(epochLoss / Double(texts.count))
                }
                losses.append(levelLosses)
                heads.append(head.snapshot())
                if level < levels {
                    beam = try beams(sequences: sequences, frozen: frozen, workers: workers, heads: heads)
                }
            }
        }
        return Result(parameters: weights, layout: layout, heads: heads, epochLosses: losses,
                      seconds: spentBefore + Date().timeIntervalSince(start), examples: texts.count * parameters.epochs * levels)
    }

    /// Writes the state after a step as a checkpoint (atomically).
    private func writeCheckpoint(to file: URL, signature: [String: String], level: Int, epoch: Int, step: Int, globalStep: Int,
                                 epochLoss: Double, levelLosses: [Double], losses: [[Double]], seconds: Double, trainable: Int,
                                 weights: FlatParameters, encoderMoments: AdamMoments, head: ClusterHeadTraining,
                                 heads: [ClusterHeadWeights], beam: [[Int32]]?) throws {
        func tail(_ buffer: FlatParameters) -> [Float] { Array(UnsafeBufferPointer(start: buffer.pointer + trainable, count: buffer.count - trainable)) }
        let checkpoint = FineTuningCheckpoint(
            signature: signature, level: level, epoch: epoch, step: step, globalStep: globalStep, epochLoss: epochLoss,
            levelLosses: levelLosses, losses: losses, seconds: seconds, trainableStart: trainable, encoder: tail(weights),
            encoderFirst: tail(encoderMoments.first), encoderSecond: tail(encoderMoments.second), head: head.parameters.array,
            headFirst: head.moments.first.array, headSecond: head.moments.second.array, heads: heads, beam: beam)
        try checkpoint.write(to: file)
    }

    /// The signature a checkpoint of this fine-tuning carries (and a resumed one must match).
    func checkpointSignature() throws -> [String: String] {
        FineTuningCheckpoint.signature(encoderChecksum: try encoder.checksum(), configuration: encoder.configuration, tree: tree,
                                       texts: texts, labels: labels, parameters: parameters, beamWidth: beamWidth,
                                       postProcessor: postProcessor, seed: seed, threads: threads)
    }

    /// One optimizer step on `points`; returns the summed loss of their texts.
    private func step(_ points: [Int], sequences: [[Int32]], frozen: FrozenLayerStates?, candidates: [ClusterCandidates], head: ClusterHeadTraining,
                      workers: [FineTuningWorker], weights: FlatParameters, layout: EncoderParameterLayout,
                      encoderMoments: AdamMoments, globalStep: Int, adamStep: Int, rate: Float) -> Double {
        let count = points.count, shares = min(workers.count, count)
        let frozenLayers = parameters.frozenLayers(of: layout.configuration.layerCount)
        let trainable = layout.trainableStart(frozenLayers: frozenLayers)
        let trainsEncoder = trainable < layout.count
        let width = layout.configuration.hiddenSize, scale = 1 / Float(count)
        let parameters = parameters, seed = seed
        runParallel(workers: shares) { k in
            let worker = workers[k], begin = k * count / shares, end = (k + 1) * count / shares
            let share = Array(points[begin..<end])
            (worker.encoderGradient.pointer + trainable).update(repeating: 0, count: layout.count - trainable)
            worker.headGradient.zero()
            frozen?.gather(share, into: worker.states)
            worker.pass.forward(TokenBatch(share.map { sequences[$0] }), dropout: parameters.dropout,
                                seed: seed, step: globalStep, firstSequence: begin,
                                states: frozen == nil ? nil : UnsafePointer(worker.states.pointer), firstLayer: frozen?.layers ?? 0)
            worker.pooledGradient.resize(share.count * width)
            worker.loss = ClusterLoss.accumulate(
                pooled: worker.pass.pooled.pointer, count: share.count, candidates: share.map { candidates[$0] }, head: head,
                scale: scale, headGradient: worker.headGradient.pointer, pooledGradient: worker.pooledGradient.pointer)
            if trainsEncoder {
                worker.pass.backward(pooledGradient: worker.pooledGradient.pointer, into: worker.encoderGradient.pointer,
                                     frozenLayers: frozenLayers)
            }
        }
        let first = workers[0]
        for worker in workers[1..<shares] {
            Self.add(worker.encoderGradient.pointer + trainable, to: first.encoderGradient.pointer + trainable, count: layout.count - trainable)
            Self.add(worker.headGradient.pointer, to: first.headGradient.pointer, count: head.parameters.count)
        }
        var ranges = [(first.headGradient.pointer, head.parameters.count)]
        if trainsEncoder { ranges.append((first.encoderGradient.pointer + trainable, layout.count - trainable)) }
        GradientClipping.clip(ranges, maximumNorm: parameters.clipNorm)
        let optimizer = AdamW(weightDecay: parameters.weightDecay)
        if trainsEncoder {
            optimizer.update(weights, gradients: first.encoderGradient, moments: encoderMoments, slots: layout.slots,
                             from: trainable, step: adamStep, learningRate: parameters.learningRate * rate)
        }
        optimizer.update(head.parameters, gradients: first.headGradient, moments: head.moments, slots: head.slots,
                         from: 0, step: adamStep, learningRate: parameters.headLearningRate * rate)
        return workers[0..<shares].reduce(0.0) { $0 + $1.loss }
    }

    /// The nodes each training text keeps at the deepest trained level, by beam search with the
    /// current encoder (dropout off, from the frozen layers' states when they are cached) and heads.
    private func beams(sequences: [[Int32]], frozen: FrozenLayerStates?, workers: [FineTuningWorker],
                       heads: [ClusterHeadWeights]) throws -> [[Int32]] {
        let count = sequences.count, shares = max(1, min(workers.count, count)), batch = max(1, parameters.batchSize)
        let search = NeuralBeamSearch(heads: heads, tree: tree, postProcessor: NeuralMatcher.pathScore(under: postProcessor))
        let width = encoder.configuration.hiddenSize, beamWidth = beamWidth, cancel = cancel
        let slots = ResultSlots<[Int32]>(count: count, initial: [])
        runParallel(workers: shares) { k in
            let worker = workers[k], begin = k * count / shares, end = (k + 1) * count / shares
            for first in stride(from: begin, to: end, by: batch) where cancel?.isCancelled != true {
                let texts = Array(first..<min(end, first + batch))
                frozen?.gather(texts, into: worker.states)
                worker.pass.forward(TokenBatch(texts.map { sequences[$0] }), dropout: .none,
                                    states: frozen == nil ? nil : UnsafePointer(worker.states.pointer), firstLayer: frozen?.layers ?? 0)
                for (row, text) in texts.enumerated() {
                    slots.pointer[text] = search.clusters(of: worker.pass.pooled.pointer + row * width, beamWidth: beamWidth, onLevel: nil)
                        .map { Int32($0.node) }
                }
            }
        }
        if cancel?.isCancelled == true { throw XRLinearError.cancelled }
        return slots.array()
    }

    /// target[i] += source[i].
    static func add(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count { target[i] += source[i] }
    }

    /// 0..<count in the order of a Fisher–Yates shuffle seeded by (seed, level, epoch).
    static func shuffled(_ count: Int, seed: UInt64, level: Int, epoch: Int) -> [Int] {
        var generator = SplitMix64(seed: seed &+ UInt64(level) << 40 &+ UInt64(epoch) << 20 &+ 0x51ED)
        var order = Array(0..<count)
        for i in stride(from: count - 1, to: 0, by: -1) { order.swapAt(i, generator.nextInt(below: i + 1)) }
        return order
    }
}
