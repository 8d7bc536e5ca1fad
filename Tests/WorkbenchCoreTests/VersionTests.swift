import Testing
@testable import WorkbenchCore

@Test func versionIsSet() { #expect(!workbenchVersion.isEmpty) }
