extension WorkbenchReducer {
    /// Applies what happened to the session outside the reducer: opened, a save or a folder delete
    /// failed, a model folder was taken.
    static func applySessionEvent(_ state: inout WorkbenchState, event: WorkbenchEvent) -> [Effect] {
        switch event {
        case .sessionOpened(let opening, let directory):
            state.restore(opening.session)
            state.sessionsDirectory = directory
            if let notice = opening.notice {
                state.message = notice
                state.messageIsError = true
            } else if !opening.isNew {
                state.message = "Resumed session \(opening.session.name): \(opening.session.runs.count) runs"
            }
            state.isLoading = true
            return [.loadDataset]
        case .sessionSaveFailed(let problem):
            state.message = problem
            state.messageIsError = true
        case .modelFolderKept(let reason):
            state.message = "Run removed from the session, but its model folder was kept: \(reason)"
            state.messageIsError = true
        case .modelFolderTaken:
            state.session.nextRunNumber += 1
        default:
            break
        }
        return []
    }
}
