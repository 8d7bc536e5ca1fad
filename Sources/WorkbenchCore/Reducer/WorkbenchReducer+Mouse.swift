extension WorkbenchReducer {
    /// A click: on a tab switches screens; on a form row, outline row, label or run selects it
    /// (and focuses its pane).
    static func reduceMouse(_ state: inout WorkbenchState, x: Int, y: Int) -> [Effect] {
        if y == 0 {
            let ranges = TabBar.ranges(titles: Screen.allCases.map(\.title))
            if let index = ranges.firstIndex(where: { $0.contains(x) }) { state.screen = Screen(rawValue: index)! }
            return []
        }
        if state.isTyping { return [] }
        let layout = WorkbenchLayout(width: state.width, height: state.height)
        switch state.screen {
        case .train:
            let fields = TrainingField.visible(in: state.trainScreen.parameters)
            let height = TrainScreen.formRowCount(fields: fields.count, layout: layout)
            if layout.trainForm.interior.contains(x: x, y: y),
               let index = ListViewport.row(atLine: y, top: layout.trainFieldRow,
                                            selected: fields.firstIndex(of: state.trainScreen.selectedField),
                                            count: fields.count, height: height) {
                state.focus(.trainForm)
                state.trainScreen.selectedField = fields[index]
            }
        case .tree:
            guard let overview = state.treeOverview, layout.treeOutlineList.contains(x: x, y: y) else { return [] }
            let rows = TreeOutline.visibleNodes(of: overview, expanded: state.treeScreen.expanded)
            let list = layout.treeOutlineList
            if let index = ListViewport.row(atLine: y, top: list.y, selected: rows.firstIndex(of: state.treeScreen.selected),
                                            count: rows.count, height: list.height) {
                state.focus(.treeOutline)
                state.treeScreen.selected = rows[index]
            }
        case .query:
            if layout.queryPrompt.contains(x: x, y: y) {
                state.focus(.queryPrompt)
            } else if layout.queryLabelList.contains(x: x, y: y), let result = state.queryScreen.result {
                let list = layout.queryLabelList
                if let index = ListViewport.row(atLine: y, top: list.y, selected: state.queryScreen.labelSelection,
                                                count: result.ranked.count, height: list.height) {
                    state.focus(.queryLabels)
                    state.queryScreen.labelSelection = index
                }
            }
        case .data:
            if layout.dataLabels.interior.contains(x: x, y: y), let data = state.data {
                let list = layout.dataLabels.interior
                if let index = ListViewport.row(atLine: y, top: list.y, selected: state.dataScreen.labelSelection,
                                                count: data.labelsByFrequency.count, height: list.height) {
                    state.focus(.dataLabels)
                    state.dataScreen.labelSelection = index
                }
            } else if layout.dataExample.contains(x: x, y: y) {
                state.focus(.dataExample)
            }
        case .runs:
            // The table's first line is its header.
            let list = layout.runsTable.interior
            if list.contains(x: x, y: y), y > list.y,
               let index = ListViewport.row(atLine: y, top: list.y + 1, selected: state.runSelection,
                                            count: state.runs.count, height: list.height - 1) {
                state.runSelection = index
            }
        }
        return []
    }
}
