// swift-tools-version:6.0
//
// fprinciple: a theory verification and numeric proof-checking suite for the
// Frequency Principle of deep neural networks.
//
// Lower modules never import higher ones (see README.md, "Modules").

import PackageDescription

let package = Package(
  name: "fprinciple",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "MultiPrecision", targets: ["MultiPrecision"]),
    .executable(name: "fprinciple", targets: ["fprinciple"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // System library: gmp.h and mpfr.h, found through pkg-config `mpfr`.
    .systemLibrary(
      name: "CMPFR",
      pkgConfig: "mpfr",
      providers: [.apt(["libmpfr-dev", "libgmp-dev"]), .brew(["mpfr", "gmp"])]
    ),
    // System library: OpenBLAS (CBLAS + bundled LAPACK), pkg-config `openblas`.
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
    ),
    .target(
      name: "MultiPrecision",
      dependencies: [
        "CMPFR",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      exclude: ["README.md"]
    ),
    .executableTarget(
      name: "fprinciple",
      dependencies: [
        "MultiPrecision",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Reads its mpmath reference values from Tests/Fixtures/MultiPrecision
    // (script + data) through #filePath.
    .testTarget(
      name: "MultiPrecisionTests",
      dependencies: ["MultiPrecision", "CMPFR", .product(name: "RealModule", package: "swift-numerics")]
    ),
    // Stress program for scripts/leakcheck.sh (valgrind); not part of `swift test`.
    .executableTarget(
      name: "mp-stress",
      dependencies: ["MultiPrecision"]
    ),
    // Benchmarks/mpfr-overhead: the Swift side (the C side is built by run.sh).
    .executableTarget(
      name: "mpfr-overhead-swift",
      dependencies: ["MultiPrecision"],
      path: "Benchmarks/mpfr-overhead/Swift"
    ),
  ]
)
