import Foundation

/// The linear training problem of one `TrainingInput`, built once and shared by the linear
/// matcher and the linear ranker (packing the rows and listing every node's points costs time).
///
/// `@unchecked Sendable` is safe: the stored problem is read and written under `lock`.
final class TrainingInputCache: @unchecked Sendable {
    private let lock = NSLock()
    private var problem: LinearTrainingProblem?

    /// The problem for `input` on `tree` with `parameters`' ranker settings, built on first use
    /// (`denseColumns`: see `LinearTrainingProblem.init`).
    func linearProblem(_ input: TrainingInput, tree: LabelTree, parameters: Pipeline,
                       denseColumns: Int? = nil) throws -> LinearTrainingProblem {
        lock.lock()
        defer { lock.unlock() }
        if let problem, problem.tree == tree, problem.parameters == parameters,
           denseColumns == nil || denseColumns == problem.packed.denseWidth { return problem }
        let built = try LinearTrainingProblem(x: input.features, labels: input.labels, tree: tree, parameters: parameters,
                                              denseColumns: denseColumns)
        problem = built
        return built
    }

    /// Drops the stored problem (its packed rows and point sets), for when no stage needs it any more.
    func release() {
        lock.lock()
        defer { lock.unlock() }
        problem = nil
    }
}
