// swift-tools-version:6.0
//
// fprinciple: a theory verification and numeric proof-checking suite for the
// Frequency Principle of deep neural networks.
//
// Lower modules never import higher ones (see README.md, "Modules").

import PackageDescription

let numerics: [Target.Dependency] = [.product(name: "RealModule", package: "swift-numerics")]
let complex: Target.Dependency = .product(name: "ComplexModule", package: "swift-numerics")

let package = Package(
  name: "fprinciple",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "JSONCodec", targets: ["JSONCodec"]),
    .library(name: "MultiPrecision", targets: ["MultiPrecision"]),
    .library(name: "BallArithmetic", targets: ["BallArithmetic"]),
    .library(name: "Expressions", targets: ["Expressions"]),
    .library(name: "Quadrature", targets: ["Quadrature"]),
    .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    .library(name: "GradientFlow", targets: ["GradientFlow"]),
    .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
    .library(name: "Spectral", targets: ["Spectral"]),
    .library(name: "Verification", targets: ["Verification"]),
    .library(name: "Reports", targets: ["Reports"]),
    .library(name: "NumericProviders", targets: ["NumericProviders"]),
    .library(name: "Experiments", targets: ["Experiments"]),
    .library(name: "LinearFrequencyPrinciple", targets: ["LinearFrequencyPrinciple"]),
    .library(name: "StageTheorems", targets: ["StageTheorems"]),
    .executable(name: "fprinciple", targets: ["fprinciple"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // MARK: System libraries
    // gmp.h and mpfr.h, found through pkg-config `mpfr`.
    .systemLibrary(
      name: "CMPFR",
      pkgConfig: "mpfr",
      providers: [.apt(["libmpfr-dev", "libgmp-dev"]), .brew(["mpfr", "gmp"])]
    ),
    // Arb ball arithmetic (on FLINT): Debian ships no pkg-config file, so the module map
    // links flint-arb and flint; headers in /usr/include and /usr/include/flint.
    .systemLibrary(
      name: "CArb",
      providers: [.apt(["libflint-arb-dev", "libflint-dev"]), .brew(["flint"])]
    ),
    // OpenBLAS (CBLAS + bundled LAPACK), pkg-config `openblas`.
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
    ),

    // AVX-512 kernels of the NeuralNetworks Double fast paths (bit-identical to the Swift ones),
    // chosen at run time.
    // Optimised in debug builds too (as LinearFrequencyPrinciple's GD loop): at -O0 the GD kernel
    // runs several times slower than the Swift loop it replaces.
    .target(
      name: "CNetworkKernels", exclude: ["README.md"],
      cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
    // MPFR values of Lambert W and the Bessel functions MPFR lacks, rounded correctly from
    // Arb's enclosures (C, so that Swift sees MPFR only through CMPFR).
    .target(
      name: "CArbBridge", exclude: ["README.md"],
      cSettings: [.unsafeFlags(["-I/usr/include/flint"])],
      linkerSettings: [.linkedLibrary("flint-arb"), .linkedLibrary("flint"), .linkedLibrary("mpfr")]),

    // MARK: Library modules, lowest first
    // The package's one codec for untyped JSON (`JSONValue`): network and result files, the
    // command-line tool's output.
    .target(name: "JSONCodec", exclude: ["README.md"]),
    // The MPFR real, function and constant tables, RealScalar; Arb for the functions
    // MPFR lacks (rounded correctly from Arb's enclosures).
    .target(
      name: "MultiPrecision", dependencies: ["CMPFR", "CArbBridge"] + numerics,
      exclude: ["README.md", "BRANCHES.md"]),
    // Arb's real and complex balls (ArbBall, AcbBall): every certified enclosure of the suite.
    .target(name: "BallArithmetic", dependencies: ["CArb", "CMPFR", "MultiPrecision"], exclude: ["README.md"]),
    // The expression language of claims and conjectures: parser, printer,
    // evaluation generic over the scalar (Double, MPFloat, ArbBall, AcbBall).
    .target(name: "Expressions", dependencies: ["MultiPrecision", "BallArithmetic", "CArb"], exclude: ["README.md"]),
    // High-precision quadrature: Gauss rules, double-exponential rules,
    // Fourier integrals, tensor-product and radial rules.
    .target(
      name: "Quadrature", dependencies: ["MultiPrecision", "BallArithmetic", "CArb"] + numerics, exclude: ["README.md"]),
    // Dense matrices and vectors, generic over the scalar; DenseScalar, the customisation
    // points with BLAS/LAPACK witnesses for Double.
    .target(
      name: "LinearAlgebra", dependencies: ["MultiPrecision", "COpenBLAS"] + numerics,
      exclude: ["README.md"]),
    // ODE integrators (one call shape) and linear flows.
    .target(
      name: "GradientFlow", dependencies: ["MultiPrecision", "LinearAlgebra"] + numerics,
      exclude: ["README.md"]),
    // Fully connected networks (NetworkScalar: CBLAS for Double, plain loops for MPFloat),
    // activations, losses, optimisers, training (exact gradient flow through
    // GradientFlow), data (synthetic targets, vendored UCI digits).
    .target(
      name: "NeuralNetworks",
      dependencies: ["MultiPrecision", "LinearAlgebra", "GradientFlow", "CNetworkKernels", "JSONCodec"] + numerics,
      exclude: ["README.md"], resources: [.copy("Resources/digits")]),
    // Spectral measurements of the F-Principle papers: DFT/FFT, non-uniform DFT,
    // per-frequency errors and convergence epochs, Gaussian filtering, the
    // deep-F-Principle low-frequency ratio, the Jacobi contrast.
    .target(
      name: "Spectral", dependencies: ["MultiPrecision", "LinearAlgebra", complex] + numerics,
      exclude: ["README.md"]),

    // The verification engine: theorem files, sweeps, claims, verdicts, the runner,
    // results and shard merging, the provider protocol and registry.
    .target(
      name: "Verification",
      dependencies: [
        "Expressions", "MultiPrecision", "BallArithmetic", .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      exclude: ["README.md"]),
    // The reports of a run: Markdown, JSON, SVG figures and the index.
    .target(name: "Reports", dependencies: ["Verification", "Expressions"], exclude: ["README.md"]),
    // The providers computed by the suite's numerics: constant, expression, integral.
    .target(
      name: "NumericProviders",
      dependencies: ["Verification", "Expressions", "MultiPrecision", "Quadrature", "BallArithmetic", complex],
      exclude: ["README.md"]),
    // The papers' experiments as quantity providers: networks trained on the
    // papers' targets, measured by Spectral, checked by Verification.
    .target(
      name: "Experiments",
      dependencies: [
        "NeuralNetworks", "Spectral", "Verification", "MultiPrecision", "LinearAlgebra",
      ],
      exclude: ["README.md"]),

    // The linear frequency principle (1905.10264, 2010.08153, 2105.11675, 2012.03238):
    // γ(ξ)², the minimum FP-norm limit, the LFP evolution, linearised wide networks, providers.
    .target(
      name: "LinearFrequencyPrinciple",
      dependencies: [
        "MultiPrecision", "Quadrature", "LinearAlgebra", "GradientFlow", "NeuralNetworks", "Verification",
        "NumericProviders", "BallArithmetic", "CNetworkKernels",
      ] + numerics,
      exclude: ["README.md"],
      // Optimised in debug builds too: the GD loop of `GDTrainedNetwork` (SIMD blocks of 8 neurons) is
      // over 100× slower unoptimised, and `swift test` runs the lfp-gd files' quick sweeps in a debug
      // build (measured: lfp-gd-regimes' quick sweep > 100 s debug, the four lfp-gd claims 9.6 s release).
      // Swift's -O keeps IEEE semantics (no fast-math), so results are the same bits as in release.
      swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),

    // The initial, intermediate and final stages of the general theory
    // (1906.09235): the loss split at a frequency cut-off η, R(η), B(η), the
    // intermediate and final ratios, in MPFR (quadrature) and Double (FFT).
    .target(
      name: "StageTheorems",
      dependencies: [
        "CMPFR", "MultiPrecision", "Expressions", "Quadrature", "GradientFlow", "NeuralNetworks", "Spectral",
        "Verification", complex,
      ] + numerics,
      exclude: ["README.md"]),

    // The registry of every provider the suite ships (ProviderRegistry.standard).
    .target(
      name: "ProviderCatalog",
      dependencies: ["NumericProviders", "Experiments", "LinearFrequencyPrinciple", "StageTheorems", "Verification"],
      exclude: ["README.md"]),

    // MARK: Command-line tool
    .executableTarget(
      name: "fprinciple",
      dependencies: [
        "JSONCodec",
        "MultiPrecision",
        "Expressions",
        "Quadrature",
        "LinearAlgebra",
        "Verification",
        "Reports",
        "NumericProviders",
        "NeuralNetworks",
        "Experiments",
        "ProviderCatalog",
        complex,
        "LinearFrequencyPrinciple",
        "StageTheorems",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"]
    ),

    // Stress program for scripts/leakcheck.sh (valgrind); not part of `swift test`.
    .executableTarget(name: "mp-stress", dependencies: ["MultiPrecision"], exclude: ["README.md"]),

    // MARK: Fuzz targets (FuzzTargets/README.md; scripts/fuzz.sh builds them with libFuzzer and
    // AddressSanitizer). In the ordinary build each is a replayer: it runs the files or directories it
    // is given through the same reader, so a crashing input reproduces without the sanitizer build.
    .target(name: "CLibFuzzer", path: "FuzzTargets/CLibFuzzer"),
    .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], path: "FuzzTargets/FuzzSupport"),
    .executableTarget(
      name: "FuzzExpressions", dependencies: ["FuzzSupport", "Expressions", "MultiPrecision", "BallArithmetic"],
      path: "FuzzTargets/FuzzExpressions"),
    .executableTarget(
      name: "FuzzClaims", dependencies: ["FuzzSupport", "Verification", "MultiPrecision"],
      path: "FuzzTargets/FuzzClaims"),
    .executableTarget(
      name: "FuzzTheorems", dependencies: ["FuzzSupport", "Verification", "ProviderCatalog"],
      path: "FuzzTargets/FuzzTheorems"),
    .executableTarget(
      name: "FuzzCSV", dependencies: ["FuzzSupport", "NeuralNetworks"], path: "FuzzTargets/FuzzCSV"),
    .executableTarget(
      name: "FuzzNetworkJSON", dependencies: ["FuzzSupport", "NeuralNetworks", "JSONCodec"],
      path: "FuzzTargets/FuzzNetworkJSON"),
    .executableTarget(
      name: "FuzzShards", dependencies: ["FuzzSupport", "Verification", "Reports"], path: "FuzzTargets/FuzzShards"),

    // MARK: Benchmark drivers (release builds, run by Benchmarks/*/run.sh)
    .executableTarget(
      name: "mpfr-overhead-swift", dependencies: ["MultiPrecision"],
      path: "Benchmarks/mpfr-overhead/Sources/mpfr-overhead-swift"),
    .executableTarget(
      name: "expr-bench", dependencies: ["Expressions", "MultiPrecision"],
      path: "Benchmarks/expressions/Sources/expr-bench"),
    .executableTarget(
      name: "quad-bench",
      dependencies: ["Quadrature", "MultiPrecision", "BallArithmetic", "Expressions", "NumericProviders"],
      path: "Benchmarks/quadrature/Sources/quad-bench"),
    .executableTarget(
      name: "flow-bench", dependencies: ["LinearAlgebra", "GradientFlow", "COpenBLAS"],
      path: "Benchmarks/gradientflow/Sources/flow-bench"),
    .executableTarget(
      name: "train-bench", dependencies: ["NeuralNetworks", "COpenBLAS"],
      path: "Benchmarks/training/Sources/train-bench"),
    .executableTarget(
      name: "spectral-bench", dependencies: ["Spectral", complex],
      path: "Benchmarks/spectral/Sources/spectral-bench"),

    // MARK: Tests, one target per module
    // Paths inside the package (root, theorem files, fixtures) for every test target.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "JSONCodecTests", dependencies: ["JSONCodec", "TestSupport"]),
    // Reads its fixtures (script + data) through TestSupport.PackagePaths.
    .testTarget(name: "MultiPrecisionTests", dependencies: ["MultiPrecision", "CMPFR", "TestSupport"] + numerics),
    .testTarget(name: "BallArithmeticTests", dependencies: ["BallArithmetic", "MultiPrecision"]),
    .testTarget(
      name: "ExpressionsTests", dependencies: ["Expressions", "MultiPrecision", "BallArithmetic", "TestSupport"]),
    .testTarget(
      name: "QuadratureTests",
      dependencies: ["Quadrature", "MultiPrecision", "BallArithmetic", "Expressions", "TestSupport"] + numerics,
      exclude: ["Fixtures"]),
    // Seeded random matrices shared by the LinearAlgebra and GradientFlow tests.
    .target(
      name: "DenseTestSupport", dependencies: ["LinearAlgebra", "MultiPrecision"], path: "Tests/DenseTestSupport"),
    .testTarget(
      name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "MultiPrecision", "DenseTestSupport"] + numerics),
    .testTarget(
      name: "GradientFlowTests",
      dependencies: ["GradientFlow", "LinearAlgebra", "MultiPrecision", "DenseTestSupport", "TestSupport"] + numerics),
    .testTarget(
      name: "NeuralNetworksTests",
      dependencies: ["NeuralNetworks", "JSONCodec", "MultiPrecision", "LinearAlgebra", "GradientFlow", "TestSupport"]),
    .testTarget(
      name: "SpectralTests", dependencies: ["Spectral", "MultiPrecision", "TestSupport", complex] + numerics),
    .testTarget(
      name: "VerificationTests",
      dependencies: ["Verification", "Reports", "NumericProviders", "Expressions", "MultiPrecision", "TestSupport"]),
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "Verification", "MultiPrecision", "TestSupport"],
      exclude: ["Fixtures"]),
    // Runs the built `fprinciple` executable (depends on it so it is built).
    .testTarget(name: "fprincipleTests", dependencies: ["fprinciple", "MultiPrecision", "TestSupport"]),
    .testTarget(
      name: "LinearFrequencyPrincipleTests",
      dependencies: [
        "LinearFrequencyPrinciple", "NeuralNetworks", "LinearAlgebra", "GradientFlow", "MultiPrecision", "Verification",
        "TestSupport",
      ],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "StageTheoremsTests",
      dependencies: ["StageTheorems", "NeuralNetworks", "MultiPrecision", "Quadrature", "Verification"]),
    .testTarget(
      name: "ExperimentsTests",
      dependencies: [
        "Experiments", "ProviderCatalog", "Verification", "Reports", "NeuralNetworks", "Spectral", "MultiPrecision",
      ]),
    // The theorem files (Theorems/) with the catalogue of every provider: each file's quick run,
    // the controls' verdicts, the index.
    .testTarget(
      name: "ProviderCatalogTests",
      dependencies: ["ProviderCatalog", "Experiments", "Verification", "Reports", "TestSupport"]),
  ]
)
