import Verification

/// The providers of the papers' experiments.
public var experimentProviders: [any QuantityProvider] {
  [FPrinciple1DProvider(), FilteringProvider(), DeepFrequencyProvider(), JacobiProvider(), GeneralisationProvider()]
}

extension ProviderRegistry {
  /// The built-in providers plus the experiments': what `fprinciple verify`
  /// and the theorem-file tests run with.
  public static func withExperiments() -> ProviderRegistry {
    var r = ProviderRegistry.builtin
    for p in experimentProviders { r.register(p) }
    return r
  }
}
