import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and removes the temporary files and folders a killed save left behind.
///
/// Saves name their temporaries `.NAME.KIND-PID` or `.NAME.KIND-PID-TOKEN`; an entry of that
/// exact form whose process no longer exists belongs to nobody and is removed. Anything else,
/// and anything of a live process (including this one), is left alone.
public enum StaleTemporaries {
    /// The process id in `entry` when it is `.NAME.KIND-PID[-TOKEN]` for one of `kinds`.
    static func owner(of entry: String, kinds: [String]) -> (pid: pid_t, name: String, kind: String)? {
        guard entry.hasPrefix(".") else { return nil }
        for kind in kinds {
            guard let range = entry.range(of: ".\(kind)-", options: .backwards),
                  range.lowerBound > entry.index(after: entry.startIndex) else { continue }
            let name = String(entry[entry.index(after: entry.startIndex)..<range.lowerBound])
            let tail = entry[range.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
            guard tail.count == 1 || tail.count == 2, tail.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  let pid = pid_t(tail[0]), pid > 0 else { continue }
            return (pid, name, kind)
        }
        return nil
    }

    /// True while a process with id `pid` exists.
    static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// The stale entries (`kinds` as in `.NAME.KIND-PID`) in `folder`, by name.
    public static func find(in folder: URL, kinds: [String]) -> [(entry: String, name: String, kind: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.sorted().compactMap { entry in
            guard let owner = owner(of: entry, kinds: kinds), owner.pid != getpid(), !isAlive(owner.pid) else { return nil }
            return (entry, owner.name, owner.kind)
        }
    }

    /// Removes the stale entries of `kinds` in `folder`; returns their names. Failures are ignored
    /// (a leftover that cannot be removed now is tried again on the next save).
    @discardableResult
    public static func remove(in folder: URL, kinds: [String]) -> [String] {
        find(in: folder, kinds: kinds).compactMap { stale in
            (try? FileManager.default.removeItem(at: folder.appendingPathComponent(stale.entry))) == nil ? nil : stale.entry
        }
    }
}
