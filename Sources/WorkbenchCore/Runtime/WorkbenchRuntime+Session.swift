import Foundation

@available(macOS 15.0, *)
extension WorkbenchRuntime {
    /// Moves to a copy of the example session as soon as the session differs from the committed one
    /// (a query in the history, changed parameters, a sweep), so using the example never changes it.
    func keepExamplePristine() {
        guard let pristine = pristineExample else { return }
        var now = state.sessionToSave
        now.savedAt = pristine.savedAt
        if now != pristine { copyExample() }
    }

    /// Renames the session to a free "example-copy" name and saves it there.
    func copyExample() {
        guard let pristine = pristineExample else { return }
        pristineExample = nil
        var name = "\(pristine.name)-copy"
        var number = 2
        while store.exists(name) {
            name = "\(pristine.name)-copy-\(number)"
            number += 1
        }
        _ = apply(.sessionCopied(from: pristine.name, to: name))
        if let problem = saveSession() { _ = apply(.sessionSaveFailed(problem)) }
    }

    /// Saves the session atomically; returns the problem, if the save failed.
    func saveSession() -> String? {
        // A signal or quit before any key: the example is still as committed.
        keepExamplePristine()
        if pristineExample != nil { return rememberLast() }
        var session = state.sessionToSave
        do {
            // A session left as it was loaded is not rewritten: opening the committed example
            // session and quitting must not dirty the user's checkout.
            if store.exists(session.name), let stored = try? store.load(session.name) {
                var unchanged = session
                unchanged.savedAt = stored.savedAt
                if unchanged == stored { return rememberLast() }
            }
            session.savedAt = Date()
            try store.save(session)
            return rememberLast()
        } catch {
            return Self.describe(error)
        }
    }

    /// Records this session as the last one opened; returns the problem, if that failed.
    private func rememberLast() -> String? {
        do {
            try store.rememberLast(state.session.name)
            return nil
        } catch {
            return Self.describe(error)
        }
    }
}
