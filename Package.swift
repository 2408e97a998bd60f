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
    .library(name: "Spectral", targets: ["Spectral"]),
    .library(name: "GradientFlow", targets: ["GradientFlow"]),
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
    // Spectral measurements of the F-Principle papers: DFT/FFT, non-uniform DFT,
    // per-frequency errors and convergence epochs, Gaussian filtering, the
    // deep-F-Principle low-frequency ratio, the Jacobi contrast.
    .target(
      name: "Spectral",
      dependencies: [
        "MultiPrecision",
        .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "ComplexModule", package: "swift-numerics"),
      ],
      exclude: ["README.md"]
    ),
    // Release-mode benchmark of the FFT (Benchmarks/spectral/run.sh).
    .executableTarget(
      name: "SpectralBenchmark",
      dependencies: ["Spectral", .product(name: "ComplexModule", package: "swift-numerics")],
      path: "Benchmarks/spectral/Sources"
    ),
    .target(
      name: "GradientFlow",
      dependencies: ["MultiPrecision", "COpenBLAS", .product(name: "RealModule", package: "swift-numerics")]
    ),
    // Benchmark driver for Benchmarks/gradientflow/run.sh (release build).
    .executableTarget(
      name: "flow-bench",
      dependencies: ["GradientFlow", "COpenBLAS"],
      path: "Benchmarks/gradientflow/flow-bench"
    ),
    .executableTarget(
      name: "fprinciple",
      dependencies: [
        "MultiPrecision",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "MultiPrecisionTests",
      dependencies: ["MultiPrecision", .product(name: "RealModule", package: "swift-numerics")],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "SpectralTests",
      dependencies: [
        "Spectral", "MultiPrecision",
        .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "ComplexModule", package: "swift-numerics"),
      ]
    ),
    .testTarget(
      name: "GradientFlowTests",
      dependencies: ["GradientFlow", "MultiPrecision", .product(name: "RealModule", package: "swift-numerics")]
    ),
  ]
)
