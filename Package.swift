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
    .library(name: "Quadrature", targets: ["Quadrature"]),
    .executable(name: "fprinciple", targets: ["fprinciple"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
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
    // High-precision quadrature: Gauss rules, double-exponential rules,
    // Fourier integrals, tensor-product and radial rules.
    .target(
      name: "Quadrature",
      dependencies: ["MultiPrecision", .product(name: "RealModule", package: "swift-numerics")],
      exclude: ["README.md"]
    ),
    // Release benchmark of Quadrature against mpmath and python-flint (Benchmarks/quadrature/run.sh).
    .executableTarget(
      name: "quad-bench",
      dependencies: ["Quadrature", "MultiPrecision"],
      path: "Benchmarks/quadrature/quad-bench"
    ),
    // The expression language of claims and conjectures: parser, printer,
    // evaluation generic over the scalar (Double, MPFloat, MPInterval).
    .target(
      name: "Expressions",
      dependencies: ["MultiPrecision"],
      exclude: ["README.md"]
    ),
    // Theorem files, sweeps, verdicts, the runner and the report writers.
    .target(
      name: "Verification",
      dependencies: [
        "CMPFR",
        "Expressions",
        "MultiPrecision",
        "Quadrature",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      exclude: ["README.md"]
    ),
    // Benchmark driver for Benchmarks/expressions/run.sh (release build).
    .executableTarget(
      name: "expr-bench",
      dependencies: ["Expressions", "MultiPrecision"],
      path: "Benchmarks/expressions/expr-bench"
    ),
    .executableTarget(
      name: "fprinciple",
      dependencies: [
        "MultiPrecision",
        "Expressions",
        "Quadrature",
        "Verification",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"]
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
      name: "VerificationTests",
      dependencies: ["Verification", "Expressions", "MultiPrecision"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "QuadratureTests",
      dependencies: ["Quadrature", "MultiPrecision", .product(name: "RealModule", package: "swift-numerics")]
    ),
  ]
)
