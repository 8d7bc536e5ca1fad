import WorkbenchCore

/// GNU readline is the runtime's line input.
extension ReadlineLineInput: LineInput {}
