extension WorkbenchReducer {
    /// Tree screen keys: move, expand/collapse (Enter, Space, ←/→), `/` search, `n` next match.
    static func reduceTree(_ state: inout WorkbenchState, key: Key) -> [Effect] {
        guard let overview = state.treeOverview else {
            if key == .character("/") { state.message = "No label tree yet: train a model first (2, then s)" }
            return []
        }
        switch key {
        case .character("/"):
            state.treeScreen.search = LineEditor()
            state.treeScreen.searchMessage = nil
            state.focus(.treeOutline)
            return []
        case .character("n"):
            jumpToMatch(&state, overview: overview, text: state.treeScreen.lastSearch, next: true)
            return []
        default:
            break
        }
        guard state.focus == .treeOutline else { return [] }
        let rows = TreeOutline.visibleNodes(of: overview, expanded: state.treeScreen.expanded)
        let current = rows.firstIndex(of: state.treeScreen.selected) ?? 0
        let layout = WorkbenchLayout(width: state.width, height: state.height)
        if let next = navigate(current, count: rows.count, key: key, page: layout.treeOutlineList.height - 1) {
            state.treeScreen.selected = rows[next]
            return []
        }
        let node = state.treeScreen.selected
        let isLeaf = node.level >= overview.tree.depth
        switch key {
        case .enter, .character(" "):
            if !isLeaf {
                if state.treeScreen.expanded.contains(node) {
                    state.treeScreen.expanded.remove(node)
                } else {
                    state.treeScreen.expanded.insert(node)
                }
            }
        case .right, .character("l"):
            if isLeaf { break }
            if state.treeScreen.expanded.contains(node) {
                // The row after an expanded node is its first child.
                if current + 1 < rows.count, rows[current + 1].level == node.level + 1 {
                    state.treeScreen.selected = rows[current + 1]
                }
            } else {
                state.treeScreen.expanded.insert(node)
            }
        case .left, .character("h"):
            if state.treeScreen.expanded.contains(node) && !isLeaf {
                state.treeScreen.expanded.remove(node)
            } else if let parent = TreeOutline.ancestors(of: node, in: overview).last {
                state.treeScreen.selected = parent
            }
        default:
            break
        }
        return []
    }

    /// A key while the tree's label search is open: typing jumps to the best match as you type,
    /// Enter jumps to the next match and closes the search, Esc closes it.
    static func reduceTreeSearch(_ state: inout WorkbenchState, key: Key) -> [Effect]? {
        guard var editor = state.treeScreen.search, let overview = state.treeOverview else { return nil }
        switch key {
        case .enter:
            submitTreeSearch(&state, editor.text)
            return []
        case .escape:
            state.treeScreen.search = nil
            return []
        case .up, .down, .tab, .backTab:
            state.treeScreen.search = nil
            return nil
        default:
            break
        }
        guard editor.handle(key) != .ignored else { return [] }
        state.treeScreen.search = editor
        jumpToMatch(&state, overview: overview, text: editor.text, next: false)
        return []
    }

    /// Ends a search with Enter: typing already jumped to the best match; an empty search repeats
    /// the last one.
    static func submitTreeSearch(_ state: inout WorkbenchState, _ text: String) {
        if text.isEmpty, let overview = state.treeOverview {
            jumpToMatch(&state, overview: overview, text: state.treeScreen.lastSearch, next: true)
        } else if state.treeScreen.searchHistory.last != text {
            state.treeScreen.searchHistory.append(text)
        }
        state.treeScreen.search = nil
        state.treeScreen.searchLabel = nil
    }

    /// Selects the first (or, with `next`, the following) label matching `text` and expands its path.
    static func jumpToMatch(_ state: inout WorkbenchState, overview: TreeOverview, text: String, next: Bool) {
        guard !text.isEmpty else {
            state.treeScreen.searchMessage = nil
            return
        }
        let matches = TreeOutline.search(text, in: overview)
        guard !matches.isEmpty else {
            state.treeScreen.searchMessage = "no label name contains “\(text)”"
            state.treeScreen.lastSearch = text
            state.treeScreen.matchIndex = -1
            return
        }
        var index = 0
        if next, text == state.treeScreen.lastSearch { index = (state.treeScreen.matchIndex + 1) % matches.count }
        state.treeScreen.lastSearch = text
        state.treeScreen.matchIndex = index
        let leaf = TreeNodeID(level: overview.tree.depth, index: matches[index])
        for ancestor in TreeOutline.ancestors(of: leaf, in: overview) { state.treeScreen.expanded.insert(ancestor) }
        state.treeScreen.selected = leaf
        state.treeScreen.searchMessage = "match \(index + 1) of \(matches.count) for “\(text)” (n: next)"
    }
}
