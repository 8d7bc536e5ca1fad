import WorkbenchCore

/// The curses backend is the workbench runtime's terminal.
extension CursesTerminal: WorkbenchTerminal {}
