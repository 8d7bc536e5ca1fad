import Foundation

/// The id of a process that has exited (so no live process has it, barring reuse): what a
/// leftover of a killed xmr looks like to the code that cleans leftovers up.
public func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/true")
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}
