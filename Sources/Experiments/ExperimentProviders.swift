import Verification

/// The providers of the papers' experiments, each an `ExperimentProvider`:
/// what `ProviderCatalog` registers for `fprinciple verify` and the tests.
public var experimentProviders: [any QuantityProvider] {
  [
    FPrinciple1DProvider(), FilteringProvider(), ProjectionProvider(), DeepFrequencyProvider(), JacobiProvider(),
    GeneralisationProvider(),
  ]
}
