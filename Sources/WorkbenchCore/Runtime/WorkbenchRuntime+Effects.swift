import Foundation

@available(macOS 15.0, *)
extension WorkbenchRuntime {
    /// Performs the reducer's effects; true when the workbench must quit.
    func perform(_ effects: [Effect]) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case .loadDataset:
                startLoading(datasetURL)
            case .cancelTraining:
                training?.cancel()
            case .startTraining(let parameters):
                // A training writes a model folder: never inside the example's.
                copyExample()
                startTraining(parameters)
            case .runQuery(let request):
                if perform(runQuery(request)) { return true }
            case .saveSession:
                if let problem = saveSession() { _ = apply(.sessionSaveFailed(problem)) }
            case .loadRun(let number):
                if perform(loadRun(number)) { return true }
            case .unloadModel:
                model = nil
                modelRun = nil
            case .deleteModelFolder(let folder):
                do {
                    // Removes only folders inside the sessions directory (symbolic links resolved).
                    try store.deleteModelFolder(folder)
                } catch {
                    _ = apply(.modelFolderKept(Self.describe(error)))
                }
            case .sweepBeamWidths(let run, let widths):
                startSweep(run: run, widths: widths)
            case .cancelSweep:
                sweep?.cancel()
            case .calibrateRun(let number):
                startCalibration(run: number)
            case .cancelCalibration:
                calibration?.cancel.cancel()
            }
        }
        return false
    }

    /// Answers a query right here: beam search on one point takes milliseconds.
    private func runQuery(_ request: QueryRequest) -> [Effect] {
        guard let model, let data = state.data else { return [] }
        do {
            return apply(.queryAnswered(try model.answer(request, dataset: data.dataset)))
        } catch {
            return apply(.queryFailed(Self.describe(error)))
        }
    }

    /// Loads run `number`'s model (Tree and Query use it after): at once when it is the model in
    /// memory, else from its folder on a worker thread.
    private func loadRun(_ number: Int) -> [Effect] {
        guard let data = state.data, let run = state.session.run(numbered: number) else { return [] }
        if modelRun == number, let model {
            let tree = state.treeOverview ?? TreeOverview(tree: model.tree, dataset: data.dataset,
                                                          labelFrequencies: data.labelFrequencies)
            return apply(.runModelLoaded(run: number, tree: tree))
        }
        let engine = self.engine
        let folder = store.url(ofModelFolder: run.modelFolder)
        let slot = modelLoad
        Thread.detachNewThread {
            let result = Result { () throws -> (any TrainedWorkbenchModel, TreeOverview) in
                let trained = try engine.loadModel(at: folder, dataset: data.dataset, summary: run.trainingSummary)
                return (trained, Self.treeOverview(of: trained, data: data))
            }
            slot.put((number, result))
        }
        return []
    }

    /// The Tree screen's overview of `trained`'s tree (built on the worker: it reads every ranker).
    static func treeOverview(of trained: any TrainedWorkbenchModel, data: DatasetOverview) -> TreeOverview {
        TreeOverview(tree: trained.tree, dataset: data.dataset, labelFrequencies: data.labelFrequencies,
                     rankerFeatures: { trained.rankerFeatures(ofNode: $0, atLevel: $1, count: $2) })
    }
}
