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
    .library(name: "Expressions", targets: ["Expressions"]),
    .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
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
      ]
    ),
    // The expression language of claims and conjectures: parser, printer,
    // evaluation generic over the scalar (Double, MPFloat, MPInterval).
    .target(
      name: "Expressions",
      dependencies: ["MultiPrecision"],
      exclude: ["README.md"]
    ),
    // Fully connected networks: forward, backprop (CBLAS for Double, plain
    // loops for any RealScalar), losses, optimisers, training, data.
    .target(
      name: "NeuralNetworks",
      dependencies: ["MultiPrecision", "COpenBLAS", .product(name: "RealModule", package: "swift-numerics")],
      exclude: ["README.md"],
      resources: [.copy("Resources/digits")]
    ),
    // Release benchmark driver for Benchmarks/training/run.sh.
    .executableTarget(
      name: "train-bench",
      dependencies: ["NeuralNetworks", "COpenBLAS"],
      path: "Benchmarks/training/Sources/train-bench"
    ),
    .executableTarget(
      name: "fprinciple",
      dependencies: [
        "MultiPrecision",
        "Expressions",
        "NeuralNetworks",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "MultiPrecisionTests",
      dependencies: ["MultiPrecision", .product(name: "RealModule", package: "swift-numerics")],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "ExpressionsTests",
      dependencies: ["Expressions", "MultiPrecision"]
    ),
    // Runs the built `fprinciple` executable (depends on it so it is built).
    .testTarget(
      name: "fprincipleTests",
      dependencies: ["fprinciple"]
    ),
    .testTarget(
      name: "NeuralNetworksTests",
      dependencies: ["NeuralNetworks", "MultiPrecision"],
      path: "Tests/NeuralNetworksTests"
    ),
  ]
)
