import Verification

/// The providers computed by the suite's own numerics: `constant`, `expression`
/// (interval arithmetic) and `integral` (quadrature, certified where it can be).
public var numericProviders: [any QuantityProvider] {
  [ConstantProvider(), ExpressionProvider(), IntegralProvider()]
}

extension ProviderRegistry {
  /// A registry of the numeric providers (`numericProviders`), the start of every
  /// registry the suite builds (`ProviderRegistry.standard` adds the experiments').
  public static var numeric: ProviderRegistry { ProviderRegistry(numericProviders) }
}
