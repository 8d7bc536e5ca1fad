// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "XMRWorkbench",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "XMR", targets: ["XMR"]),
        .library(name: "WorkbenchCore", targets: ["WorkbenchCore"]),
        .executable(name: "xmr", targets: ["xmr"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CFileShims", path: "Sources/CFileShims"),
        .target(name: "XMR", dependencies: ["CFileShims", "COpenBLAS", "CZlib"], path: "Sources/XMR"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS",
                       providers: [.apt(["libopenblas-dev"])]),
        .target(name: "WorkbenchCore", dependencies: ["XMR"], path: "Sources/WorkbenchCore"),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline",
                       providers: [.apt(["libreadline-dev"])]),
        .target(name: "CTermShims", path: "Sources/CTermShims",
                linkerSettings: [.linkedLibrary("ncursesw")]),
        .executableTarget(
            name: "xmr",
            dependencies: [
                "XMR", "WorkbenchCore", "CNCurses", "CReadline", "CTermShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/xmr"),
        .testTarget(name: "XMRTests", dependencies: ["XMR"], path: "Tests/XMRTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WorkbenchCoreTests", dependencies: ["WorkbenchCore", "XMR"],
                    path: "Tests/WorkbenchCoreTests", resources: [.copy("Snapshots")]),
        .testTarget(name: "EndToEndTests", dependencies: ["XMR"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
