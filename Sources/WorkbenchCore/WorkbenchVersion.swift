/// The workbench version string.
public let workbenchVersion = "0.1.0"
