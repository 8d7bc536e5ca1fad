extension WorkbenchReducer {
    /// Data screen keys: n/p move between examples; arrows scroll the focused pane.
    static func reduceData(_ state: inout WorkbenchState, key: Key) -> [Effect] {
        guard let data = state.data else { return [] }
        let count = data.trainCount
        switch key {
        case .character("n"):
            if count > 0 { state.dataScreen.exampleIndex = (state.dataScreen.exampleIndex + 1) % count }
            state.dataScreen.exampleScroll = 0
            return []
        case .character("p"):
            if count > 0 { state.dataScreen.exampleIndex = (state.dataScreen.exampleIndex - 1 + count) % count }
            state.dataScreen.exampleScroll = 0
            return []
        default:
            break
        }
        let layout = WorkbenchLayout(width: state.width, height: state.height)
        switch state.focus {
        case .dataLabels:
            if let next = navigate(state.dataScreen.labelSelection, count: data.labelsByFrequency.count, key: key,
                                   page: layout.dataLabels.height - 2) {
                state.dataScreen.labelSelection = next
            }
        default:
            switch key {
            case .up, .character("k"): state.dataScreen.exampleScroll = max(0, state.dataScreen.exampleScroll - 1)
            case .down, .character("j"): state.dataScreen.exampleScroll += 1
            case .right, .enter: return reduceData(&state, key: .character("n"))
            case .left: return reduceData(&state, key: .character("p"))
            case .home: state.dataScreen.exampleIndex = 0
            case .end: state.dataScreen.exampleIndex = max(0, count - 1)
            default: break
            }
        }
        return []
    }
}
