// swift-tools-version:6.0
import Foundation
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
        .target(name: "CVectorKernels", path: "Sources/CVectorKernels"),
        .target(name: "XMR", dependencies: ["CFileShims", "CVectorKernels", "COpenBLAS", "CZlib"], path: "Sources/XMR"),
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
        // Helpers more than one test target uses (test targets cannot import each other).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "XMRTests", dependencies: ["XMR", "TestSupport"], path: "Tests/XMRTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "WorkbenchCoreTests", dependencies: ["WorkbenchCore", "XMR", "TestSupport"],
                    path: "Tests/WorkbenchCoreTests", resources: [.copy("Snapshots")]),
        .testTarget(name: "EndToEndTests", dependencies: ["XMR"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)

// MPI (issue 16): `xmr-mpi` and its targets exist only where an MPI implementation's pkg-config
// file is installed (Debian: libopenmpi-dev or libmpich-dev), so `xmr` builds and tests without MPI.
let mpiPkgConfig = ["/usr/lib/x86_64-linux-gnu/pkgconfig", "/usr/lib/aarch64-linux-gnu/pkgconfig", "/usr/lib/pkgconfig",
                    "/usr/local/lib/pkgconfig", "/opt/homebrew/lib/pkgconfig"]
if mpiPkgConfig.contains(where: { FileManager.default.fileExists(atPath: $0 + "/mpi-c.pc") }) {
    package.products.append(.executable(name: "xmr-mpi", targets: ["xmr-mpi"]))
    package.targets += [
        .systemLibrary(name: "CMPI", path: "Sources/CMPI", pkgConfig: "mpi-c",
                       providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
        .target(name: "XMRDistributed", dependencies: ["XMR", "CMPI"], path: "Sources/XMRDistributed"),
        .executableTarget(name: "xmr-mpi", dependencies: [
            "XMRDistributed", "XMR", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/xmr-mpi"),
    ]
}

