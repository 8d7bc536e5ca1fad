import XMR

extension WorkbenchReducer {
    /// Train screen keys: move through the form, edit or cycle a field, `d` restores its default,
    /// `s` starts training.
    static func reduceTrain(_ state: inout WorkbenchState, key: Key) -> [Effect] {
        if key == .character("s") { return startTraining(&state) }
        guard state.focus == .trainForm else { return [] }
        let fields = TrainingField.visible(in: state.trainScreen.parameters)
        let field = state.trainScreen.selectedField
        if let next = navigate(fields.firstIndex(of: field) ?? 0, count: fields.count, key: key, page: 4) {
            state.trainScreen.selectedField = fields[next]
            state.trainScreen.validationError = nil
            return []
        }
        switch key {
        case .enter, .character(" "):
            if field.choices != nil {
                field.cycle(&state.trainScreen.parameters, step: 1)
            } else {
                let text = field.value(in: state.trainScreen.parameters)
                state.trainScreen.fieldEditor = LineEditor(text: text == "auto" || text == "none" ? "" : text)
            }
        case .right, .character("l"):
            field.cycle(&state.trainScreen.parameters, step: 1)
        case .left, .character("h"):
            field.cycle(&state.trainScreen.parameters, step: -1)
        case .character("d"):
            _ = field.assign(field.value(in: Pipeline()), to: &state.trainScreen.parameters)
            state.trainScreen.validationError = nil
        default:
            break
        }
        return []
    }

    /// `s`: validates and asks the app to start a training.
    static func startTraining(_ state: inout WorkbenchState) -> [Effect] {
        if state.isTraining {
            state.message = "A training is already running (c cancels it)"
            return []
        }
        guard state.data != nil else {
            state.message = state.isLoading ? "The dataset is still loading" : "No dataset is loaded"
            state.messageIsError = true
            return []
        }
        state.trainScreen.fieldEditor = nil
        state.trainScreen.validationError = nil
        let parameters = state.trainScreen.parameters
        state.trainScreen.lastParameters = parameters
        state.trainScreen.status = .running(TrainingSnapshot(phase: .preparing, detail: "starting"))
        state.focus(.trainProgress)
        return [.startTraining(parameters)]
    }

    /// A key while a form field is being edited: Enter commits (if valid), Esc cancels, ↑/↓ and
    /// Tab commit and move on.
    static func reduceFieldEditor(_ state: inout WorkbenchState, key: Key) -> [Effect]? {
        guard var editor = state.trainScreen.fieldEditor else { return nil }
        let field = state.trainScreen.selectedField
        func commit() -> Bool {
            if let error = field.assign(editor.text, to: &state.trainScreen.parameters) {
                state.trainScreen.validationError = error
                state.trainScreen.fieldEditor = editor
                return false
            }
            state.trainScreen.validationError = nil
            state.trainScreen.fieldEditor = nil
            return true
        }
        switch key {
        case .up, .down, .tab, .backTab:
            if !commit() { return [] }
            return nil
        case .enter:
            _ = commit()
            return []
        case .escape:
            state.trainScreen.fieldEditor = nil
            state.trainScreen.validationError = nil
            return []
        default:
            break
        }
        switch editor.handle(key) {
        case .ignored:
            return []
        default:
            state.trainScreen.fieldEditor = editor
            state.trainScreen.validationError = nil
            return []
        }
    }
}
