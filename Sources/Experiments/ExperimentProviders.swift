import NumericProviders
import Verification

/// The providers of the papers' experiments.
public var experimentProviders: [any QuantityProvider] {
  [FPrinciple1DProvider(), FilteringProvider(), DeepFrequencyProvider(), JacobiProvider(), GeneralisationProvider()]
}

extension ProviderRegistry {
  /// The numeric providers plus the experiments'.
  public static func withExperiments() -> ProviderRegistry {
    var r = ProviderRegistry.numeric
    for p in experimentProviders { r.register(p) }
    return r
  }
}
