// swift-tools-version:6.0
import PackageDescription

// A user's own label indexer plugged into the XMR pipeline; depends on the XMR library product of
// the repository two folders up.
let package = Package(
    name: "CustomIndexer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "XMRWorkbench", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "CustomIndexer",
            dependencies: [.product(name: "XMR", package: "XMRWorkbench")],
            path: "Sources/CustomIndexer"),
    ],
    swiftLanguageModes: [.v6]
)
