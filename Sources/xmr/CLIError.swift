import ArgumentParser
import Foundation
import XMR

/// Error reporting shared by the `xmr` subcommands: one clean line on stderr, exit status 1.
enum CLIError {
    /// Runs `body`; any error it throws is printed as `xmr: <message>` on stderr and becomes exit status 1.
    ///
    /// Errors that ArgumentParser handles itself (`ExitCode`, `ValidationError`, `CleanExit`) pass
    /// through unchanged, so usage errors keep their exit status 2.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            exitWithError(message(for: error))
        }
    }

    /// Parses and runs the root command like ArgumentParser's `main()`, but usage errors exit with
    /// status 2 (DESIGN.md) instead of ArgumentParser's 64. Call it from the root command's
    /// `static func main()`.
    static func main<Root: ParsableCommand>(_ root: Root.Type, arguments: [String]? = nil) -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch {
            if root.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((root.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            root.exit(withError: error)
        }
    }

    /// Prints `xmr: <message>` (flattened to one line) on stderr and exits with status 1.
    static func exitWithError(_ message: String) -> Never {
        // Control bytes quoted from input files must not reach the terminal raw.
        let line = PrintableText.escaped(message.split(whereSeparator: \.isNewline).joined(separator: " "))
        FileHandle.standardError.write(Data("xmr: \(line)\n".utf8))
        exit(1)
    }

    /// The one-line text for an error: a `LocalizedError`'s description, else its `description`.
    static func message(for error: Error) -> String {
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        return String(describing: error)
    }
}
