import Experiments
import LinearFrequencyPrinciple
import StageTheorems
import Verification

/// Every quantity provider the suite ships, from every module that measures
/// something: the registry `fprinciple verify` and the theorem-file tests run with.
///
/// A module that adds providers exposes them as a list (`experimentProviders`)
/// and is added here, once; nothing else needs to know about it.
public var allProviders: [any QuantityProvider] {
  experimentProviders + lfpProviders + stageProviders
}

extension ProviderRegistry {
  /// The built-in providers (`expression`, `integral`, …) plus `allProviders`.
  public static var standard: ProviderRegistry {
    var r = ProviderRegistry.builtin
    for p in allProviders { r.register(p) }
    return r
  }
}
