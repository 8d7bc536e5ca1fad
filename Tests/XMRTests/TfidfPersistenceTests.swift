import Foundation
import Testing
@testable import XMR

@Suite struct TfidfPersistenceTests {
    let texts = ["An IRC client for GNOME", "a GNOME desktop theme", "IRC bouncer daemon", "Straße café naïve",
                 "café irc client", "desktop client"]

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xmr-tfidf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: [
        TfidfConfiguration(minDocumentFrequency: 1),
        TfidfConfiguration(wordNgrams: 1...2, charNgrams: 3...5, keepsNumbers: true, minDocumentFrequency: 2,
                           maxFeatures: 10, sublinearTF: false, l2Normalize: false),
    ])
    func saveThenLoadGivesIdenticalVectors(configuration: TfidfConfiguration) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var v = TfidfVectorizer(configuration: configuration)
        try v.fit(texts: texts)
        let file = directory.appendingPathComponent(TfidfVectorizer.fileName)
        try v.save(to: file)
        try v.save(to: file)  // overwriting works too
        let loaded = try TfidfVectorizer.load(from: file)
        #expect(loaded == v)
        #expect(loaded.configuration == configuration)
        #expect(loaded.transform(texts: texts + ["unseen words", ""]) == v.transform(texts: texts + ["unseen words", ""]))
        #expect(loaded.transform("GNOME irc") == v.transform("GNOME irc"))
        #expect(try TfidfVectorizer.decode(v.serialized(), file: file) == v)
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [TfidfVectorizer.fileName])
    }

    @Test func corruptFilesGiveOneLineErrorsNamingTheFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var v = TfidfVectorizer(configuration: TfidfConfiguration(minDocumentFrequency: 1))
        try v.fit(texts: texts)
        let good = [UInt8](v.serialized())
        let file = directory.appendingPathComponent("vectorizer.bin")

        func loadError(_ bytes: [UInt8]) throws -> String {
            try Data(bytes).write(to: file)
            do {
                _ = try TfidfVectorizer.load(from: file)
                return "loaded"
            } catch let error as TextVectorizerError {
                return error.description
            }
        }
        var flipped = good
        flipped[good.count / 2] ^= 0x40
        for (bytes, expected) in [
            (Array(good.prefix(good.count - 5)), "checksum mismatch"),
            (flipped, "checksum mismatch"),
            (Array("hello, world".utf8), "bad magic"),
            ([], "bad magic"),
        ] {
            let message = try loadError(bytes)
            #expect(message.hasPrefix(file.path + ": corrupt vectorizer file"))
            #expect(message.contains(expected))
            #expect(!message.contains("\n"))
        }
        let missing = directory.appendingPathComponent("absent.bin")
        #expect(throws: TextVectorizerError.self) { try TfidfVectorizer.load(from: missing) }
        do { _ = try TfidfVectorizer.load(from: missing) } catch {
            #expect("\(error)".hasPrefix(missing.path + ": cannot read vectorizer"))
        }
    }
}
