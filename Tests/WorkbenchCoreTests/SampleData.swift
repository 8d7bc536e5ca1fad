import Foundation
import XMR
@testable import WorkbenchCore

/// The repository's sample dataset (sample-data/debtags-small), loaded once for all tests.
enum SampleData {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data/debtags-small")

    static let dataset: Dataset = {
        do { return try DatasetLoader.load(from: directory) } catch { fatalError("cannot load the sample data: \(error)") }
    }()

    static let overview = DatasetOverview(dataset: dataset)

    /// A workbench state with the sample loaded.
    static func state(width: Int, height: Int) -> WorkbenchState {
        var state = WorkbenchState(width: width, height: height, sessionName: "test")
        _ = WorkbenchReducer.apply(&state, event: .datasetLoaded(overview))
        return state
    }
}
