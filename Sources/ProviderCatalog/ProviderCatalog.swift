import Experiments
import LinearFrequencyPrinciple
import NumericProviders
import StageTheorems
import Verification

/// Every quantity provider the suite ships, from every module that computes or
/// measures something: the numeric providers (`constant`, `expression`,
/// `integral`), the papers' experiments, the linear frequency principle and the
/// stage theorems.
///
/// A module that adds providers exposes them as a list (`experimentProviders`)
/// and is added here, once; nothing else needs to know about it.
public var allProviders: [any QuantityProvider] {
  numericProviders + experimentProviders + lfpProviders + stageProviders
}

extension ProviderRegistry {
  /// Every provider of `allProviders`: the registry `fprinciple verify`,
  /// `fprinciple providers` and the theorem-file tests run with.
  public static var standard: ProviderRegistry { ProviderRegistry(allProviders) }
}
